import Foundation

/// Writes RFC 4180 CSV: CRLF-free (LF) lines, fields quoted only when they must be.
struct CSVWriter {
    private(set) var text = ""
    let columns: [String]

    init(columns: [String]) {
        self.columns = columns
        append(columns)
    }

    mutating func append(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\n"
    }

    /// Appends a row given as column → value; missing columns are empty.
    mutating func append(_ row: [String: String]) {
        append(columns.map { row[$0] ?? "" })
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
