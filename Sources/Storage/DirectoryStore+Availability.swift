import Directory
import Foundation
import SQLKit

extension DirectoryStore {
    /// A partner's report of room, waitlist or hours. Stamps `last_verified_at`, which is also what
    /// lets this report survive a later import of an older feed.
    public func updateAvailability(
        serviceID: String, enrollment: Enrollment, hours: [OpeningHours]? = nil, at time: Date = Date()
    ) async throws -> Service? {
        let backend = database.backend
        return try await database.transaction { db in
            var update = db.update("services")
                .set("enrollment_status", to: enrollment.status?.rawValue)
                .set("waitlist_weeks", to: enrollment.waitlistWeeks)
                .set("capacity", to: enrollment.capacity)
                .set("intake_methods", to: JSONColumn.encode(codes: enrollment.intakeMethods))
                .set("last_verified_at", to: Clock.seconds(time))
            if let hours { update = update.set("hours", to: JSONColumn.encode(hours)) }
            try await update.where("id", .equal, serviceID).run()
            try await Self.recordChange(of: [serviceID], on: db, backend: backend)
            return try await db.select().column("*").from("services").where("id", .equal, serviceID).first()
                .map { try $0.decode(model: ServiceRow.self).model() }
        }
    }
}
