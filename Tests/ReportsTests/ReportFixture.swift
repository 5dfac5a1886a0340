import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// A small district whose report figures are worked out by hand (see the tests' comments).
/// Every referral goes to one service of one organization and is sent on Tuesday 1 September 2026
/// at 10:00 UTC, except S1's second, sent 15 September.
///
/// School A, 12 students:
/// - S1…S10: accepted after i hours (i = 1…10), connection confirmed i + 1 days after sending.
/// - S11: declined `no_capacity` after 30 hours.
/// - S12: sent, then marked entered-in-error by the admin: counted nowhere.
/// - S1 again: a second referral (food_insecurity) sent 15 September, never answered: overdue.
/// School B, 5 students but 12 referrals — ten or more referrals, fewer than ten students:
/// - T1: eight referrals (eight other barriers), each accepted after 20 hours; two connected after 4 days.
/// - T2, T3: accepted after 40 hours, connected after 4 days.
/// - T4: waitlisted after 40 hours, nothing since: a waitlist re-check is due.
/// - T5: declined `not_eligible` after 40 hours.
struct ReportFixture: Sendable {
    /// Monday 23 November 2026, 15:00 UTC.
    static let now = ReferralFixture.now
    static let sent = ISO8601DateFormatter().date(from: "2026-09-01T10:00:00Z")!
    static let from = CalendarDate("2026-08-01")!
    static let to = CalendarDate("2026-12-01")!

    let store: DirectoryStore
    let schoolA: String
    let schoolB: String
    let organizationID: String
    let users: [String: User]

    var admin: User { users["admin"]! }

    static func make(_ store: DirectoryStore) async throws -> ReportFixture {
        let schools = try await store.schools()
        let (schoolA, schoolB) = (schools[0].id, schools[1].id)
        let service = try #require(try await store.services(matching: ServiceQuery(limit: 1)).items.first?.service)
        let barriers = try await store.barriers().map(\.id).filter { $0 != "anxiety" && $0 != "food_insecurity" }
        let (users, _) = try await AccountStore(database: store.database).addTestAccounts([
            TestAccount("coordinator_a", .coordinator, schools: [schoolA]), TestAccount("coordinator_b", .coordinator, schools: [schoolB]),
            TestAccount("partner", .partner, organization: service.organizationID), TestAccount("admin", .admin), TestAccount("district", .district),
        ], domain: "example.org")
        let fixture = ReportFixture(store: store, schoolA: schoolA, schoolB: schoolB, organizationID: service.organizationID, users: users)
        let referrals = ReferralStore(database: store.database)
        let hour: TimeInterval = 3_600, day: TimeInterval = 86_400
        let sent = Self.sent

        func student(_ id: String, school: String) async throws -> String {
            let coordinator = users[school == schoolA ? "coordinator_a" : "coordinator_b"]!
            let registered = sent.addingTimeInterval(-2 * day)
            let student = try await referrals.registerConsentingStudent(
                NewStudent(districtStudentID: id, schoolID: school), by: coordinator, at: registered,
                consentingTo: [service.organizationID], expiresOn: CalendarDate("2027-08-01")!)
            return student.id
        }
        /// A sent referral, then each (command, role, seconds after sending).
        func referral(_ studentID: String, school: String, barrier: String, sentAt: Date = sent,
                      _ steps: [(ReferralCommand, String, TimeInterval)]) async throws {
            let coordinator = users[school == schoolA ? "coordinator_a" : "coordinator_b"]!
            let made = try await referrals.sendReferral(
                NewReferral(studentID: studentID, serviceID: service.id, barrier: barrier, tier: 2,
                            duplicateReason: ReferralFixture.repeatReason),
                by: coordinator, draftedAt: sentAt.addingTimeInterval(-hour), sentAt: sentAt)
            try await referrals.answer(made.id, with: steps.map { command, actor, after in
                (command, actor == "coordinator" ? coordinator : users[actor]!, sentAt.addingTimeInterval(after))
            })
        }
        func connect(after seconds: TimeInterval) -> (ReferralCommand, String, TimeInterval) {
            (ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate(sent.addingTimeInterval(seconds)), confirmedBy: .partner),
             "partner", seconds)
        }

        for i in 1...10 {
            let id = try await student("S\(i)", school: schoolA)
            try await referral(id, school: schoolA, barrier: "anxiety", [
                (ReferralCommand(.accept), "partner", Double(i) * hour), connect(after: Double(i + 1) * day),
            ])
            if i == 1 {
                try await referral(id, school: schoolA, barrier: "food_insecurity", sentAt: sent.addingTimeInterval(14 * day), [])
            }
        }
        try await referral(try await student("S11", school: schoolA), school: schoolA, barrier: "anxiety", [
            (ReferralCommand(.decline, reason: .noCapacity), "partner", 30 * hour),
        ])
        try await referral(try await student("S12", school: schoolA), school: schoolA, barrier: "anxiety", [
            (ReferralCommand(.markEnteredInError), "admin", 2 * hour),
        ])

        let t1 = try await student("T1", school: schoolB)
        for (index, barrier) in barriers.prefix(8).enumerated() {
            try await referral(t1, school: schoolB, barrier: barrier,
                               [(ReferralCommand(.accept), "partner", 20 * hour)] + (index < 2 ? [connect(after: 4 * day)] : []))
        }
        for name in ["T2", "T3"] {
            try await referral(try await student(name, school: schoolB), school: schoolB, barrier: "anxiety", [
                (ReferralCommand(.accept), "partner", 40 * hour), connect(after: 4 * day),
            ])
        }
        try await referral(try await student("T4", school: schoolB), school: schoolB, barrier: "anxiety", [
            (ReferralCommand(.waitlist, expectedWait: .weeks(2)), "partner", 40 * hour),
        ])
        try await referral(try await student("T5", school: schoolB), school: schoolB, barrier: "anxiety", [
            (ReferralCommand(.decline, reason: .notEligible), "partner", 40 * hour),
        ])
        return fixture
    }
}
