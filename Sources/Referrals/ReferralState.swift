/// Where a referral stands in its lifecycle; derived from its events, never set directly.
public enum ReferralState: String, Codable, CaseIterable, Sendable, Hashable {
    case draft
    case referred
    case accepted
    case waitlisted
    case scheduled
    case connected
    case closed
    case declined
    case cancelled
    case unreachable
    case enteredInError = "entered_in_error"

    /// Still waiting on someone to get the family to the service; these are the states follow-ups watch.
    public var isOpen: Bool {
        switch self {
        case .draft, .referred, .accepted, .waitlisted, .scheduled: true
        default: false
        }
    }

    /// The lifecycle is over: only an admin's `mark_entered_in_error` correction can still follow.
    /// `connected` is neither open nor terminal — the connection is made, but the referral is not yet closed.
    public var isTerminal: Bool {
        switch self {
        case .closed, .declined, .cancelled, .unreachable, .enteredInError: true
        default: false
        }
    }

    /// The HL7 FHIR `Task.status` the Gravity Project SDOH guide uses for this state.
    public var fhirTaskStatus: FHIRTaskStatus {
        switch self {
        case .draft: .draft
        case .referred: .requested
        case .accepted: .accepted
        case .waitlisted: .onHold
        case .scheduled: .inProgress
        case .connected, .closed: .completed
        case .declined: .rejected
        case .cancelled: .cancelled
        case .unreachable: .failed
        case .enteredInError: .enteredInError
        }
    }
}
