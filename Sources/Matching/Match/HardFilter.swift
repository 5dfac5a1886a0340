/// The filters that exclude a service outright, in the order they are applied. The order matters
/// for gaps: the last filter that removed candidates is the one a coordinator is told about.
///
/// Only a stated fact excludes: a service that does not state the facet passes its filter (and
/// ranks below one that states a fit). A service listing its languages, none of them the family's,
/// is excluded unless it states that an interpreter is available: the list is the stated fact.
public enum HardFilter: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    /// The student's age is within the ages served (an end not stated does not limit).
    case age
    /// A family language is spoken, an interpreter is available, or no language is listed.
    case language
    /// The family's coverage (or lack of it) is not stated to be refused (`Cost.accepts` is not false).
    case cost
    /// Enrollment is not stated to be closed.
    case enrollment
    /// The family's home is within the service area of a site (virtual services always pass).
    case serviceArea = "service_area"

    /// Position in the filter order; a switch, not `allCases.firstIndex`, because tallies use it per candidate.
    var order: Int {
        switch self {
        case .age: 0
        case .language: 1
        case .cost: 2
        case .enrollment: 3
        case .serviceArea: 4
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
}
