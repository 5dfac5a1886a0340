import Foundation
import Localization
import Matching
import Server
import TextFormats
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One barrier's suggestions as an aligned table; each row is followed by its reasons, wrapped and
/// indented under the service name so the eye can run down the names.
struct MatchTable {
    private let rows: [[String]]
    private let reasons: [[String]]
    private let headers: [String]

    /// The column the reasons start under.
    private static let serviceColumn = 2

    init(_ services: [ServiceMatch], words: Words = Catalogs.shipped.words("en"), reasons wording: ReasonWords = .english) {
        headers = ["rank", "score", "service", "organization", "distance", "wait"].map { words.t("cli.match.col.\($0)") }
        rows = services.enumerated().map { rank, match in
            [
                "\(rank + 1)", String(format: "%.3f", match.score), match.name, match.organizationName,
                match.distanceKm.map { wording.distance(km: $0) } ?? "-",
                // No wait stated (enrollment or the waitlist's length not listed) is "not listed", never a guess.
                match.waitWeeks.map { $0 == 0 ? words.t("cli.match.wait_none") : words.t("cli.match.wait_weeks", ["weeks": String($0)]) }
                    ?? words.t("cli.match.not_listed"),
            ]
        }
        reasons = services.map { $0.reasons.map(wording.text) }
    }

    func text(width: Int) -> String {
        // Two spaces of margin, then two between columns.
        var table = TextTable(
            zip(headers, [TextTable.Alignment.right, .right, .left, .left, .right, .right]).map { (header: $0, alignment: $1) },
            margin: 2)
        rows.forEach { table.append($0) }
        let indent = String(repeating: " ", count: 2 + table.widths.prefix(Self.serviceColumn).reduce(0) { $0 + $1 + 2 })
        var lines = table.headerLines
        for (row, why) in zip(rows, reasons) {
            lines.append(table.line(row))
            if !why.isEmpty {
                lines.append(Self.wrap(why.joined(separator: "; "), width: width, firstIndent: indent, indent: indent))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Breaks `text` at spaces so no line passes `width` (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int, firstIndent: String, indent: String) -> String {
        var lines: [String] = []
        var current = firstIndent
        var currentIsEmpty = true
        for word in text.split(separator: " ") {
            if !currentIsEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = indent
                currentIsEmpty = true
            }
            current += (currentIsEmpty ? "" : " ") + word
            currentIsEmpty = false
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// The terminal's width when printing to one (`COLUMNS`, else the tty's size), else 100.
    static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 {
            return Int(size.ws_col)
        }
        return 100
    }
}
