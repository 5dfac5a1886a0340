import Directory
import Foundation
import Matching
import Server

/// A match result, printed as the API's JSON or as tables.
struct MatchOutput {
    let result: MatchResult
    let barriers: [Barrier]

    // MARK: JSON

    /// Byte for byte the body of `POST /api/v1/match`: the same keys, sorted, slashes unescaped.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(MatchResource(result: result)), as: UTF8.self)
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
                lines.append(MatchTable(entry.services).text(width: width))
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
