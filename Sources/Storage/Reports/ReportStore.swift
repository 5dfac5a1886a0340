import Foundation
import Referrals
import SQLKit

/// The district report queries: every aggregation runs in SQL, the same statements on SQLite and
/// PostgreSQL, over the facts cached on each referral row (migrations 4 and 5) so no query replays
/// events. The Reports module turns these figures into suppressed, labelled report rows.
public struct ReportStore: Sendable {
    public let database: Database
    var sql: any SQLDatabase { database.sql }

    public init(database: Database) {
        self.database = database
    }

    /// Referral counts per row, from one scan grouped by row and current state — the state-based
    /// counts are the state's share, added up here — and one over the open referrals only (usually
    /// a few percent, through `referrals_state`) for what is overdue. The durations are read apart
    /// (`durationHistogram`), here after the report knows which cells it shows.
    public func referralCounts(
        _ filter: ReportFilter, by grouping: ReportGrouping, overdue: OverdueCutoffs
    ) async throws -> [ReportGroupCounts] {
        try await referralCounts(filter, by: grouping, overdue: overdue, daysToConnect: false).counts
    }

    /// As above, and with `daysToConnect` each row's days-to-connection histogram from the same
    /// scan (grouped by whole days too; buckets may repeat a day, one per current state): for the
    /// groupings where a scan of its own after the cells are decided costs more than the extra rows
    /// (all but school: docs/PERFORMANCE.md, "Reports, two phases").
    public func referralCounts(
        _ filter: ReportFilter, by grouping: ReportGrouping, overdue: OverdueCutoffs, daysToConnect: Bool
    ) async throws -> (counts: [ReportGroupCounts], daysToConnect: [String?: [DurationBucket]]) {
        let tallied = ReportCount.allCases.compactMap { count in ReportSQL.tally(count).map { (count, $0) } }
        let columns = tallied.map { "\($1) AS \(ident: $0.rawValue)" as SQLQueryString }
        return try await withReportSession { db in
            let parts = try await self.parts(filter, grouping, on: db)
            // Grouped in the order of `referrals_report_month` (migration 22) for month cells by school with stored months.
            let days: SQLQueryString = daysToConnect ? "\(unsafeRaw: ReportDuration.sentToConnected.bucketExpression) AS days, " : ""
            let counting: SQLQueryString = """
                SELECT \(parts.keyColumns), r.state AS state, \(days)
                \(SQLList(columns)) FROM referrals r \(parts.joins) WHERE \(parts.conditions) \(parts.groupBy(extra: daysToConnect ? 2 : 1))
                """
            let overdueCounting: SQLQueryString = """
                SELECT \(parts.keyColumns), COUNT(*) AS n FROM referrals r \(parts.joins)
                WHERE \(parts.conditions) AND r.state IN (\(literals: ReportSQL.timedStates, joinedBy: ", "))
                AND \(ReportSQL.condition(.overdue, overdue: overdue)) \(parts.groupBy())
                """
            var byKey: [String?: [ReportCount: Int]] = [:]
            var histograms: [String?: [DurationBucket]] = [:]
            var order: [String?] = []
            func row(_ key: String?) {
                if byKey[key] == nil { order.append(key); byKey[key] = [:] }
            }
            for found in try await db.raw(counting).all() {
                let key = try parts.key(from: found)
                row(key)
                let referrals = try found.decode(column: ReportCount.sent.rawValue, as: Int.self)
                for (count, _) in tallied { byKey[key]![count, default: 0] += try found.decode(column: count.rawValue, as: Int.self) }
                if let state = ReferralState(rawValue: try found.decode(column: "state", as: String.self)) {
                    for count in ReportCount.counted(byCurrentState: state) { byKey[key]![count, default: 0] += referrals }
                }
                if daysToConnect, let days = try found.decode(column: "days", as: Int?.self) {
                    histograms[key, default: []].append(DurationBucket(units: days, referrals: referrals))
                }
            }
            for found in try await db.raw(overdueCounting).all() {
                let key = try parts.key(from: found)
                row(key)
                byKey[key]![.overdue] = try found.decode(column: "n", as: Int.self)
            }
            let counts = order.map { key in
                var counts = byKey[key]!
                for count in ReportCount.allCases where counts[count] == nil { counts[count] = 0 }
                return ReportGroupCounts(key: key, counts: counts)
            }
            return (counts, histograms)
        }
    }

    /// Distinct students per row and count — what suppression is decided on. Exact, but it groups
    /// by row and student, so callers ask only for the rows whose referral counts cannot settle it
    /// (`onlyKeys`), or for all rows when there are few referrals.
    public func studentCounts(
        _ filter: ReportFilter, by grouping: ReportGrouping, overdue: OverdueCutoffs, onlyKeys: [String?]? = nil
    ) async throws -> [ReportGroupCounts] {
        try await studentCounts(filter, by: grouping, overdue: overdue, needed: Dictionary(uniqueKeysWithValues: ReportCount.allCases.map { ($0, onlyKeys) }))
    }

    /// Distinct students for the counts and rows in `needed` (count → the keys of the rows that
    /// need it, nil: every row). Only the referrals that add to a needed count in a row that needs
    /// it are grouped by student: in month cells the large counts settle by their referral counts,
    /// so this is usually the small counts (open, cancelled, overdue…), and a count unsettled in a
    /// few small schools only is counted there. A count is exact in the rows that asked for it;
    /// elsewhere, and for counts not asked for, the answer says nothing (absent or partial).
    public func studentCounts(
        _ filter: ReportFilter, by grouping: ReportGrouping, overdue: OverdueCutoffs, needed: [ReportCount: [String?]?]
    ) async throws -> [ReportGroupCounts] {
        let wanted = ReportCount.allCases.filter { needed.keys.contains($0) }
        guard !wanted.isEmpty else { return [] }
        return try await withReportSession { db in
            let parts = try await self.parts(filter, grouping, on: db)
            // Each count's distinct students in one pass: COUNT(DISTINCT …) per count. Grouping by row
            // and student first and adding up 0/1 flags per row (as before) sorted the per-student rows
            // again for the outer grouping; measured: docs/PERFORMANCE.md, "Reports in release".
            let perRow = wanted.map { count -> SQLQueryString in
                count == .sent ? "COUNT(DISTINCT r.student_id) AS \(ident: count.rawValue)"
                    : "COUNT(DISTINCT CASE WHEN \(ReportSQL.condition(count, overdue: overdue)) THEN r.student_id END) AS \(ident: count.rawValue)"
            }
            // The referrals that add to a needed count in a row that needs it.
            let adding = wanted.map { count -> SQLQueryString in
                let condition = ReportSQL.condition(count, overdue: overdue)
                guard let keys = needed[count] ?? nil else { return "(\(condition))" }
                return "(\(condition) AND \(parts.onlyKeys(keys)))"
            }
            let query: SQLQueryString = """
                SELECT \(parts.keyColumns), \(SQLList(perRow))
                FROM referrals r \(parts.joins) WHERE \(parts.conditions) AND (\(SQLList(adding, separator: SQLRaw(" OR "))))
                \(parts.groupBy())
                """
            return try await db.raw(query).all().map { row in
                var counts: [ReportCount: Int] = [:]
                for count in wanted { counts[count] = try row.decode(column: count.rawValue, as: Int.self) }
                return ReportGroupCounts(key: try parts.key(from: row), counts: counts)
            }
        }
    }

    /// The most referrals any one student has (ever, in any state): an upper bound on how many of a
    /// report cell's referrals one student can account for, read from `students_referral_count`.
    public func maxReferralsPerStudent() async throws -> Int {
        try await sql.raw("SELECT MAX(referral_count) AS m FROM students").first()
            .flatMap { try $0.decode(column: "m", as: Int?.self) } ?? 0
    }

    /// Each row's intervals as a histogram: how many referrals took `bucket` whole units (days to
    /// connection, hours to first response: `ReportDuration.unitSeconds`). Percentiles are read off it, so no per-referral value leaves the
    /// database — a few hundred rows per group instead of a million intervals.
    public func durationHistogram(
        _ duration: ReportDuration, _ filter: ReportFilter, by grouping: ReportGrouping
    ) async throws -> [String?: [DurationBucket]] {
        try await withReportSession { db in
            let parts = try await self.parts(filter, grouping, on: db)
            // Unqualified columns, literal unit: the text of the indexed expression (migration 7).
            let query: SQLQueryString = """
                SELECT \(parts.keyColumns), \(unsafeRaw: duration.bucketExpression) AS bucket, COUNT(*) AS n
                FROM referrals r \(parts.joins) WHERE \(parts.conditions) AND \(parts.hasEnd(duration))
                \(parts.groupBy(extra: 1))
                """
            var histograms: [String?: [DurationBucket]] = [:]
            for row in try await db.raw(query).all() {
                histograms[try parts.key(from: row), default: []].append(
                    DurationBucket(units: try row.decode(column: "bucket", as: Int.self), referrals: try row.decode(column: "n", as: Int.self)))
            }
            return histograms
        }
    }

    /// `grouping`'s SQL, reading the stored months (`referrals.sent_month`) when they are the
    /// months of this period (`ReportMonths.matches`, one small read), else working them out.
    func parts(_ filter: ReportFilter, _ grouping: ReportGrouping, on db: any SQLDatabase) async throws -> ReportSQL {
        var parts = ReportSQL(filter: filter, grouping: grouping, backend: database.backend)
        switch grouping {
        case .month(let starts, let labels), .inMonths(_, let starts, let labels):
            if try await ReportMonths.matches(starts: starts, labels: labels, from: filter.sentFrom, to: filter.sentTo, on: db) {
                parts.storedFirstMonth = labels.first.flatMap(ReportMonths.number(label:))
            }
        default:
            break
        }
        return parts
    }

    /// How many referrals and events the store holds (benchmarks print it next to their timings).
    public func rowCounts() async throws -> (referrals: Int, events: Int) {
        func count(_ table: String) async throws -> Int {
            try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
        }
        return (try await count("referrals"), try await count("referral_events"))
    }

    /// Runs report queries on one connection, tuned for one large read:
    /// - SQLite: map the file and sort in memory; through the default 2 MB page cache a scan of the
    ///   referrals table costs a system call per page.
    /// - PostgreSQL: no JIT. The overdue subquery makes the planner's cost estimate large enough to
    ///   trigger JIT compilation, which takes longer (~0.5 s) than the query itself; room for the
    ///   per-student hash aggregate so it does not spill to disk; and random reads priced as on an
    ///   SSD, so the planner reads the report indexes (migration 7) in order instead of the whole
    ///   table: on a million referrals that took the report by school from 1.06 s to about 0.5 s.
    ///   `SET LOCAL` keeps all three to this read-only transaction.
    func withReportSession<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch database.backend {
        case .sqlite:
            return try await sql.withSession { session in
                try await session.raw("PRAGMA mmap_size = 1073741824").run()
                try await session.raw("PRAGMA cache_size = -65536").run()
                return try await body(session)
            }
        case .postgres:
            return try await database.transaction { db in
                try await db.raw("SET LOCAL jit = off").run()
                try await db.raw("SET LOCAL work_mem = '64MB'").run()
                try await db.raw("SET LOCAL random_page_cost = 1.1").run()
                return try await body(db)
            }
        }
    }
}
