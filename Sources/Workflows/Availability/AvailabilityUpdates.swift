import Directory
import Foundation
import Referrals
import Storage

/// A partner reports room, a waitlist, places or intake for one of its organization's services.
/// The report stamps "last verified" (so an older feed will not overwrite it) and reaches this
/// instance's match index before the call returns; other instances follow through the change log.
///
/// Decisions where the API and the pages used to differ:
/// - Another organization's service is refused as forbidden (403) on both. The directory is public,
///   so answering "not found" (as the pages did) hid nothing and told the partner something untrue.
/// - A field the report does not carry is kept; one sent empty is cleared (`FieldChange`). The API
///   kept unsent waitlist weeks and capacity, the pages cleared them; the availability form always
///   sends its inputs, so erasing a number there still clears it.
/// - Waitlist weeks are cleared whenever the status after the report is stated and not `waitlist`
///   (the API used to keep weeks sent beside an open status).
public struct AvailabilityUpdates: Sendable {
    public let directory: DirectoryStore
    public let index: LiveMatchIndex

    public init(directory: DirectoryStore, index: LiveMatchIndex) {
        self.directory = directory
        self.index = index
    }

    public struct Updated: Sendable {
        public var service: Service
        public var organizationName: String
    }

    /// The service, when `user` may report on it; throws `AvailabilityError` otherwise.
    public func check(serviceID: String, by user: User) async throws -> Service {
        guard let service = try await directory.service(id: serviceID) else { throw AvailabilityError.serviceNotFound(serviceID) }
        guard AccessPolicy(user).mayUpdateAvailability(ofOrganization: service.organizationID) else {
            throw AvailabilityError.notYourOrganization(serviceID: serviceID)
        }
        return service
    }

    /// Applies `change` to the service as `user` at `now`. Throws `AvailabilityError`.
    public func update(serviceID: String, with change: AvailabilityChange, by user: User, now: Date) async throws -> Updated {
        try InputLimits.check(change.hours, field: "hours", atMost: InputLimits.openingHoursPerService) {
            "\($0.weekday.rawValue) \($0.opens)–\($0.closes)"
        }
        try InputLimits.checkDistinct(change.intakeMethods, field: "intake_methods") { $0.rawValue }
        let service = try await check(serviceID: serviceID, by: user)
        let enrollment = try change.applied(to: service.enrollment)
        guard let updated = try await directory.updateAvailability(serviceID: serviceID, enrollment: enrollment, hours: change.hours, at: now) else {
            throw AvailabilityError.serviceNotFound(serviceID)
        }
        try await index.catchUp()
        let organization = try await directory.organization(id: updated.organizationID)
        return Updated(service: updated, organizationName: organization?.name ?? "")
    }
}
