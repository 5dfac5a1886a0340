import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// The store the browser tests serve: the seed directory, one password user per role, and a
/// baseline of 20 referrals (12 connected) sent in the last weeks, so the district dashboard has
/// figures above the suppression threshold that a single new connection visibly moves.
struct BrowserWorld: Sendable {
    static let password = "browser-test-password"

    let store: DirectoryStore
    let service: Service
    let schoolID: String
    let users: [String: User]
    /// The baseline referrals, oldest first (the Spanish pass opens one).
    var referralIDs: [String] = []
    static let emailDomain = "browser.example.org"
    static let coordinatorName = "Dana Okafor"
    static let coordinatorPhone = "515-555-0123"

    func email(_ role: String) -> String { "\(role)@\(Self.emailDomain)" }

    static func make(_ store: DirectoryStore, now: Date = Date()) async throws -> BrowserWorld {
        // An open service for anxiety (the barrier the script refers for) whose organization has another
        // service too, so the availability page has a choice.
        let anxiety = try #require(try await store.barriers().first { $0.id == "anxiety" })
        let services = try await store.services(matching: ServiceQuery(enrollment: .open, limit: 500)).items.map(\.service)
        let candidates = services.filter { anxiety.isServed(by: $0) }
        let service = try #require(candidates.first { candidate in services.filter { $0.organizationID == candidate.organizationID }.count >= 2 }
                                   ?? candidates.first)
        let school = try #require(try await store.schools().first)
        let (users, _) = try await AccountStore(database: store.database).addTestAccounts([
            TestAccount("coordinator", .coordinator, schools: [school.id]), TestAccount("partner", .partner, organization: service.organizationID),
            TestAccount("district", .district), TestAccount("admin", .admin),
        ], domain: emailDomain, password: password)
        let referrals = ReferralStore(database: store.database)
        let coordinator = users["coordinator"]!, partner = users["partner"]!
        // What the partner sees on every card to reach the school (issue 22 item 2).
        try await AccountStore(database: store.database).setProfile(
            UserProfile(displayName: coordinatorName, phone: coordinatorPhone), userID: coordinator.id, by: coordinator, now: now)
        var referralIDs: [String] = []
        for index in 0..<20 {
            let sentAt = now.addingTimeInterval(-Double(40 - index) * 86_400)
            let student = try await referrals.registerConsentingStudent(
                NewStudent(districtStudentID: "B-\(1000 + index)", schoolID: school.id, grade: "6", age: 11), by: coordinator, at: sentAt,
                consentingTo: [service.organizationID])
            let referral = try await referrals.sendReferral(
                NewReferral(studentID: student.id, serviceID: service.id, barrier: index.isMultiple(of: 2) ? "anxiety" : "food_insecurity", tier: 2,
                            duplicateReason: ReferralFixture.repeatReason),
                by: coordinator, draftedAt: sentAt, sentAt: sentAt)
            referralIDs.append(referral.id)
            guard index < 12 else { continue }
            let connectedAt = sentAt.addingTimeInterval(Double(3 + index) * 86_400)
            try await referrals.answer(referral.id, with: [
                (ReferralCommand(.accept), partner, sentAt.addingTimeInterval(86_400)),
                (ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate(connectedAt), confirmedBy: .partner), partner, connectedAt),
            ])
        }
        return BrowserWorld(store: store, service: service, schoolID: school.id, users: users, referralIDs: referralIDs)
    }
}
