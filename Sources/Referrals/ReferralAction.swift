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
    /// The family answered a check-in (`FamilyAnswer`); the state stays.
    case familyReport = "family_reported"
    /// The family said it started with the service before anyone else confirmed it: a connection
    /// confirmed by the family, which reports count apart from partner-confirmed ones.
    case familyConfirmConnection = "family_confirm_connection"
}
