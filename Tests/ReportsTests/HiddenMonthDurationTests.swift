import Directory
import Foundation
import Referrals
import Reports
import Storage
import Testing
import TestSupport

/// The times to connection and to first response are read after the cells are decided, each
/// group's summed over its shown months in the database (docs/PERFORMANCE.md, "Reports, two
/// phases"). A hidden month's referrals must not move a group's median or p90, nor the total's;
/// a group's hidden cell in a month the total shows still counts in the total. Built so that each
/// mistake moves a figure: the hidden referrals are the slowest.
@Suite("Connection report: times over shown months only")
struct HiddenMonthDurationTests {
    static let now = MonthCellDifferencingTests.now
    static let hour: TimeInterval = 3_600

    /// School A: September 10 students connected in 2 days (first response after 1 hour), October 3
    /// students in 20 days (50 hours) — its own and the total's October are hidden. School B:
    /// September 4 students with 3 referrals each (to three services) connected in 9 days (30 hours):
    /// 12 referrals, hidden by students, too many referrals to hide school A's September beside it.
    static func make(_ store: DirectoryStore) async throws -> (admin: User, schoolA: String, schoolB: String) {
        let schools = Array(try await store.schools().prefix(2).map(\.id))
        let services = Array(try await store.services(matching: ServiceQuery(limit: 3)).items.map(\.service))
        try #require(schools.count == 2 && services.count == 3)
        let accounts = AccountStore(database: store.database)
        let admin = try await accounts.addUser(email: "district@example.org", role: .district, organizationID: nil, schoolIDs: []).user
        var coordinators: [String: User] = [:], partners: [String: User] = [:]
        for (index, school) in schools.enumerated() {
            coordinators[school] = try await accounts.addUser(
                email: "coordinator\(index)@example.org", role: .coordinator, organizationID: nil, schoolIDs: [school]).user
        }
        for (index, organization) in Set(services.map(\.organizationID)).sorted().enumerated() {
            partners[organization] = try await accounts.addUser(
                email: "partner\(index)@example.org", role: .partner, organizationID: organization, schoolIDs: []).user
        }
        let referrals = ReferralStore(database: store.database)
        var number = 0
        func student(_ school: String, month: Int, day: Int, referrals count: Int, days: Int, hours: Int) async throws {
            number += 1
            let coordinator = coordinators[school]!
            let sent = MonthCellDifferencingTests.District.instant(2026, month, day, hour: 10)
            let before = sent.addingTimeInterval(-2 * 86_400)
            let made = try await referrals.createStudent(NewStudent(districtStudentID: "H\(number)", schoolID: school), by: coordinator, now: before)
            _ = try await referrals.addConsent(
                Consent(organizationIDs: Array(Set(services.map(\.organizationID))).sorted(), givenBy: "parent", method: .written, sharedFields: [.grade],
                        givenOn: CalendarDate(before), expiresOn: CalendarDate("2027-08-01")!),
                studentID: made.id, by: coordinator, now: before)
            for service in services.prefix(count) {
                let partner = partners[service.organizationID]!
                let referral = try await referrals.createReferral(
                    NewReferral(studentID: made.id, serviceID: service.id, barrier: "anxiety", tier: 2), by: coordinator, now: sent.addingTimeInterval(-hour))
                _ = try await referrals.apply(ReferralCommand(.send), toReferral: referral.id, expectedVersion: nil, by: coordinator, now: sent)
                _ = try await referrals.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: nil, by: partner,
                                              now: sent.addingTimeInterval(Double(hours) * hour))
                let connected = sent.addingTimeInterval(Double(days) * 86_400)
                _ = try await referrals.apply(
                    ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate(connected), confirmedBy: .partner),
                    toReferral: referral.id, expectedVersion: nil, by: partner, now: connected)
            }
        }
        for day in 1...10 { try await student(schools[0], month: 9, day: day, referrals: 1, days: 2, hours: 1) }
        for day in 1...3 { try await student(schools[0], month: 10, day: day, referrals: 1, days: 20, hours: 50) }
        for day in 11...14 { try await student(schools[1], month: 9, day: day, referrals: 3, days: 9, hours: 30) }
        return (admin, schools[0], schools[1])
    }

    static func report(_ store: DirectoryStore, _ user: User, _ groupBy: ReportGroupBy) async throws -> ConnectionReport {
        try await DistrictReports(database: store.database).connections(
            ConnectionReportRequest(from: CalendarDate("2026-08-01")!, to: CalendarDate("2026-12-01")!, groupBy: groupBy), for: user, now: now)
    }

    @Test(arguments: TestBackend.available)
    func hiddenMonthsDoNotMoveTheTimes(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let (admin, schoolA, schoolB) = try await Self.make(store)
            let report = try await Self.report(store, admin, .school)
            let a = try #require(report.rows.first { $0.key == schoolA })
            let b = try #require(report.rows.first { $0.key == schoolB })
            // A: September alone (October's 3 students hidden); with October's 20 days and 50 hours p90 would be 20 and 50.
            #expect(a[.connected] == .atLeast(10) || a[.connected] == .count(10), "\(a[.connected])")
            #expect([a.medianDaysToConnect, a.p90DaysToConnect] == [.measure(2), .measure(2)])
            #expect([a.medianHoursToFirstResponse, a.p90HoursToFirstResponse] == [.measure(1), .measure(1)])
            // B: its one month hidden, so are its times.
            #expect([b.medianDaysToConnect, b.p90DaysToConnect, b.medianHoursToFirstResponse, b.p90HoursToFirstResponse]
                .allSatisfy { $0 == .suppressed })
            // Total: September shown (22 referrals, 14 students) with B's hidden cell in it: [2×10, 9×12];
            // October hidden. Without B: median 2; with October: p90 20 (days) and 50 (hours).
            let total = report.total
            #expect(total[.connected] == .atLeast(22) || total[.connected] == .count(22), "\(total[.connected])")
            #expect([total.medianDaysToConnect, total.p90DaysToConnect] == [.measure(9), .measure(9)])
            #expect([total.medianHoursToFirstResponse, total.p90HoursToFirstResponse] == [.measure(30), .measure(30)])
            #expect(report.totalDaysToConnect.reduce(0) { $0 + $1.referrals } == 22)
            #expect(Set(report.totalDaysToConnect.map(\.units)) == [2, 9])

            // The total does not depend on the grouping: read on its own (domains, months) or added up from the groups.
            for groupBy in [ReportGroupBy.month, .domain, .barrier, .studentGroup] {
                let other = try await Self.report(store, admin, groupBy)
                #expect(other.total == total, "\(groupBy)")
                #expect(other.totalDaysToConnect.reduce(0) { $0 + $1.referrals } == 22, "\(groupBy)")
            }
            // By month: September's times are the total's, October's hidden.
            let months = try await Self.report(store, admin, .month)
            let september = try #require(months.rows.first { $0.key == "2026-09" })
            let october = try #require(months.rows.first { $0.key == "2026-10" })
            #expect([september.medianDaysToConnect, september.p90DaysToConnect] == [.measure(9), .measure(9)])
            #expect([october.medianDaysToConnect, october.p90HoursToFirstResponse] == [.suppressed, .suppressed])
        }
    }
}
