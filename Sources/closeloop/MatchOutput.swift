import Directory
import Foundation
import Matching

/// A match result with the organizations' names, printed as the API's JSON or as tables.
struct MatchOutput {
    let result: MatchResult
    let organizationNames: [String: String]
    let barriers: [Barrier]

    func organizationName(_ match: ServiceMatch) -> String { organizationNames[match.organizationID] ?? "" }

    // MARK: JSON

    /// Byte for byte the body of `POST /api/v1/match`: the same keys (each suggestion's fields plus
    /// `organization_name`), sorted, slashes unescaped.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = APIBody(
            results: result.results.map { entry in
                APIBody.Barrier(barrier: entry.barrier, services: entry.services.map {
                    APIBody.NamedMatch(match: $0, organizationName: organizationName($0))
                })
            },
            gaps: result.gaps)
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    private struct APIBody: Encodable {
        struct NamedMatch: Encodable {
            let match: ServiceMatch
            let organizationName: String

            enum ExtraKeys: String, CodingKey { case organizationName = "organization_name" }

            func encode(to encoder: any Encoder) throws {
                try match.encode(to: encoder)
                var extra = encoder.container(keyedBy: ExtraKeys.self)
                try extra.encode(organizationName, forKey: .organizationName)
            }
        }

        struct Barrier: Encodable {
            let barrier: String
            let services: [NamedMatch]
        }

        let results: [Barrier]
        let gaps: [Gap]
    }

    // MARK: Tables

    /// One table per barrier (rank, score, service, organization, distance, wait, with the reasons
    /// wrapped under each row), then the gaps.
    func table(width: Int) -> String {
        let labels = Dictionary(barriers.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        var sections: [String] = []
        for entry in result.results {
            let label = labels[entry.barrier].map { $0.isEmpty ? "" : " — \($0)" } ?? ""
            var lines = ["\(entry.barrier)\(label)"]
            if entry.services.isEmpty {
                lines.append("  no suggestion (see gaps)")
            } else {
                lines.append(MatchTable(entry.services, organizationName: organizationName).text(width: width))
            }
            sections.append(lines.joined(separator: "\n"))
        }
        if result.gaps.isEmpty {
            sections.append("gaps: none")
        } else {
            sections.append((["gaps:"] + result.gaps.map { gap in
                MatchTable.wrap("\(gap.barrier): \(gap.reason)", width: width, firstIndent: "  - ", indent: "    ")
            }).joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }
}
