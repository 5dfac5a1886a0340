/// Writes RFC 4180 CSV, the one CSV writer of the project: CRLF line ends, a field quoted only when
/// it holds a comma, a quote or a line break (quotes doubled inside).
///
/// Every file says whom it is for, because the two readers want opposite things from a cell such as
/// `=HYPERLINK("http://evil.example","x")`:
/// - `.spreadsheet`: a person opens it in Excel, LibreOffice or Google Sheets. Those run a cell that
///   starts with `=`, `+`, `-` or `@` as a formula (OWASP lists a leading tab and carriage return too),
///   so a name typed by a stranger — an agency in a 211 feed, a school name — could fetch URLs, leak
///   neighbouring cells or run commands on the analyst's machine. Such a cell gets a
///   leading single quote, which the spreadsheet shows as text (OWASP "CSV Injection"). Numbers stay
///   as they are, negative ones included, so figures remain numbers: the rule is for text.
/// - `.machine`: another program reads it back (the HSDS export, re-imported by Closeloop and other
///   HSDS tools). Values are written exactly; a quote added there would change the data.
public struct CSVWriter: Sendable {
    public enum Reader: Sendable, Hashable {
        case spreadsheet
        case machine
    }

    public private(set) var text = ""
    public let columns: [String]
    public let reader: Reader

    public static let lineEnd = "\r\n"

    /// Starts the file with its header line.
    public init(columns: [String], for reader: Reader) {
        self.columns = columns
        self.reader = reader
        append(columns)
    }

    public mutating func append(_ fields: [String]) {
        text += Self.line(fields, for: reader)
    }

    /// Appends a row given as column → value; missing columns are empty.
    public mutating func append(_ row: [String: String]) {
        append(columns.map { row[$0] ?? "" })
    }

    /// One record with its line end.
    public static func line(_ fields: [String], for reader: Reader) -> String {
        fields.map { field($0, for: reader) }.joined(separator: ",") + lineEnd
    }

    /// One field as written: neutralized for spreadsheets when it would start a formula, then quoted if needed.
    public static func field(_ value: String, for reader: Reader) -> String {
        let value = reader == .spreadsheet && startsFormula(value) ? "'" + value : value
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }

    /// Whether a spreadsheet would read the cell as a formula: it starts with `=`, `+`, `-`, `@`, a tab or
    /// a carriage return, and is not simply a number (`-3`, `+1.5` are data, and stay numbers).
    public static func startsFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return false }
        return !isPlainNumber(value)
    }

    /// A sign, digits and at most one decimal point ("-12", "+0.5"): nothing a spreadsheet could run.
    static func isPlainNumber(_ value: String) -> Bool {
        let body = value.utf8.dropFirst()
        guard value.utf8.first == UInt8(ascii: "-") || value.utf8.first == UInt8(ascii: "+"),
              body.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        var points = 0
        for byte in body {
            if byte == UInt8(ascii: ".") { points += 1 } else if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") { return false }
        }
        return points <= 1
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
