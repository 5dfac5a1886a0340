import Referrals

/// The state ↔ `Task.status` mapping of `shared/DESIGN.md` ("Interoperability"), made reversible:
/// `Task.status` alone folds connected and closed into `completed`, so `Task.businessStatus` (code
/// in `FHIRSystem.referralState`) names the state wherever the status is ambiguous or carries a
/// detail (scheduled: the intake; waitlisted: the expected wait; connected; closed).
public enum ReferralStatusMapping {
    /// The state a `Task.status` (and `businessStatus`) stands for; nil for statuses no referral
    /// state maps to (received, ready).
    public static func state(status: FHIRTaskStatus, businessStatus: FHIRCodeableConcept? = nil) -> ReferralState? {
        switch status {
        case .draft: .draft
        case .requested: .referred
        case .accepted: .accepted
        case .onHold: .waitlisted
        case .inProgress: .scheduled
        case .completed:
            businessStatus?.codes(in: FHIRSystem.referralState).contains(ReferralState.closed.rawValue) == true ? .closed : .connected
        case .rejected: .declined
        case .cancelled: .cancelled
        case .failed: .unreachable
        case .enteredInError: .enteredInError
        }
    }

    /// `Task.businessStatus` for the states that need one.
    public static func businessStatus(for state: ReferralState, history: ReferralHistory) -> FHIRCodeableConcept? {
        let text: String
        switch state {
        case .scheduled:
            text = history.intakeDate.map { "Intake scheduled for \($0)" } ?? "Intake scheduled"
        case .waitlisted:
            switch history.expectedWait {
            case .weeks(let weeks)?: text = "Waitlisted; expected wait \(weeks) week\(weeks == 1 ? "" : "s")"
            case .notKnown?: text = "Waitlisted; expected wait not known"
            case nil: text = "Waitlisted"
            }
        case .connected:
            text = "Connected" + (history.confirmedBy.map { "; confirmed by the \($0.rawValue)" } ?? "")
        case .closed:
            text = "Closed after the connection"
        default:
            return nil
        }
        return FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.referralState, code: state.rawValue, display: displayName(state)), text: text)
    }

    /// `Task.statusReason` for a declined referral: the decline code (the profile requires `text`).
    public static func statusReason(for state: ReferralState, history: ReferralHistory) -> FHIRCodeableConcept? {
        guard state == .declined, let reason = history.declineReason else { return nil }
        return FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.declineReason, code: reason.rawValue, display: display(reason)),
                                   text: display(reason))
    }

    /// The one action a Task update to `status` asks for; nil for statuses an agency cannot set
    /// (draft, requested: only the school sends a referral).
    public static func action(for status: FHIRTaskStatus) -> ReferralAction? {
        switch status {
        case .accepted: .accept
        case .rejected: .decline
        case .inProgress: .schedule
        case .onHold: .waitlist
        case .completed: .confirmConnection
        case .cancelled: .cancel
        case .failed: .markUnreachable
        case .enteredInError: .markEnteredInError
        case .draft, .requested: nil
        }
    }

    public static func display(_ reason: DeclineReason) -> String {
        switch reason {
        case .noCapacity: "No capacity"
        case .notEligible: "Not eligible"
        case .outOfArea: "Out of the service area"
        case .duplicate: "Duplicate referral"
        case .incomplete: "Referral incomplete"
        case .familyDeclined: "Family declined"
        }
    }

    static func displayName(_ state: ReferralState) -> String {
        switch state {
        case .enteredInError: "Entered in error"
        default: state.rawValue.prefix(1).uppercased() + state.rawValue.dropFirst()
        }
    }
}
