/// Why a referral needs someone's attention; follow-ups are surfaced, never applied as state changes.
public enum FollowUpKind: String, Codable, CaseIterable, Sendable, Hashable {
    /// Sent, and the partner has not acted within the response window.
    case noPartnerResponse = "no_partner_response"
    /// The intake date (plus grace) has passed and nobody confirmed the family came.
    case intakeUnconfirmed = "intake_unconfirmed"
    /// Waitlisted with nothing recorded for a while; someone should check the family is still waiting.
    case waitlistRecheck = "waitlist_recheck"
    /// The family answered a check-in "we need help" and no one at the school has acted since.
    case familyNeedsHelp = "family_needs_help"
}
