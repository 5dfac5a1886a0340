import Directory
import Foundation

/// How one kind of flat spreadsheet maps onto the directory: which column holds which field, what the
/// sheet's own words mean ("Sí" → yes, "At school" → school_based), and defaults for what it leaves out.
/// Written in YAML (see importers/README.md) and read with `load(path:)`.
public struct MappingProfile: Sendable, Hashable {
    /// The fields a profile can map. Raw values are the YAML keys.
    public enum Field: String, CaseIterable, Sendable, Hashable, Comparable {
        case organizationName = "organization_name"
        case organizationID = "organization_id"
        case serviceID = "service_id"
        case serviceName = "service_name"
        case description
        case address
        case city
        /// State or province; not in every sheet, so usually a default.
        case region
        case postalCode = "postal_code"
        case country
        case lat, lon
        case phone, email, url
        case languages
        /// "5-18", "5 to 18", "18+".
        case ages
        case ageMin = "age_min"
        case ageMax = "age_max"
        case cost
        case insurance
        case enrollment
        case waitlistWeeks = "waitlist_weeks"
        case domains
        case intensity
        case setting
        case transportation
        /// "Mon-Fri 15:00-18:00", several separated by the list separator.
        case hours
        case taxonomyCodes = "taxonomy_codes"
        case interpreter
        case lastVerified = "last_verified"
        /// Who may use the service, in words ("Grades 6-8; must have Medicaid"): ages and coverage are read from it.
        case eligibility
        /// Whether the service is listed: active or inactive (also the sheet's own words through `values`).
        case status

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A human name for the sheet kind, e.g. "Coordinator spreadsheet".
    public var name: String
    /// The profile's file name, used in problems about the profile itself.
    public var fileName: String
    /// Field separator; nil means by extension (tab for .tsv, comma otherwise).
    public var delimiter: UInt8?
    /// Separates several values in one cell ("Spanish; Somali").
    public var listSeparator: String
    /// Field → its own separator where it differs (languages on ",", taxonomy codes on ";").
    public var listSeparators: [Field: String]
    /// Field → column header in the sheet (the first, when several columns make the field).
    public var columns: [Field: String]
    /// Field → further columns whose cells join the first one's: "Address 2" after "Address 1", a
    /// second and third phone, a second description column.
    public var moreColumns: [Field: [String]]
    /// Field → column header → the value a marked cell in that column means: one column per age band
    /// or language, marked "X" or "Yes".
    public var valueColumns: [Field: [String: String]]
    /// The words that mark a cell of a value column (compared as `values` words are).
    public var marks: Set<String>
    /// Column header of a phone column → the kind of number it holds (hotline, fax, text; voice otherwise).
    public var phoneKinds: [String: Phone.Kind]
    /// Column header → words that mark a row inactive: kept, not listed ("Show in directory: No").
    public var inactiveWhen: [String: Set<String>]
    /// Field → the date format its cells follow ("d.M.yyyy"), where the default reading of dates does not fit.
    public var dateFormatPatterns: [Field: String] {
        didSet { dateFormats = Self.formats(dateFormatPatterns) }
    }
    /// The patterns, read; a pattern that is not a format is left out (the parser reports it first).
    private(set) var dateFormats: [Field: FeedDateFormat] = [:]
    /// Field → the sheet's word (compared ignoring case and accents) → the vocabulary value it means.
    public var values: [Field: [String: String]]
    /// Field → value used when the column is absent or the cell is blank.
    public var defaults: [Field: String]

    /// The words that mark a value column's cell when the profile names none.
    public static let defaultMarks: Set<String> = ["x", "yes", "y", "true", "1", "si", "✓", "✔"]

    public init(
        name: String, fileName: String, delimiter: UInt8? = nil, listSeparator: String = ";",
        listSeparators: [Field: String] = [:], columns: [Field: String], moreColumns: [Field: [String]] = [:],
        valueColumns: [Field: [String: String]] = [:], marks: Set<String> = MappingProfile.defaultMarks,
        phoneKinds: [String: Phone.Kind] = [:], inactiveWhen: [String: Set<String>] = [:],
        dateFormats: [Field: String] = [:],
        values: [Field: [String: String]] = [:], defaults: [Field: String] = [:]
    ) {
        self.name = name
        self.fileName = fileName
        self.delimiter = delimiter
        self.listSeparator = listSeparator
        self.listSeparators = listSeparators
        self.columns = columns
        self.moreColumns = moreColumns
        self.valueColumns = valueColumns
        self.marks = Set(marks.map(Self.wordKey))
        self.phoneKinds = phoneKinds
        self.inactiveWhen = inactiveWhen.mapValues { Set($0.map(Self.wordKey)) }
        self.dateFormatPatterns = dateFormats
        self.dateFormats = Self.formats(dateFormats)
        self.values = values.mapValues { words in
            Dictionary(words.map { (MappingProfile.wordKey($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        self.defaults = defaults
    }

    private static func formats(_ patterns: [Field: String]) -> [Field: FeedDateFormat] {
        patterns.compactMapValues { try? FeedDateFormat($0) }
    }

    /// The separator of several values in one cell of `field`.
    public func separator(for field: Field) -> String { listSeparators[field] ?? listSeparator }

    /// Reads and checks a profile file.
    /// - Throws: `ImportProblem` naming the profile file (and line, when YAML says where).
    public static func load(path: String) throws -> MappingProfile {
        let fileName = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportProblem(file: fileName, message: "cannot read the mapping profile at \(path)", kind: .missingFile)
        }
        return try MappingProfile(yaml: String(decoding: data, as: UTF8.self), fileName: fileName)
    }

    /// Parses and checks profile YAML; see `MappingProfileParser`.
    public init(yaml: String, fileName: String) throws {
        self = try MappingProfileParser(fileName: fileName).parse(yaml)
    }

    /// The sheet's value for a field after the `values` map: the mapped value when the word is listed,
    /// the word itself otherwise.
    func translate(_ word: String, for field: Field) -> String {
        values[field]?[Self.wordKey(word)] ?? word
    }

    /// How spreadsheet words are compared: case and accents ignored, white space collapsed
    /// ("SÍ" = "sí" = "si"; "At  school" = "At school"; a non-breaking space is a space).
    static func wordKey(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether a value column's cell is marked.
    func isMark(_ cell: String) -> Bool { marks.contains(Self.wordKey(cell)) }
}
