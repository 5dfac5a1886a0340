import Foundation

/// The `--rejects` file: every problem of an import, errors (records skipped) and warnings (records
/// kept with something dropped or guessed), one CSV row each, in the order they were found.
public enum ImportRejects {
    public static let columns = ["file", "line", "column", "field", "record_id", "severity", "kind", "reason"]

    public static func csv(_ problems: [ImportProblem]) -> String {
        var writer = CSVWriter(columns: columns)
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
