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
    /// What sort of problem it is, so the import's summary can count them ("unreadable ages 12").
    public var kind: Kind

    public init(
        file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, recordID: String? = nil,
        message: String, severity: Severity = .error, kind: Kind = .other
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.recordID = recordID
        self.message = message
        self.severity = severity
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey {
        case file, line, column, field, message, severity, kind
        case recordID = "record_id"
    }

    /// Problems written before kinds existed read back as `other`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file),
            line: try container.decodeIfPresent(Int.self, forKey: .line),
            column: try container.decodeIfPresent(Int.self, forKey: .column),
            field: try container.decodeIfPresent(String.self, forKey: .field),
            recordID: try container.decodeIfPresent(String.self, forKey: .recordID),
            message: try container.decode(String.self, forKey: .message),
            severity: try container.decode(Severity.self, forKey: .severity),
            kind: try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .other)
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

extension ImportProblem {
    /// The sorts of problems a feed has, as the import's summary and the rejects file name them.
    /// A reader sets the kind where it records the problem; `other` is for anything not listed yet.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        // The feed as a whole
        /// Not well-formed XML, a quote left open to the end of a CSV file, a package that cannot be unpacked.
        case malformedFile = "malformed_file"
        /// A file or table the format needs is not there (HSDS `services.csv`, a mapping profile).
        case missingFile = "missing_file"
        /// A column the reader needs is not in the table.
        case missingColumn = "missing_column"
        /// Bytes that are not UTF-8 (read as Windows-1252), or mojibake that was repaired.
        case textEncoding = "text_encoding"
        /// An element or column this reader does not use.
        case unknownField = "unknown_field"

        // Records skipped
        /// A record without the name it needs (a service without a name).
        case missingName = "missing_name"
        /// A record without an id where the format needs one.
        case missingID = "missing_id"
        /// A second record with the same id.
        case duplicateRecord = "duplicate_record"
        /// A record naming an organization, location or service the feed does not have.
        case brokenReference = "broken_reference"

        // Records kept, with a change
        /// A location filed under the organization of the service that links to it, not the one it names.
        case locationReattached = "location_reattached"
        /// A record the feed marks as not to be listed (excluded, inactive, deleted): kept, inactive.
        case inactiveRecord = "inactive_record"

        // Facts that could not be read: each is left not stated
        case unreadableAges = "unreadable_ages"
        case unreadableCost = "unreadable_cost"
        case unreadableLanguages = "unreadable_languages"
        /// A language name that names no language, or more than one ("Creole", "Other", sign language).
        case droppedLanguageName = "dropped_language_name"
        case unreadableEnrollment = "unreadable_enrollment"
        case unreadableHours = "unreadable_hours"
        case unreadableDate = "unreadable_date"
        case unreadableCoordinates = "unreadable_coordinates"
        /// Another cell or element that could not be read (a word not in the profile's values, a number that is not one).
        case unreadableValue = "unreadable_value"
        /// A taxonomy code or term no barrier covers, or a term without a code.
        case unmappedTaxonomy = "unmapped_taxonomy"
        /// An address withheld as confidential (a shelter): the site is kept without it.
        case addressWithheld = "address_withheld"
        /// A US site with an address but no coordinates, whose ZIP code is missing or not in the ZIP-centre table.
        case siteNotPlaced = "site_not_placed"

        case other

        /// How the summary names a count of them: "unreadable ages 12".
        public var label: String {
            switch self {
            case .malformedFile: "malformed files"
            case .missingFile: "missing files or tables"
            case .missingColumn: "missing columns"
            case .textEncoding: "text encoding repairs"
            case .unknownField: "unknown elements or columns"
            case .missingName: "records without a name"
            case .missingID: "records without an id"
            case .duplicateRecord: "duplicate records"
            case .brokenReference: "broken references"
            case .locationReattached: "locations re-attached"
            case .inactiveRecord: "inactive records"
            case .unreadableAges: "unreadable ages"
            case .unreadableCost: "unreadable costs"
            case .unreadableLanguages: "unreadable languages"
            case .droppedLanguageName: "dropped language names"
            case .unreadableEnrollment: "unreadable enrollment"
            case .unreadableHours: "unreadable hours"
            case .unreadableDate: "unreadable dates"
            case .unreadableCoordinates: "unreadable coordinates"
            case .unreadableValue: "unreadable values"
            case .unmappedTaxonomy: "unmapped taxonomy codes or terms"
            case .addressWithheld: "addresses withheld"
            case .siteNotPlaced: "sites not placed on the map"
            case .other: "other problems"
            }
        }
    }
}

/// How many problems of each kind a read found, largest count first.
public struct ProblemCounts: Sendable, Hashable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable {
        public var kind: ImportProblem.Kind
        public var count: Int
    }

    public private(set) var entries: [Entry]

    /// Counts the problems of one severity.
    public init(_ problems: [ImportProblem], severity: ImportProblem.Severity) {
        var counts: [ImportProblem.Kind: Int] = [:]
        for problem in problems where problem.severity == severity { counts[problem.kind, default: 0] += 1 }
        let order = Dictionary(uniqueKeysWithValues: ImportProblem.Kind.allCases.enumerated().map { ($0.element, $0.offset) })
        entries = counts.map { Entry(kind: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : order[$0.kind]! < order[$1.kind]!
        }
    }

    public var total: Int { entries.reduce(0) { $0 + $1.count } }

    public func count(of kind: ImportProblem.Kind) -> Int { entries.first { $0.kind == kind }?.count ?? 0 }

    /// "locations re-attached 40, unreadable ages 12, inactive records 5".
    public var description: String {
        entries.map { "\($0.kind.label) \($0.count)" }.joined(separator: ", ")
    }
}
