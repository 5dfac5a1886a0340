/// HL7 FHIR R4 `Task.status` codes (the subset a referral maps to), spelled as FHIR spells them.
public enum FHIRTaskStatus: String, Codable, CaseIterable, Sendable, Hashable {
    case draft
    case requested
    case accepted
    case onHold = "on-hold"
    case inProgress = "in-progress"
    case completed
    case rejected
    case cancelled
    case failed
    case enteredInError = "entered-in-error"
}
