import Foundation
import Referrals
import Reports
import Storage
import Testing
import TestSupport

/// The connection report against `ReportFixture`, whose figures are worked out by hand below.
@Suite("Connection report")
struct ConnectionReportTests {
    static func report(_ fixture: ReportFixture, _ groupBy: ReportGroupBy = .school, as user: String = "admin",
                       school: String? = nil) async throws -> ConnectionReport {
        try await DistrictReports(database: fixture.store.database).connections(
            ConnectionReportRequest(from: ReportFixture.from, to: ReportFixture.to, groupBy: groupBy, schoolID: school),
            for: fixture.users[user]!, now: ReportFixture.now)
    }

    @Test(arguments: TestBackend.available)
    func bySchoolMatchesTheHandComputedFigures(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let fixture = try await ReportFixture.make(store)
            let report = try await Self.report(fixture)
            #expect(report.rows.count == 2)
            let a = try #require(report.rows.first { $0.key == fixture.schoolA })
            let b = try #require(report.rows.first { $0.key == fixture.schoolB })

            // School A: S1…S11 and S1's second referral; S12 (entered in error) is nowhere.
            #expect(a[.sent] == .count(12))
            #expect(a[.accepted] == .count(10))
            // 10 connected from 10 students, but hidden beside school B's 4 (hidden): the total's 14 minus
            // a shown 10 would give B's 4, so A's cell is hidden too (complementary suppression), and
            // the rate and times that rest on it.
            #expect(a[.connected] == .suppressed)
            #expect(a[.responded] == .count(11))
            for small in [ReportCount.waitlisted, .scheduled, .closed, .declined, .cancelled, .unreachable, .open, .overdue] {
                #expect(a[small] == .suppressed, "\(small)")  // 0 or 1 referral: under 10 students
            }
            #expect(a.connectionRate == .suppressed)
            #expect(a.medianDaysToConnect == .suppressed)
            #expect(a.p90DaysToConnect == .suppressed)
            #expect(a.medianHoursToFirstResponse == .measure(6))   // 1…10 h and 30 h: 6th of 11
            #expect(a.p90HoursToFirstResponse == .measure(10))     // 10th of 11
            #expect(!a.isSuppressed)

            // School B: 12 referrals, but from 5 students — every cell hidden, rates and times too.
            #expect(b.isSuppressed)
            #expect(ReportCount.allCases.allSatisfy { b[$0] == .suppressed })
            #expect(b.connectionRate == .suppressed)
            #expect([b.medianDaysToConnect, b.p90DaysToConnect, b.medianHoursToFirstResponse, b.p90HoursToFirstResponse]
                .allSatisfy { $0 == .suppressed })

            // Total: 24 referrals from 16 students.
            let total = report.total
            #expect(total.key == nil)
            #expect(total[.sent] == .count(24))
            #expect(total[.accepted] == .count(20))                 // 10 + T1's 8 + T2 + T3, 13 students
            #expect(total[.connected] == .count(14))                // 10 + 2 + 2, 13 students
            #expect(total[.responded] == .count(23))                // all but S1's unanswered second
            #expect(total[.declined] == .suppressed)                // S11, T5
            #expect(total[.open] == .suppressed)                    // 8 referrals, 3 students
            #expect(total[.overdue] == .suppressed)                 // S1's second, T4
            // Entered-in-error is not in the denominator: 14 ÷ 24, not 14 ÷ 25.
            #expect(total.connectionRate == .measure(0.583))
            #expect(total.medianDaysToConnect == .measure(4))       // [2,3,4,4,4,4,4,5,…,11]: 7th of 14
            #expect(total.p90DaysToConnect == .measure(10))         // 13th of 14
            #expect(total.medianHoursToFirstResponse == .measure(20))  // [1…10, 20×8, 30, 40×4]: 12th of 23
            #expect(total.p90HoursToFirstResponse == .measure(40))     // 21st of 23
        }
    }

    @Test(arguments: TestBackend.available)
    func storeCountsAndOverdueAgreeWithTheFollowUpPolicy(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let fixture = try await ReportFixture.make(store)
            let referrals = ReferralStore(database: store.database)
            let policy = try await referrals.followUpPolicy()
            let filter = ReportFilter(sentFrom: ReportFixture.sent.addingTimeInterval(-86_400 * 30),
                                      sentTo: ReportFixture.now, scope: .everything)
            let reports = ReportStore(database: store.database)
            let counts = try await reports.referralCounts(filter, by: .school, overdue: OverdueCutoffsForTest.make(policy, ReportFixture.now))
            let a = try #require(counts.first { $0.key == fixture.schoolA })
            let b = try #require(counts.first { $0.key == fixture.schoolB })
            #expect(a[.sent] == 12 && b[.sent] == 12)
            #expect(a[.declined] == 1 && b[.declined] == 1)
            #expect(a[.open] == 1 && b[.open] == 7)
            #expect(b[.waitlisted] == 1)
            // The SQL overdue count is the policy's: the same referrals follow-ups lists.
            let due = try await referrals.followUps(visibleTo: fixture.admin, now: ReportFixture.now)
            #expect(due.count == 2)
            #expect(a[.overdue] + b[.overdue] == due.count)
            #expect(a[.overdue] == 1 && b[.overdue] == 1)
            // Exact distinct students where the referral counts cannot decide.
            let students = try await reports.studentCounts(filter, by: .school, overdue: OverdueCutoffsForTest.make(policy, ReportFixture.now))
            #expect(students.first { $0.key == fixture.schoolB }?[.sent] == 5)
            #expect(students.first { $0.key == fixture.schoolA }?[.sent] == 11)
            #expect(try await reports.maxReferralsPerStudent() == 8)
        }
    }

    @Test(arguments: TestBackend.available)
    func scopesAndOtherGroupings(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let fixture = try await ReportFixture.make(store)
            // A coordinator sees only their school; another school is not theirs to ask for.
            let coordinator = try await Self.report(fixture, as: "coordinator_a")
            #expect(coordinator.rows.map(\.key) == [fixture.schoolA])
            #expect(coordinator.total[.sent] == .count(12))
            await #expect(throws: ReportError.schoolNotVisible(fixture.schoolB)) {
                try await Self.report(fixture, as: "coordinator_a", school: fixture.schoolB)
            }
            // The partner received every referral, so sees the district's figures; a school filter narrows them,
            // but not to a figure the unnarrowed one could be subtracted from: school B's September is 12
            // referrals of 5 students, so school A's September (12) is hidden beside the district's (24).
            #expect(try await Self.report(fixture, as: "partner").total == (try await Self.report(fixture)).total)
            #expect(try await Self.report(fixture, as: "district", school: fixture.schoolA).total[.sent] == .suppressed)
            #expect(try await Self.report(fixture, as: "coordinator_a", school: fixture.schoolA).total[.sent] == .count(12))

            // By month: every month of the period that is over (November is in progress), all referrals in September.
            let months = try await Self.report(fixture, .month)
            #expect(months.rows.map(\.key) == ["2026-08", "2026-09", "2026-10"])
            #expect(months.rows[1][.sent] == .count(24))
            #expect(months.rows[1].connectionRate == .measure(0.583))
            #expect(months.rows[0][.sent] == .suppressed)

            // By tier: every fixture referral is tier 2.
            let tiers = try await Self.report(fixture, .tier)
            #expect(tiers.rows.map(\.key) == ["2"])
            #expect(tiers.rows[0].label == "Tier 2")

            // By barrier: T1's eight barriers each have one referral (hidden); anxiety has S1…S12 but S12, T2…T5.
            let barriers = try await Self.report(fixture, .barrier)
            let anxiety = try #require(barriers.rows.first { $0.key == "anxiety" })
            // Anxiety's 15 is hidden beside the eight single referrals and food insecurity's one: the total's
            // 24 minus a shown 15 would be 9, the hidden rows' sum (complementary suppression).
            #expect(anxiety[.sent] == .suppressed)
            #expect(barriers.total[.sent] == .count(24))

            // By student group: nobody in the fixture is in a group, so one row without a group.
            let groups = try await Self.report(fixture, .studentGroup)
            #expect(groups.rows.map(\.key) == [nil])
            #expect(groups.rows[0][.sent] == .count(24))

            // By domain: a referral counts in each of its service's domains, the total once.
            let domains = try await Self.report(fixture, .domain)
            #expect(!domains.rows.isEmpty)
            #expect(domains.rows.allSatisfy { $0[.sent] == .count(24) })
            #expect(domains.total[.sent] == .count(24))
        }
    }

    @Test(arguments: TestBackend.available)
    func csvAndJSONCarryTheSameCells(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let fixture = try await ReportFixture.make(store)
            let report = try await Self.report(fixture)
            let lines = report.csv.split(separator: "\r\n").map(String.init)
            #expect(lines.first == ConnectionColumn.allCases.map(\.rawValue).joined(separator: ","))
            #expect(lines.count == report.rows.count + 2)
            #expect(lines.last?.hasPrefix(",Total,24,20,<10,<10,14,") == true, "\(lines.last ?? "")")
            let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
            let total = try #require(json["total"] as? [String: Any])
            #expect(total["sent"] as? Int == 24)
            #expect(total["declined"] as? String == "<10")
            #expect(total["connection_rate"] as? Double == 0.583)
        }
    }
}

/// The cut-offs the report derives from the policy, rebuilt here from public pieces so the store's
/// count can be checked on its own.
enum OverdueCutoffsForTest {
    static func make(_ policy: FollowUpPolicy, _ now: Date) -> OverdueCutoffs {
        let today = CalendarDate(now, in: policy.timeZone)
        var lastLate = today
        while lastLate.adding(businessDays: policy.partnerResponseBusinessDays, holidays: policy.holidays) > today {
            lastLate = lastLate.adding(days: -1)
        }
        func start(_ day: CalendarDate) -> Date { Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch) * 86_400) }
        return OverdueCutoffs(referredSentBefore: start(lastLate.adding(days: 1)),
                              waitlistedIdleBefore: start(today.adding(days: 1 - policy.waitlistRecheckDays)),
                              intakeOnOrBefore: today.adding(days: -policy.intakeGraceDays))
    }
}
