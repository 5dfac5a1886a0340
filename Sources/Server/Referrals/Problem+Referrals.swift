import Hummingbird
import Referrals
import Storage

extension Problem {
    /// Each store error has one status: 404 out of scope or missing, 409 stale or illegal,
    /// 403 a role that may not act, 422 a request that is incomplete or names nothing real.
    init(_ error: ReferralStoreError) {
        switch error {
        case .notFound(let kind, let id):
            self = .notFound(kind, id: id)
        case .versionConflict(_, let current):
            self.init(status: .conflict, code: "version_conflict", title: "Version conflict",
                      detail: error.description, currentVersion: current)
        case .versionRequired:
            self.init(status: .preconditionRequired, code: "precondition_required", title: "Precondition required",
                      detail: error.description, parameter: "If-Match")
        case .transition(let transition):
            switch transition {
            case .illegal(_, _, let allowed):
                self.init(status: .conflict, code: transition.code, title: "Transition not allowed",
                          detail: transition.message, allowedActions: allowed.map(\.rawValue))
            case .forbidden:
                self.init(status: .forbidden, code: transition.code, title: "Forbidden", detail: transition.message)
            case .missingFields(let fields):
                self.init(status: .unprocessableContent, code: transition.code, title: "Missing fields",
                          detail: transition.message, parameter: fields.first)
            case .invalidField(let name, _):
                self.init(status: .unprocessableContent, code: transition.code, title: "Invalid field",
                          detail: transition.message, parameter: name)
            case .firstServiceBeforeIntake:
                // The request is fine but for a confirmation it must carry: 422 naming that flag.
                self.init(status: .unprocessableContent, code: transition.code, title: "Confirmation required",
                          detail: transition.message, parameter: "before_intake_confirmed")
            case .consentRequired, .notEnoughContactAttempts:
                self.init(status: .unprocessableContent, code: transition.code, title: "Precondition not met",
                          detail: transition.message)
            }
        case .invalidField(let name, let message):
            self.init(status: .unprocessableContent, code: "invalid_field", title: "Invalid field", detail: message, parameter: name)
        case .duplicate(let name, let message):
            self.init(status: .conflict, code: "duplicate", title: "Already exists", detail: message, parameter: name)
        case .openReferralExists(let id):
            self.init(status: .conflict, code: "open_referral_exists", title: "Open referral exists", detail: error.description,
                      parameter: "duplicate_reason", existingReferralID: id)
        case .forbidden(let message):
            self.init(status: .forbidden, code: "forbidden", title: "Forbidden", detail: message)
        case .aggregatesOnly:
            self.init(status: .forbidden, code: "aggregates_only", title: "Aggregates only", detail: error.description)
        case .idempotencyKeyReused:
            self.init(status: .unprocessableContent, code: "idempotency_key_reused", title: "Idempotency key reused",
                      detail: error.description, parameter: "Idempotency-Key")
        }
    }
}
