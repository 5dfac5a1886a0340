import Directory

/// Why a needs profile cannot be matched; each case names the offending field so the API
/// can answer 400 with a problem that points at it.
public enum ProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    case noBarriers
    case unknownBarrier(String)
    case tierOutOfRange(Int)
    case ageOutOfRange(Int)
    case homeOutOfRange(Coordinates)

    /// The JSON key of the offending field.
    public var field: String {
        switch self {
        case .noBarriers, .unknownBarrier: "barriers"
        case .tierOutOfRange: "tier"
        case .ageOutOfRange: "age"
        case .homeOutOfRange: "home"
        }
    }

    public var description: String {
        switch self {
        case .noBarriers:
            "barriers: at least one barrier is needed"
        case .unknownBarrier(let code):
            "barriers: unknown barrier \"\(code)\""
        case .tierOutOfRange(let tier):
            "tier: \(tier) is not a tier (\(NeedsProfile.tiers.lowerBound)–\(NeedsProfile.tiers.upperBound))"
        case .ageOutOfRange(let age):
            "age: \(age) is outside \(NeedsProfile.ages.lowerBound)–\(NeedsProfile.ages.upperBound)"
        case .homeOutOfRange(let home):
            "home: (\(home.lat), \(home.lon)) is not a latitude/longitude"
        }
    }
}

extension NeedsProfile {
    /// MTSS tiers.
    public static let tiers = 1...3
    /// Pre-kindergarten through the end of special-education eligibility, with slack for
    /// young-adult programs; anything outside is a typo, not a student.
    public static let ages = 0...25

    /// Checks the profile against the barrier vocabulary; the first problem found is thrown.
    public func validate(against barriers: [Barrier]) throws(ProfileError) {
        guard !self.barriers.isEmpty else { throw .noBarriers }
        // A few codes against a vocabulary of a few dozen: comparing beats hashing it into a set per request.
        if let unknown = self.barriers.first(where: { code in !barriers.contains { $0.id == code } }) { throw .unknownBarrier(unknown) }
        guard Self.tiers.contains(tier) else { throw .tierOutOfRange(tier) }
        if let age, !Self.ages.contains(age) { throw .ageOutOfRange(age) }
        if let home, !home.isValid { throw .homeOutOfRange(home) }
    }
}
