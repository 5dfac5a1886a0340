import Directory
import Foundation
import Hummingbird
import Workflows

/// `PATCH /api/v1/services/{id}/availability`: a partner reports room, a waitlist or new hours for
/// one of its organization's services (the `AvailabilityUpdates` use case). A key left out is kept;
/// `"waitlist_weeks": null` or `"capacity": null` clears it.
struct AvailabilityRoutes: Sendable {
    let availability: AvailabilityUpdates
    let clock: @Sendable () -> Date

    func register(on router: Router<AppRequestContext>) {
        router.group("api/v1").patch("services/:id/availability", use: update)
    }

    struct Body: Decodable {
        let change: AvailabilityChange

        enum CodingKeys: String, CodingKey {
            case enrollment, capacity, hours
            case waitlistWeeks = "waitlist_weeks"
            case intakeMethods = "intake_methods"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func field(_ key: CodingKeys) throws -> FieldChange<Int> {
                guard container.contains(key) else { return .keep }
                return try container.decodeNil(forKey: key) ? .clear : .set(try container.decode(Int.self, forKey: key))
            }
            change = AvailabilityChange(
                status: try container.decodeIfPresent(EnrollmentStatus.self, forKey: .enrollment),
                waitlistWeeks: try field(.waitlistWeeks), capacity: try field(.capacity),
                intakeMethods: try container.decodeIfPresent([IntakeMethod].self, forKey: .intakeMethods),
                hours: try container.decodeIfPresent([OpeningHours].self, forKey: .hours))
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> ServiceResource {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let body = try RequestBody.decode(Body.self, from: try await RequestBody.collect(request, context: context))
        let updated = try await availability.update(serviceID: id, with: body.change, by: user, now: clock())
        return ServiceResource(service: updated.service, organizationName: updated.organizationName, distanceKm: nil)
    }
}
