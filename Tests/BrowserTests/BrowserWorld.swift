import Directory
import Foundation
import Referrals
import Storage
import Testing

/// The store the browser tests serve: the seed directory, one password user per role, and a
/// baseline of 20 referrals (12 connected) sent in the last weeks, so the district dashboard has
/// figures above the suppression threshold that a single new connection visibly moves.
struct BrowserWorld: Sendable {
    static let password = "browser-test-password"

    let store: DirectoryStore
    let service: Service
    let schoolID: String
    let users: [String: User]

    func email(_ role: String) -> String { "\(role)@browser.example.org" }

    static func make(_ store: DirectoryStore, now: Date = Date()) async throws -> BrowserWorld {
        let accounts = AccountStore(database: store.database)
        // An open service for anxiety (the barrier the script refers for) whose organization has another
        // service too, so the availability page has a choice.
        let anxiety = try #require(try await store.barriers().first { $0.id == "anxiety" })
        let services = try await store.services(matching: ServiceQuery(enrollment: .open, limit: 500)).items.map(\.service)
        let candidates = services.filter { anxiety.isServed(by: $0) }
        let service = try #require(candidates.first { candidate in services.filter { $0.organizationID == candidate.organizationID }.count >= 2 }
                                   ?? candidates.first)
        let school = try #require(try await store.schools().first)
        var users: [String: User] = [:]
        for (role, kind, organization, schools) in [
            ("coordinator", Role.coordinator, nil, [school.id]), ("partner", .partner, service.organizationID, []),
            ("district", .district, nil, []), ("admin", .admin, nil, []),
        ] as [(String, Role, String?, [String])] {
            users[role] = try await accounts.addUser(
                email: "\(role)@browser.example.org", role: kind, organizationID: organization, schoolIDs: schools, password: password).user
        }
        let referrals = ReferralStore(database: store.database)
        let coordinator = users["coordinator"]!, partner = users["partner"]!
        for index in 0..<20 {
            let sentAt = now.addingTimeInterval(-Double(40 - index) * 86_400)
            let student = try await referrals.createStudent(
                NewStudent(districtStudentID: "B-\(1000 + index)", schoolID: school.id, grade: "6", age: 11), by: coordinator, now: sentAt)
            _ = try await referrals.addConsent(
                Consent(organizationIDs: [service.organizationID], givenBy: "parent", method: .written, sharedFields: [.grade],
                        givenOn: CalendarDate(sentAt)), studentID: student.id, by: coordinator, now: sentAt)
            var referral = try await referrals.createReferral(
                NewReferral(studentID: student.id, serviceID: service.id, barrier: index.isMultiple(of: 2) ? "anxiety" : "food_insecurity", tier: 2,
                            duplicateReason: "another need of the same student (test fixture)"),
                by: coordinator, now: sentAt)
            referral = try await referrals.apply(ReferralCommand(.send), toReferral: referral.id, expectedVersion: nil, by: coordinator, now: sentAt)
            guard index < 12 else { continue }
            let acceptedAt = sentAt.addingTimeInterval(86_400)
            referral = try await referrals.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: nil, by: partner, now: acceptedAt)
            let connectedAt = sentAt.addingTimeInterval(Double(3 + index) * 86_400)
            referral = try await referrals.apply(
                ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate(connectedAt), confirmedBy: .partner),
                toReferral: referral.id, expectedVersion: nil, by: partner, now: connectedAt)
        }
        return BrowserWorld(store: store, service: service, schoolID: school.id, users: users)
    }
}
