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
    /// Field → column header in the sheet.
    public var columns: [Field: String]
    /// Field → the sheet's word (compared ignoring case and accents) → the vocabulary value it means.
    public var values: [Field: [String: String]]
    /// Field → value used when the column is absent or the cell is blank.
    public var defaults: [Field: String]

    public init(
        name: String, fileName: String, delimiter: UInt8? = nil, listSeparator: String = ";",
        columns: [Field: String], values: [Field: [String: String]] = [:], defaults: [Field: String] = [:]
    ) {
        self.name = name
        self.fileName = fileName
        self.delimiter = delimiter
        self.listSeparator = listSeparator
        self.columns = columns
        self.values = values.mapValues { words in
            Dictionary(words.map { (MappingProfile.wordKey($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        self.defaults = defaults
    }

    /// Reads and checks a profile file.
    /// - Throws: `ImportProblem` naming the profile file (and line, when YAML says where).
    public static func load(path: String) throws -> MappingProfile {
        let fileName = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportProblem(file: fileName, message: "cannot read the mapping profile at \(path)")
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

    /// How spreadsheet words are compared: trimmed, case and accents ignored ("SÍ" = "sí" = "si").
    static func wordKey(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
