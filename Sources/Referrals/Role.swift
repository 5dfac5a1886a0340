/// Who is acting. Scoping (a coordinator's schools, a partner's one organization) is the server's
/// job; the state machine only decides what each role may do.
public enum Role: String, Codable, CaseIterable, Sendable, Hashable {
    case coordinator
    case partner
    /// Reads aggregates only; never changes a referral.
    case district
    case admin
    /// The family itself, answering a check-in link; never a signed-in user.
    case family
}
