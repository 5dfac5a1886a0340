import Directory
import Foundation
import Localization
import Matching
import Server

/// A match result, printed as the API's JSON or as tables.
struct MatchOutput {
    let result: MatchResult
    let barriers: [Barrier]
    /// The table's words (`--lang`: `cli.match.*`, reasons and gaps through `ReasonWords`) and the
    /// district's distance unit; the JSON is the API's, English.
    var words: Words = Catalogs.shipped.words("en")
    var display = DistrictDisplay()
    private var reasonWords: ReasonWords { ReasonWords(words: words, display: display) }

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
        var sections: [String] = []
        // The barrier as headings and gap sentences name it: the catalog's label, else the vocabulary's.
        let needs = Dictionary(barriers.map { ($0.id, reasonWords.barrierLabel($0.id, $0.label.isEmpty ? $0.id : $0.label)) },
                               uniquingKeysWith: { first, _ in first })
        for entry in result.results {
            let label = needs[entry.barrier].map { $0 == entry.barrier ? "" : " — \($0)" } ?? ""
            var lines = ["\(entry.barrier)\(label)"]
            if entry.services.isEmpty {
                lines.append("  " + words.t("cli.match.no_suggestion"))
            } else {
                lines.append(MatchTable(entry.services, words: words, reasons: reasonWords).text(width: width))
            }
            sections.append(lines.joined(separator: "\n"))
        }
        if result.gaps.isEmpty {
            sections.append(words.t("cli.match.gaps_none"))
        } else {
            sections.append(([words.t("cli.match.gaps")] + result.gaps.map { gap in
                MatchTable.wrap("\(gap.barrier): \(reasonWords.text(gap, need: needs[gap.barrier] ?? gap.barrier))",
                                width: width, firstIndent: "  - ", indent: "    ")
            }).joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }
}
