/// One thing wrong with a feed, located precisely enough for a person to open the file and fix it.
public struct ImportProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        /// The record is skipped (or, with --strict, the whole import aborts).
        case error
        /// The record is imported, but something was dropped or guessed.
        case warning
    }

    /// File name as given (for HSDS, the table's file, e.g. "services.csv").
    public var file: String
    /// 1-based line; for CSV the line where the record starts.
    public var line: Int?
    /// 1-based column (XML) or nil.
    public var column: Int?
    /// The field (CSV column or XML element) at fault.
    public var field: String?
    /// The record's id in the feed, when known.
    public var recordID: String?
    public var message: String
    public var severity: Severity

    public init(
        file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, recordID: String? = nil,
        message: String, severity: Severity = .error
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.recordID = recordID
        self.message = message
        self.severity = severity
    }

    /// "services.csv:12: field 'minimum_age': 'ten' is not a whole number (record svc-9)".
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        var text = "\(location): "
        if let field { text += "field '\(field)': " }
        text += message
        if let recordID { text += " (record \(recordID))" }
        return text
    }
}
