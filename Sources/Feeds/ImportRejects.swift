import Foundation
import TextFormats

/// The `--rejects` file: every problem of an import, errors (records skipped) and warnings (records
/// kept with something dropped or guessed), one CSV row each, in the order they were found.
///
/// Written for a spreadsheet: the people who fix a feed open this file in one, and its cells repeat
/// the feed's own text (record ids, field values in reasons), which anyone who edits the feed controls.
public enum ImportRejects {
    public static let columns = ["file", "line", "column", "field", "record_id", "severity", "kind", "reason"]

    public static func csv(_ problems: [ImportProblem]) -> String {
        var writer = CSVWriter(columns: columns, for: .spreadsheet)
        for problem in problems {
            writer.append([
                problem.file, problem.line.map(String.init) ?? "", problem.column.map(String.init) ?? "",
                problem.field ?? "", problem.recordID ?? "", problem.severity.rawValue, problem.kind.rawValue,
                problem.message,
            ])
        }
        return writer.text
    }

    public static func write(_ problems: [ImportProblem], to url: URL) throws {
        try Data(csv(problems).utf8).write(to: url)
    }
}
