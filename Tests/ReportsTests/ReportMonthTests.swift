import Foundation
import Referrals
import Reports
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// Month cells read the month stored on each referral (`sent_month`, migration 22) when the store's
/// months are the report's, and work the month out of `sent_at` otherwise: both ways must give the
/// same report, figure for figure, in any zone, for every grouping.
@Suite("Reports: stored months")
struct ReportMonthTests {
    static let now = Date(timeIntervalSince1970: 1_795_446_000)
    static let groupings: [ReportGroupBy] = [.school, .organization, .domain, .barrier, .tier, .studentGroup, .month]

    @Test(arguments: TestBackend.available)
    func storedMonthsGiveTheReportOfWorkedOutMonths(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let summary = try await DemoReferrals.fill(store, DemoReferralOptions(referrals: 300, seed: 11, now: Self.now, writer: .bulk))
            let admin = try #require(summary.logins.first { $0.user.role == .admin }?.user)
            let coordinator = try #require(summary.logins.first { $0.user.role == .coordinator }?.user)
            let database = store.database
            // Kiritimati (UTC+14) moves the demo's working-hours sends on a month's last day into the next month.
            for zone in ["Etc/GMT", "America/Chicago", "Asia/Kolkata", "Pacific/Kiritimati"] {
                try await ReferralStore(database: database).setSetting(.timeZone, to: zone)
                #expect(try await Self.storedMonthsAreTheSentDaysMonths(database, zone: TimeZone(identifier: zone)!), "\(zone)")
                var stored: [ConnectionReport] = []
                for user in [admin, coordinator] {
                    for groupBy in Self.groupings {
                        stored.append(try await Self.report(database, groupBy, user))
                    }
                }
                #expect(try await Self.monthsMatch(database, zone: TimeZone(identifier: zone)!), "the stored months were not used")
                // One month's start moved by a second: the store's months are no longer the report's.
                try await database.sql.raw("UPDATE report_months SET starts_at = starts_at + 1 WHERE month = \(bind: 2026 * 12 + 9)").run()
                #expect(!(try await Self.monthsMatch(database, zone: TimeZone(identifier: zone)!)))
                var workedOut: [ConnectionReport] = []
                for user in [admin, coordinator] {
                    for groupBy in Self.groupings {
                        workedOut.append(try await Self.report(database, groupBy, user))
                    }
                }
                #expect(stored.count == workedOut.count)
                for (a, b) in zip(stored, workedOut) {
                    #expect(Self.settled(a) == Self.settled(b), "\(zone) \(a.request.groupBy)")
                }
                #expect(stored.contains { ($0.total[.sent].shownCount ?? 0) > 100 })
            }
        }
    }

    /// The report with its unsuppressed histogram added up per day: its buckets come in the order
    /// the store read them (documented as any order), which differs between the two ways.
    static func settled(_ report: ConnectionReport) -> ConnectionReport {
        var report = report
        let days = Dictionary(report.totalDaysToConnect.map { ($0.units, $0.referrals) }, uniquingKeysWith: +)
        report.totalDaysToConnect = days.keys.sorted().map { DurationBucket(units: $0, referrals: days[$0]!) }
        return report
    }

    static func report(_ database: Database, _ groupBy: ReportGroupBy, _ user: User) async throws -> ConnectionReport {
        try await DistrictReports(database: database).connections(
            ConnectionReportRequest(from: CalendarDate("2026-08-01")!, to: CalendarDate("2026-11-24")!, groupBy: groupBy),
            for: user, now: now)
    }

    /// Whether the store's months are this period's months in `zone` (what the reports check).
    static func monthsMatch(_ database: Database, zone: TimeZone) async throws -> Bool {
        let labels = ["2026-08", "2026-09", "2026-10"]
        let starts = labels.map { ReportMonths.start(of: CalendarDate($0 + "-01")!, in: zone) }
        return try await ReportMonths.matches(
            starts: starts, labels: labels, from: starts[0], to: ReportMonths.start(of: CalendarDate("2026-11-01")!, in: zone),
            on: database.sql)
    }

    /// Every sent referral's stored month is the month of its sent day in `zone`; a draft has none.
    static func storedMonthsAreTheSentDaysMonths(_ database: Database, zone: TimeZone) async throws -> Bool {
        var checked = 0
        for row in try await database.sql.raw("SELECT sent_at, sent_month FROM referrals").all() {
            let month = try row.decode(column: "sent_month", as: Int?.self)
            guard let sentAt = try row.decode(column: "sent_at", as: Int?.self) else {
                if month != nil { return false }
                continue
            }
            let day = CalendarDate(Date(timeIntervalSince1970: TimeInterval(sentAt)), in: zone)
            if month != day.year * 12 + day.month - 1 { return false }
            checked += 1
        }
        return checked > 100
    }
}
