import Hummingbird
import Workflows

extension Problem {
    /// A refused match: a bad profile names its field (400); a store without a barrier vocabulary
    /// cannot match anything yet (503).
    init(_ refusal: MatchRefusal) {
        switch refusal {
        case .invalidProfile(let error):
            self = .invalidParameter(error.field, error.description)
        case .emptyDirectory:
            self.init(status: .serviceUnavailable, code: "directory_empty", title: "Directory empty", detail: refusal.description)
        case .noBarrierVocabulary:
            self.init(status: .serviceUnavailable, code: "no_barrier_vocabulary", title: "No barrier vocabulary", detail: refusal.description)
        }
    }

    /// A refused availability report: 404 no such service, 403 another organization's, 400 the
    /// first field out of range.
    init(_ error: AvailabilityError) {
        switch error {
        case .serviceNotFound(let id):
            self = .notFound("service", id: id)
        case .notYourOrganization:
            self.init(status: .forbidden, code: "forbidden", title: "Forbidden", detail: error.description)
        case .invalid(let fields):
            self = .invalidParameter(fields.first?.name ?? "body", error.description)
        }
    }
}

extension Problem {
    /// A service search the use case refuses: 400 naming the parameter.
    init(_ error: ServiceSearchError) {
        self = .invalidParameter(error.field, error.message)
    }
}
