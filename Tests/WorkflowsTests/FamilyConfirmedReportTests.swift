import Directory
import Foundation
import Referrals
import Reports
import Storage
import Testing
import TestSupport
import Workflows

/// Connections the family confirmed through its check-in are counted, and reported, apart from
/// the partner's (issue 22 item 4), on both engines, through the use cases end to end.
@Suite("Family check-in: family-confirmed connections in reports")
struct FamilyConfirmedReportTests {
    @Test(arguments: TestBackend.available)
    func reportsCountFamilyConfirmedConnectionsSeparately(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let reporting = DistrictReporting(database: world.store.database, gaps: nil)
            let checkIns = FamilyCheckIns(database: world.store.database)
            let outbox = OutboxStore(database: world.store.database)
            let sentAt = UseCaseWorld.now.addingTimeInterval(-30 * 86_400)
            let answeredAt = sentAt.addingTimeInterval(5 * 86_400)
            for number in 0..<12 {
                let student = try await world.students.register(
                    NewStudent(districtStudentID: "S-50\(number)", schoolID: world.schoolID, grade: "8", age: 13), by: world.coordinator,
                    now: sentAt.addingTimeInterval(-86_400))
                _ = try await world.consents.record(
                    ConsentInput(organizationIDs: [world.service.organizationID], givenBy: "father", method: .written, sharedFields: [.grade],
                                 familyContact: FamilyContact(channel: .email, address: "family\(number)@home.example",
                                                              language: LanguageCode(rawValue: "en")!)),
                    forStudent: student.id, by: world.coordinator, now: sentAt.addingTimeInterval(-86_400))
                let referral = try await world.sentReferral(student, at: sentAt)
                if number < 10 {
                    // The family answers "Yes, we started" before the partner said anything.
                    let body = try #require(try await outbox.messages(referralID: referral.id).first { $0.event == "family.check_in" }).body
                    let start = try #require(body.range(of: "/check-in/")).upperBound
                    let result = try await checkIns.answer(token: String(body[start...].prefix { !$0.isWhitespace }), answer: .started, now: answeredAt)
                    #expect(result.confirmedConnection)
                } else {
                    _ = try await world.actions.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: 1, by: world.partner, now: sentAt)
                    _ = try await world.actions.apply(
                        ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate(answeredAt), confirmedBy: .partner),
                        toReferral: referral.id, expectedVersion: 2, by: world.partner, now: answeredAt)
                }
            }
            let report = try await reporting.connections(
                ConnectionReportRequest(from: CalendarDate("2026-08-01")!, to: CalendarDate("2026-11-24")!, groupBy: .school),
                for: world.district, now: UseCaseWorld.now)
            #expect(report.total[ReportCount.sent] == .count(12))
            #expect(report.total[ReportCount.connected] == .count(12))
            #expect(report.total[ReportCount.familyConfirmed] == .count(10))
            #expect(report.total.value(.familyConfirmed) == .count(10))
        }
    }
}
