import Foundation
import Referrals
import Reports
import Storage
import Testing
import TestSupport

/// Issue 21 item 10: two reports whose periods differ by one day must not reveal the one referral
/// sent that day. `ReportFixture` sends S1's second referral (school A, food insecurity) alone on
/// 15 September; every other referral went out on 1 September.
@Suite("Suppression: differencing")
struct DifferencingTests {
    static func report(_ fixture: ReportFixture, from: String, to: String, _ groupBy: ReportGroupBy = .school) async throws -> ConnectionReport {
        try await DistrictReports(database: fixture.store.database).connections(
            ConnectionReportRequest(from: CalendarDate(from)!, to: CalendarDate(to)!, groupBy: groupBy),
            for: fixture.users["district"]!, now: ReportFixture.now)
    }

    @Test(arguments: TestBackend.available)
    func periodsOneDayApartShowTheSameFigures(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let fixture = try await ReportFixture.make(store)
            // The store itself tells the day apart: exactly one referral, of school A, sent on 15 September.
            let exact = ReportStore(database: store.database)
            func sentBySchool(through day: Int) async throws -> [String?: Int] {
                let filter = ReportFilter(sentFrom: ReportFixture.sent.addingTimeInterval(-86_400),
                                          sentTo: ReportFixture.sent.addingTimeInterval(Double(day) * 86_400), scope: .everything)
                let counts = try await exact.referralCounts(filter, by: .school, overdue: OverdueCutoffsForTest.make(
                    try await ReferralStore(database: store.database).followUpPolicy(), ReportFixture.now))
                return Dictionary(uniqueKeysWithValues: counts.map { ($0.key, $0[.sent]) })
            }
            let before = try await sentBySchool(through: 14), after = try await sentBySchool(through: 15)
            #expect(before[fixture.schoolA] == 11 && after[fixture.schoolA] == 12, "the day holds one referral: \(before) \(after)")

            // Reports asked for 1–14 and 1–15 September (to is exclusive) count the same whole month.
            for groupBy in [ReportGroupBy.school, .barrier, .month, .organization] {
                let shorter = try await Self.report(fixture, from: "2026-09-01", to: "2026-09-15", groupBy)
                let longer = try await Self.report(fixture, from: "2026-09-01", to: "2026-09-16", groupBy)
                #expect(shorter.rows == longer.rows, "\(groupBy)")
                #expect(shorter.total == longer.total, "\(groupBy)")
                #expect(shorter.request.from == CalendarDate("2026-09-01")! && shorter.request.to == CalendarDate("2026-10-01")!)
                #expect(shorter.requested.to == CalendarDate("2026-09-15")!)
                #expect(shorter.csv == longer.csv)
            }
            // Both count S1's second referral, so neither differs from the whole of September.
            let september = try await Self.report(fixture, from: "2026-09-01", to: "2026-10-01")
            let a = try #require(september.rows.first { $0.key == fixture.schoolA })
            #expect(a[.sent] == .count(12))
            // Moving the start by a day inside the month changes nothing either.
            let fromTheSecond = try await Self.report(fixture, from: "2026-09-02", to: "2026-10-01")
            #expect(fromTheSecond.rows == september.rows && fromTheSecond.total == september.total)
        }
    }

    @Test(arguments: TestBackend.available)
    func theGapsReportCountsWholeMonthsToo(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let fixture = try await ReportFixture.make(store)
            let reports = DistrictReports(database: store.database)
            func gaps(to: String) async throws -> GapsReport {
                try await reports.gaps(GapsReportRequest(from: CalendarDate("2026-09-01")!, to: CalendarDate(to)!),
                                       for: fixture.users["district"]!, now: ReportFixture.now)
            }
            let shorter = try await gaps(to: "2026-09-02"), longer = try await gaps(to: "2026-09-03")
            #expect(shorter.request.to == CalendarDate("2026-10-01")!)
            #expect(shorter.noCapacity == longer.noCapacity && shorter.longWaitlists == longer.longWaitlists)
            let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(shorter)) as? [String: Any])
            #expect(json["to"] as? String == "2026-10-01")
            #expect((json["requested"] as? [String: Any])?["to"] as? String == "2026-09-02")
            #expect((json["suppression"] as? [String: Any])?["period"] as? String == "whole_months")
        }
    }
}
