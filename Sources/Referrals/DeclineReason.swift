/// Why a partner declined; codes rather than free text so the district can count them.
public enum DeclineReason: String, Codable, CaseIterable, Sendable, Hashable {
    case noCapacity = "no_capacity"
    case notEligible = "not_eligible"
    case outOfArea = "out_of_area"
    case duplicate
    case incomplete
    case familyDeclined = "family_declined"
}
