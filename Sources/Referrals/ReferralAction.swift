/// What a user asks to do to a referral; each action has exactly one row in `TransitionTable`.
public enum ReferralAction: String, Codable, CaseIterable, Sendable, Hashable {
    case send
    case accept
    case decline
    case waitlist
    case schedule
    case confirmConnection = "confirm_connection"
    case close
    case cancel
    case markUnreachable = "mark_unreachable"
    /// Records an attempt to reach the family without changing state; three are needed before `mark_unreachable`.
    case contactAttempt = "contact_attempt"
    case markEnteredInError = "mark_entered_in_error"
}
