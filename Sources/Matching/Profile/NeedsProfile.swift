import Directory

/// How the family can travel to a service on its own.
public enum FamilyTransportation: String, Codable, CaseIterable, Sendable, Hashable {
    /// Walking only.
    case none
    /// Public transit (and walking).
    case transit
    case car
}

/// What a coordinator knows about a student's needs, enough to match and nothing more:
/// there is deliberately no name, birth date or other direct identifier here.
public struct NeedsProfile: Codable, Sendable, Hashable {
    /// Barrier codes from the seed vocabulary, e.g. "anxiety".
    public var barriers: [String]
    /// MTSS tier, 1 (universal) to 3 (intensive).
    public var tier: Int
    public var age: Int?
    /// Languages the family speaks; empty means "not stated" and does not filter.
    public var languages: [LanguageCode]
    /// The family's coverage; nil means "not stated" and does not filter.
    public var insurance: Insurance?
    /// Where the family lives; nil means distance cannot be judged and does not filter.
    public var home: Coordinates?
    public var transportation: FamilyTransportation
    /// When the student is free; empty means "any time".
    public var times: [TimeWindow]
    /// Where the family would like the service; empty means "no preference".
    public var settings: [Setting]

    public init(
        barriers: [String], tier: Int, age: Int? = nil, languages: [LanguageCode] = [], insurance: Insurance? = nil,
        home: Coordinates? = nil, transportation: FamilyTransportation = .none, times: [TimeWindow] = [],
        settings: [Setting] = []
    ) {
        self.barriers = barriers
        self.tier = tier
        self.age = age
        self.languages = languages
        self.insurance = insurance
        self.home = home
        self.transportation = transportation
        self.times = times
        self.settings = settings
    }

    enum CodingKeys: String, CodingKey {
        case barriers, tier, age, languages, insurance, home, transportation, times, settings
    }

    /// Only `barriers` and `tier` are required; a missing `transportation` assumes the family
    /// cannot drive, so a match never relies on a car nobody said the family has.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            barriers: try container.decode([String].self, forKey: .barriers),
            tier: try container.decode(Int.self, forKey: .tier),
            age: try container.decodeIfPresent(Int.self, forKey: .age),
            languages: try container.decodeIfPresent([LanguageCode].self, forKey: .languages) ?? [],
            insurance: try container.decodeIfPresent(Insurance.self, forKey: .insurance),
            home: try container.decodeIfPresent(Coordinates.self, forKey: .home),
            transportation: try container.decodeIfPresent(FamilyTransportation.self, forKey: .transportation) ?? .none,
            times: try container.decodeIfPresent([TimeWindow].self, forKey: .times) ?? [],
            settings: try container.decodeIfPresent([Setting].self, forKey: .settings) ?? [])
    }
}
