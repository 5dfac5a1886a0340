import Directory
import Foundation
import Referrals
import SQLKit

/// A barrier a match found no eligible provider for, as `POST /api/v1/match` records it.
public struct MatchGapRecord: Sendable, Hashable {
    public var barrier: String
    /// The hard filter that removed the last candidates (`language`, `cost`, …); nil when the
    /// directory had no candidate for the barrier at all.
    public var filter: String?
    /// The sentence shown to the coordinator, e.g. "no Vietnamese-speaking provider for anxiety".
    public var reason: String

    public init(barrier: String, filter: String?, reason: String) {
        self.barrier = barrier
        self.filter = filter
        self.reason = reason
    }
}

/// How often matches in a period hit the same gap.
public struct MatchGapTally: Sendable, Hashable {
    public var barrier: String
    public var filter: String?
    public var occurrences: Int
    /// The newest wording recorded for this barrier and filter.
    public var latestReason: String
    public var lastSeen: Date
}

/// Referrals declined for lack of capacity, for one barrier.
public struct DeclineTally: Sendable, Hashable {
    public var barrier: String
    public var referrals: Int
    public var students: Int
}

extension ReportStore {
    /// Records the gaps of one match; a match without gaps writes nothing.
    public func recordMatchGaps(_ gaps: [MatchGapRecord], at now: Date = Date()) async throws {
        guard !gaps.isEmpty else { return }
        var insert = sql.insert(into: "match_gaps").columns("barrier", "filter", "reason", "at")
        for gap in gaps {
            insert = insert.values(SQLBind(gap.barrier), SQLBind(gap.filter), SQLBind(gap.reason), SQLBind(Clock.seconds(now)!))
        }
        try await insert.run()
    }

    /// Records the gaps of many matches, each at its own time, in one transaction (the server's
    /// gap recorder buffers them so a match never waits for a write). All land or none do.
    public func recordMatchGaps(_ batch: [(gap: MatchGapRecord, at: Date)]) async throws {
        guard !batch.isEmpty else { return }
        let rows = batch.map { (SQLBind($0.gap.barrier), SQLBind($0.gap.filter), SQLBind($0.gap.reason), SQLBind(Clock.seconds($0.at)!)) }
        try await database.transaction { db in
            for chunk in rows.chunked(into: DirectoryStore.batchSize) {
                var insert = db.insert(into: "match_gaps").columns("barrier", "filter", "reason", "at")
                for row in chunk { insert = insert.values(row.0, row.1, row.2, row.3) }
                try await insert.run()
            }
        }
    }

    /// Gaps recorded in `[from, to)`, most frequent first.
    public func matchGaps(from: Date, to: Date) async throws -> [MatchGapTally] {
        let rows = try await sql.raw("""
            SELECT m.barrier AS barrier, m.filter AS filter, COUNT(*) AS n, MAX(m.at) AS last_at,
                (SELECT l.reason FROM match_gaps l WHERE l.barrier = m.barrier
                    AND (l.filter = m.filter OR (l.filter IS NULL AND m.filter IS NULL))
                    ORDER BY l.at DESC, l.seq DESC LIMIT 1) AS reason
            FROM match_gaps m WHERE m.at >= \(bind: Clock.seconds(from)!) AND m.at < \(bind: Clock.seconds(to)!)
            GROUP BY m.barrier, m.filter
            """).all()
        return try rows.map { row in
            MatchGapTally(
                barrier: try row.decode(column: "barrier", as: String.self), filter: try row.decode(column: "filter", as: String?.self),
                occurrences: try row.decode(column: "n", as: Int.self), latestReason: try row.decode(column: "reason", as: String?.self) ?? "",
                lastSeen: Clock.date(try row.decode(column: "last_at", as: Int.self))!)
        }.sorted { ($0.occurrences, $1.barrier) > ($1.occurrences, $0.barrier) }
    }

    /// Referrals in the filter declined with `no_capacity`, by barrier.
    public func noCapacityDeclines(_ filter: ReportFilter) async throws -> [DeclineTally] {
        let parts = ReportSQL(filter: filter, grouping: .barrier, backend: database.backend)
        let rows = try await withReportSession { db in
            try await db.raw("""
                SELECT r.barrier AS barrier, COUNT(*) AS n, COUNT(DISTINCT r.student_id) AS students FROM referrals r
                WHERE \(parts.conditions) AND r.decline_reason = \(literal: DeclineReason.noCapacity.rawValue) GROUP BY 1
                """).all()
        }
        return try rows.map {
            DeclineTally(barrier: try $0.decode(column: "barrier", as: String.self), referrals: try $0.decode(column: "n", as: Int.self),
                         students: try $0.decode(column: "students", as: Int.self))
        }
    }

    /// Active services whose waitlist is at least this many weeks long, longest first.
    public func waitlistedServices(minimumWeeks: Int) async throws -> [Service] {
        try await sql.select().column("*").from("services")
            .where("active", .equal, 1).where("enrollment_status", .equal, EnrollmentStatus.waitlist.rawValue)
            .where("waitlist_weeks", .greaterThanOrEqual, minimumWeeks)
            .orderBy("waitlist_weeks", .descending).orderBy("id").all()
            .map { try $0.decode(model: ServiceRow.self).model() }
    }
}
