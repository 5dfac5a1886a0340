/// The filters that exclude a service outright, in the order they are applied. The order matters
/// for gaps: the last filter that removed candidates is the one a coordinator is told about.
public enum HardFilter: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    /// The student's age is within the ages served.
    case age
    /// A family language is spoken, or an interpreter is available.
    case language
    /// The family's coverage (or lack of it) is accepted.
    case cost
    /// Enrollment is not closed.
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
