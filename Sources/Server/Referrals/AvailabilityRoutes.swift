import Directory
import Foundation
import Hummingbird
import Referrals
import Storage

/// `PATCH /api/v1/services/{id}/availability`: a partner reports room, a waitlist or new hours for
/// one of its organization's services. The report stamps last-verified (so an older feed will not
/// overwrite it) and reaches this instance's match index before the reply; other instances follow
/// through the change log.
struct AvailabilityRoutes: Sendable {
    let directory: DirectoryStore
    let index: LiveMatchIndex
    let clock: @Sendable () -> Date

    func register(on router: Router<AppRequestContext>) {
        router.group("api/v1").patch("services/:id/availability", use: update)
    }

    struct Body: Decodable {
        let enrollment: EnrollmentStatus?
        let waitlistWeeks: Int?
        let capacity: Int?
        let intakeMethods: [IntakeMethod]?
        let hours: [OpeningHours]?

        enum CodingKeys: String, CodingKey {
            case enrollment, capacity, hours
            case waitlistWeeks = "waitlist_weeks"
            case intakeMethods = "intake_methods"
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> ServiceResource {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let service = try await directory.service(id: id) else { throw Problem.notFound("service", id: id) }
        guard AccessPolicy(user).mayUpdateAvailability(ofOrganization: service.organizationID) else {
            throw ReferralStoreError.forbidden("only the organization's partners update this service's availability")
        }
        let body = try RequestBody.decode(Body.self, from: try await RequestBody.collect(request, context: context))
        var enrollment = service.enrollment
        if let status = body.enrollment { enrollment.status = status }
        if let weeks = body.waitlistWeeks {
            guard (0...104).contains(weeks) else { throw Problem.invalidParameter("waitlist_weeks", "waitlist_weeks is 0–104") }
            enrollment.waitlistWeeks = weeks
        }
        if body.enrollment != nil && body.enrollment != .waitlist && body.waitlistWeeks == nil { enrollment.waitlistWeeks = nil }
        if let capacity = body.capacity {
            guard capacity >= 0 else { throw Problem.invalidParameter("capacity", "capacity cannot be negative") }
            enrollment.capacity = capacity
        }
        if let methods = body.intakeMethods { enrollment.intakeMethods = methods }
        guard let updated = try await directory.updateAvailability(serviceID: id, enrollment: enrollment, hours: body.hours, at: clock()) else {
            throw Problem.notFound("service", id: id)
        }
        try await index.catchUp()
        let organization = try await directory.organization(id: updated.organizationID)
        return ServiceResource(service: updated, organizationName: organization?.name ?? "", distanceKm: nil)
    }
}
