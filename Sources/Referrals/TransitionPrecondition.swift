/// Something about the referral's circumstances, rather than the command's fields, that must hold before an action.
public enum TransitionPrecondition: Sendable, Hashable {
    /// FERPA: education records leave the school only under the family's consent for the receiving organization.
    case consentCoversReceivingOrganization
    /// Unreachable is a judgement about the family, so it needs evidence that people tried.
    case contactAttempts(atLeast: Int)
}
