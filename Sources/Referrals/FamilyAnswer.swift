/// What a family answered on the check-in page ("Did you reach them?").
public enum FamilyAnswer: String, Codable, CaseIterable, Sendable, Hashable {
    /// "Yes, we started": a family-confirmed connection when the partner has not confirmed one.
    case started
    /// "Not yet": recorded, nothing else happens.
    case notYet = "not_yet"
    /// "We need help": the coordinator gets a follow-up.
    case needHelp = "need_help"
}
