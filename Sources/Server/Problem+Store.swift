import Hummingbird
import Storage
import Workflows

extension Problem {
    /// A store that was busy (503 `store_busy`, with Retry-After: the same request can be sent
    /// again) or refused a second row with a unique key (409 `conflict`). Nil for the store's other
    /// errors, which stay logged 500s.
    init?(storeError error: StoreError) {
        switch error {
        case .busy:
            self.init(status: .serviceUnavailable, code: "store_busy", title: "Store busy", detail: error.description)
            retryAfterSeconds = StoreError.retryAfterSeconds
        case .uniqueViolation:
            self.init(status: .conflict, code: "conflict", title: "Conflict",
                      detail: "a record with the same key was written at the same time; nothing was written, reload and check")
        default:
            return nil
        }
    }

    /// An input over one of `InputLimits`: 422 with the violation's code (`field_too_long`,
    /// `too_many_items`, `duplicate_items`), the field and, for a size, the limit.
    init(_ violation: InputLimitViolation) {
        self.init(status: .unprocessableContent, code: violation.code, title: violation.title, detail: violation.description,
                  parameter: violation.field)
        limit = violation.limit
    }
}
