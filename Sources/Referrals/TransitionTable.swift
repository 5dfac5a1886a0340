/// The referral lifecycle. Every rule about which action may happen, from which state, by whom and
/// with what lives in `rows` and nowhere else; the machine, the UI's allowed actions and the tests all read it.
public enum TransitionTable {
    public static let rows: [TransitionRule] = [
        TransitionRule(
            .send, from: [.draft], .moves(to: .referred), by: [.coordinator, .admin],
            when: [.consentCoversReceivingOrganization]),
        TransitionRule(.accept, from: [.referred], .moves(to: .accepted), by: [.partner, .admin]),
        TransitionRule(
            .decline, from: [.referred, .accepted, .waitlisted], .moves(to: .declined), by: [.partner, .admin],
            requires: [.reason]),
        TransitionRule(
            .waitlist, from: [.referred, .accepted], .moves(to: .waitlisted), by: [.partner, .admin], requires: [.expectedWait]),
        // scheduled → scheduled is a reschedule: the newest intake date wins.
        TransitionRule(
            .schedule, from: [.accepted, .waitlisted, .scheduled], .moves(to: .scheduled),
            by: [.partner, .coordinator, .admin], requires: [.intakeDate]),
        TransitionRule(
            .confirmConnection, from: [.accepted, .scheduled], .moves(to: .connected),
            by: [.partner, .coordinator, .admin], requires: [.firstServiceDate, .confirmedBy]),
        TransitionRule(.close, from: [.connected], .moves(to: .closed), by: [.coordinator, .partner, .admin]),
        TransitionRule(
            .cancel, from: [.draft, .referred, .accepted, .waitlisted, .scheduled], .moves(to: .cancelled),
            by: [.coordinator, .admin]),
        TransitionRule(
            .markUnreachable, from: [.referred, .accepted, .waitlisted, .scheduled], .moves(to: .unreachable),
            by: [.coordinator, .partner, .admin], when: [.contactAttempts(atLeast: 3)]),
        TransitionRule(
            .contactAttempt, from: [.referred, .accepted, .waitlisted, .scheduled], .stays,
            by: [.coordinator, .partner, .admin]),
        // An admin's correction for a referral that should never have existed; it then drops out of every metric.
        TransitionRule(
            .markEnteredInError, from: Set(ReferralState.allCases).subtracting([.enteredInError]),
            .moves(to: .enteredInError), by: [.admin]),
        // The family, through a one-time check-in link (never a signed-in user).
        TransitionRule(
            .familyReport, from: [.referred, .accepted, .waitlisted, .scheduled, .connected], .stays, by: [.family],
            requires: [.familyAnswer]),
        TransitionRule(
            .familyConfirmConnection, from: [.referred, .accepted, .waitlisted, .scheduled], .moves(to: .connected),
            by: [.family], requires: [.firstServiceDate, .confirmedBy]),
    ]

    public static func rule(for action: ReferralAction) -> TransitionRule {
        guard let rule = rows.first(where: { $0.action == action }) else {
            preconditionFailure("TransitionTable has no row for \(action.rawValue)")
        }
        return rule
    }

    /// What `role` may do to a referral in `state`, in table order — what a UI offers and a 409 lists.
    public static func allowedActions(from state: ReferralState, role: Role) -> [ReferralAction] {
        rows.filter { $0.from.contains(state) && $0.roles.contains(role) }.map(\.action)
    }
}
