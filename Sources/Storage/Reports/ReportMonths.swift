import Foundation
import Referrals
import SQLKit

/// The month each referral was sent in, kept on its row (`referrals.sent_month`, migration 22) so
/// that month cells group by a column the report indexes hold in order, instead of a `CASE` over
/// the month starts that every query works out per referral and then sorts by.
///
/// A month is numbered `year * 12 + month - 1`. `report_months` holds the first instant of every
/// month from `covered` in the district's time zone; a trigger sets `sent_month` from it whenever a
/// referral is written with a send time (any writer: the store, the demo bulk writer). A change of
/// the district's zone rewrites the table and every row in one transaction (`write`).
///
/// The reports never trust the stored months blindly: before using them, a query compares the
/// table's starts with the month starts it computed for its own period (`matches`); if they
/// differ (a zone set behind the store's back, a period outside `covered`) it falls back to the
/// `CASE`, which gives the same figures more slowly.
public enum ReportMonths {
    /// The months the table covers: a referral sent outside them has no stored month.
    static let covered = number(year: 1990, month: 1)...number(year: 2149, month: 12)

    static func number(year: Int, month: Int) -> Int { year * 12 + month - 1 }

    /// The month of a label "2026-09".
    static func number(label: String) -> Int? {
        guard let day = CalendarDate(label + "-01") else { return nil }
        return number(year: day.year, month: day.month)
    }

    /// The first day of month `number`.
    static func firstDay(of number: Int) -> CalendarDate {
        CalendarDate(year: number / 12, month: number % 12 + 1, day: 1)!
    }

    /// The first instant of `day` in `timeZone`: the one definition reports cut days and months by.
    public static func start(of day: CalendarDate, in timeZone: TimeZone) -> Date {
        let local = TimeInterval(day.daysSinceEpoch) * 86_400
        // The offset is the one in force at that instant; asking twice settles days when DST changes.
        var instant = local - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local)))
        instant = local - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
        return Date(timeIntervalSince1970: instant)
    }

    /// The month whose start is the latest at or before the row's `sent_at` (`column`), through
    /// `report_months_starts`: one index seek.
    static func lookup(_ column: String) -> String {
        "(SELECT m.month FROM report_months m WHERE m.starts_at <= \(column) ORDER BY m.starts_at DESC LIMIT 1)"
    }

    /// Fills `report_months` for `zone` and sets every referral's `sent_month` from it, on the
    /// caller's transaction. On PostgreSQL referral writers are held off until the transaction
    /// commits, so none can store a month of the old zone after the rows were rewritten.
    static func write(zone: TimeZone, on db: any SQLDatabase, backend: Backend) async throws {
        if backend == .postgres { try await db.raw("LOCK TABLE referrals IN SHARE ROW EXCLUSIVE MODE").run() }
        try await db.raw("DELETE FROM report_months").run()
        let months = Array(covered)
        for chunk in stride(from: 0, to: months.count, by: 400) {
            let rows = months[chunk..<min(chunk + 400, months.count)].map { month in
                "(\(month), \(Clock.seconds(start(of: firstDay(of: month), in: zone))!))"
            }
            try await db.raw(SQLQueryString("INSERT INTO report_months (month, starts_at) VALUES " + rows.joined(separator: ", "))).run()
        }
        try await db.raw(SQLQueryString("UPDATE referrals SET sent_month = \(lookup("referrals.sent_at")) WHERE sent_at IS NOT NULL")).run()
    }

    /// The district's zone as `followUpPolicy()` reads it (GMT when unset or unknown).
    static func districtZone(on db: any SQLDatabase) async throws -> TimeZone {
        try await db.select().column("value").from("district_settings").where("key", .equal, DistrictSetting.timeZone.rawValue).first()
            .flatMap { TimeZone(identifier: try $0.decode(column: "value", as: String.self)) } ?? .gmt
    }

    /// Whether the stored months give every referral sent in `[from, to)` the same month index as
    /// `ReportSQL.monthIndex(starts:count:)` does: the table's months from the first label's to the
    /// one after the last are all there, its starts of the second to last label are `starts[1...]`,
    /// and the first month starts no later than `from`, the month after the last no earlier than `to`.
    static func matches(starts: [Date], labels: [String], from: Date, to: Date, on db: any SQLDatabase) async throws -> Bool {
        guard let first = labels.first.flatMap(number(label:)), starts.count == labels.count,
              covered.contains(first), covered.contains(first + labels.count) else { return false }
        for (index, label) in labels.enumerated() where number(label: label) != first + index { return false }
        let rows = try await db.raw("""
            SELECT month, starts_at FROM report_months WHERE month >= \(bind: first) AND month <= \(bind: first + labels.count) ORDER BY month
            """).all()
        let stored = try rows.map { (try $0.decode(column: "month", as: Int.self), try $0.decode(column: "starts_at", as: Int.self)) }
        guard stored.map(\.0) == Array(first...(first + labels.count)) else { return false }
        for index in 1..<max(1, labels.count) where stored[index].1 != Clock.seconds(starts[index])! { return false }
        return stored[0].1 <= Clock.seconds(from)! && stored[labels.count].1 >= Clock.seconds(to)!
    }
}
