/// Suggested services per barrier, and the barriers nobody can serve.
public struct MatchResult: Codable, Sendable, Hashable {
    /// One entry per requested barrier, in the profile's order, including barriers with no match.
    public var results: [BarrierMatches]
    public var gaps: [Gap]

    public init(results: [BarrierMatches], gaps: [Gap]) {
        self.results = results
        self.gaps = gaps
    }
}

public struct BarrierMatches: Codable, Sendable, Hashable {
    /// Barrier code, e.g. "anxiety".
    public var barrier: String
    /// Best first; ties broken by service id.
    public var services: [ServiceMatch]

    public init(barrier: String, services: [ServiceMatch]) {
        self.barrier = barrier
        self.services = services
    }
}

public struct ServiceMatch: Codable, Sendable, Hashable {
    public var serviceID: String
    public var name: String
    public var organizationID: String
    /// "" when the directory does not name the organization.
    public var organizationName: String
    /// 0…1, higher is better (see `MatchingWeights`).
    public var score: Double
    /// Why it ranks where it does, as typed facts (`.speaks([es])`, `.waitlist(weeks: 3)`) that the
    /// pages word in the reader's language; JSON `reason_codes` (the API adds their English text
    /// as `reasons`).
    public var reasons: [Reason]
    /// The hard filters that were checked and passed; a filter the profile gave no data for is absent.
    public var passedFilters: [HardFilter]
    /// To the site used for the ranking, when the family's home and a site are known.
    public var distanceKm: Double?
    /// 0 when enrollment is open; nil on a waitlist without an estimate.
    public var waitWeeks: Int?
    /// Whether the family cannot get there with its own transportation ("too far to walk"): such
    /// suggestions come after every one it can reach (`ReachOrder`). Not part of the JSON: the
    /// reasons already say it in words.
    public var outOfReach: Bool = false

    public init(
        serviceID: String, name: String, organizationID: String, organizationName: String, score: Double, reasons: [Reason],
        passedFilters: [HardFilter], distanceKm: Double?, waitWeeks: Int?
    ) {
        self.serviceID = serviceID
        self.name = name
        self.organizationID = organizationID
        self.organizationName = organizationName
        self.score = score
        self.reasons = reasons
        self.passedFilters = passedFilters
        self.distanceKm = distanceKm
        self.waitWeeks = waitWeeks
    }

    /// Equal when what a client reads is equal: `outOfReach` is not in the JSON (its reason says
    /// it in words), so a suggestion read back from JSON equals the matcher's.
    public static func == (a: ServiceMatch, b: ServiceMatch) -> Bool {
        a.serviceID == b.serviceID && a.name == b.name && a.organizationID == b.organizationID
            && a.organizationName == b.organizationName && a.score == b.score && a.reasons == b.reasons
            && a.passedFilters == b.passedFilters && a.distanceKm == b.distanceKm && a.waitWeeks == b.waitWeeks
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serviceID)
        hasher.combine(score)
    }

    enum CodingKeys: String, CodingKey {
        case name, score
        case reasons = "reason_codes"
        case serviceID = "service_id"
        case organizationID = "organization_id"
        case organizationName = "organization_name"
        case passedFilters = "passed_filters"
        case distanceKm = "distance_km"
        case waitWeeks = "wait_weeks"
    }
}

/// A barrier for which no service passed the hard filters.
public struct Gap: Codable, Sendable, Hashable {
    public var barrier: String
    /// For people: "no Vietnamese-speaking provider for anxiety within 25 km".
    public var reason: String
    /// The filter that removed the last candidates; nil when the barrier had no candidates at all
    /// (or is not in the vocabulary).
    public var filter: HardFilter?
    /// The facts `reason` words, for readers in another language or unit; nil on a gap read back
    /// from JSON (which carries only the English `reason`).
    public var explanation: GapExplanation? = nil

    public init(barrier: String, reason: String, filter: HardFilter?, explanation: GapExplanation? = nil) {
        self.barrier = barrier
        self.reason = reason
        self.filter = filter
        self.explanation = explanation
    }

    // The API's gap is `barrier`, `filter` and `reason`; the facts stay in the process.
    private enum CodingKeys: String, CodingKey { case barrier, reason, filter }
}
