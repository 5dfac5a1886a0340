/// The facet vocabularies every service is indexed by (DESIGN.md, "The directory").
/// Raw values are the wire and database form.

/// Developmental domains of integrated student support.
public enum Domain: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    case academic
    case socialEmotional = "social_emotional"
    case peerRelations = "peer_relations"
    case health
    case family
    case career

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Level of need, aligned with MTSS tiers.
public enum Intensity: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    /// Tier 1: enrichment and prevention.
    case prevention
    /// Tier 2: targeted, early intervention.
    case earlyIntervention = "early_intervention"
    /// Tier 3: intensive support, including crisis.
    case intensive

    public var tier: Int {
        switch self {
        case .prevention: 1
        case .earlyIntervention: 2
        case .intensive: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.tier < rhs.tier }
}

/// Where the service is delivered.
public enum Setting: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    case schoolBased = "school_based"
    case community
    case homeVisit = "home_visit"
    case virtual

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a family gets to the service.
public enum Transportation: String, Codable, CaseIterable, Sendable, Hashable {
    /// The partner provides rides or fares.
    case provided
    /// Reachable by public transit.
    case transitAccessible = "transit_accessible"
    /// The partner states it offers no transportation. Not `none`, which would read as
    /// `Optional.none` (not stated) wherever the facet is optional.
    case notProvided = "none"
}

public enum CostKind: String, Codable, CaseIterable, Sendable, Hashable {
    case free
    case slidingScale = "sliding_scale"
    case fee
}

/// Coverage a family may have; `uninsured` means the service serves families without coverage.
public enum Insurance: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    case medicaid
    case chip
    case `private`
    case uninsured

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum EnrollmentStatus: String, Codable, CaseIterable, Sendable, Hashable {
    case open
    case waitlist
    case closed
}

public enum IntakeMethod: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    case walkIn = "walk_in"
    case phone
    case schoolReferral = "school_referral"
    case online

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a location's coordinates were obtained.
public enum CoordinatesPrecision: String, Codable, CaseIterable, Sendable, Hashable {
    /// The feed gave them.
    case stated
    /// The centre of the address's ZIP code, filled in where the feed gave none.
    case postalCode = "postal_code"
}

/// A facet the importer read from free text rather than from a field that states it (ages from
/// "youth ages 13 to 24", a ZIP-centre location). Raw values are the facets' names.
public enum InferredFact: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    case ages, languages, interpreter, cost, insurance, enrollment, intensity, domains, settings, transportation, coordinates, hours

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
