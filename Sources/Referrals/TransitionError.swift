/// Why the machine refused a command. The server maps these to HTTP: `illegal` → 409 (with the
/// allowed actions), `forbidden` → 403, `missingFields`/`invalidField` → 422, the rest → 409.
public enum TransitionError: Error, Sendable, Hashable {
    /// `allowed` is what the same role could do from that state instead.
    case illegal(from: ReferralState, action: ReferralAction, allowed: [ReferralAction])
    case forbidden(role: Role, action: ReferralAction)
    /// Wire names of the missing fields, in table order.
    case missingFields([String])
    case invalidField(name: String, message: String)
    case consentRequired
    case notEnoughContactAttempts(recorded: Int, required: Int)
    /// A first service dated before the scheduled intake, without `before_intake_confirmed: true`.
    case firstServiceBeforeIntake(intake: CalendarDate, firstService: CalendarDate)

    /// Stable machine-readable code for API problem documents.
    public var code: String {
        switch self {
        case .illegal: "illegal_transition"
        case .forbidden: "forbidden"
        case .missingFields: "missing_fields"
        case .invalidField: "invalid_field"
        case .consentRequired: "consent_required"
        case .notEnoughContactAttempts: "not_enough_contact_attempts"
        case .firstServiceBeforeIntake: "first_service_before_intake"
        }
    }

    public var message: String {
        switch self {
        case .illegal(let from, let action, let allowed):
            let options = allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", ")
            return "cannot \(action.rawValue) a referral that is \(from.rawValue); allowed: \(options)"
        case .forbidden(let role, let action):
            return "a \(role.rawValue) may not \(action.rawValue) a referral"
        case .missingFields(let names):
            return "missing required fields: \(names.joined(separator: ", "))"
        case .invalidField(let name, let message):
            return "\(name): \(message)"
        case .consentRequired:
            return
                "the family's consent on file does not cover the receiving organization; record consent before sending"
        case .notEnoughContactAttempts(let recorded, let required):
            return "mark_unreachable needs at least \(required) recorded contact attempts; \(recorded) recorded"
        case .firstServiceBeforeIntake(let intake, let first):
            return "the intake was scheduled for \(intake) and the first service is dated \(first), before it; "
                + "send before_intake_confirmed: true to record it anyway"
        }
    }
}
