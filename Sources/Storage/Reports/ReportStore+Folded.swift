import Foundation
import SQLKit

/// A duration's histogram read over month cells, with most cells folded into their group.
public struct FoldedHistograms: Sendable {
    /// Per group: the buckets of its folded month cells, added up.
    public var folded: [String?: [DurationBucket]]
    /// Per month-cell key: the buckets of each cell kept apart.
    public var apart: [String?: [DurationBucket]]

    public init(folded: [String?: [DurationBucket]] = [:], apart: [String?: [DurationBucket]] = [:]) {
        self.folded = folded
        self.apart = apart
    }
}

extension ReportStore {
    /// `duration`'s histogram per month cell of `grouping` (`inMonths`), except that the cells in
    /// `folding` come back added up per group: a report sums most cells' intervals over their
    /// group's shown months anyway, and a row per group and bucket is a fraction of a row per cell
    /// and bucket to send and decode. `folding` and `apart` are all the cells between them (the
    /// shorter list is written into the SQL). The cells are counted in the database's own order
    /// (the report indexes: group, month, bucket), then folded over those few thousand rows.
    public func durationHistogram(
        _ duration: ReportDuration, _ filter: ReportFilter, by grouping: ReportGrouping, folding: [String?], apart: [String?]
    ) async throws -> FoldedHistograms {
        guard !folding.isEmpty else {
            return FoldedHistograms(apart: try await durationHistogram(duration, filter, by: grouping))
        }
        return try await withReportSession { db in
            let parts = try await self.parts(filter, grouping, on: db)
            let month: SQLQueryString = folding.count <= apart.count
                ? "CASE WHEN \(parts.selectedCells(folding, group: "s.grp", month: "s.mon")) THEN NULL ELSE s.mon END"
                : "CASE WHEN \(parts.selectedCells(apart, group: "s.grp", month: "s.mon")) THEN s.mon ELSE NULL END"
            // Days to connection by state too: `referrals_report_month` (migration 22) is ordered group,
            // month, state, days, so SQLite reads it in order instead of sorting (by school: 28 ms instead of 33).
            let state: SQLQueryString = duration == .sentToConnected ? "r.state AS state, " : ""
            let query: SQLQueryString = """
                SELECT s.grp AS grp, \(month) AS mon, s.bucket AS bucket, CAST(SUM(s.n) AS BIGINT) AS n FROM (
                SELECT \(parts.keyColumns), \(state)\(unsafeRaw: duration.bucketExpression) AS bucket, COUNT(*) AS n
                FROM referrals r \(parts.joins) WHERE \(parts.conditions) AND \(parts.hasEnd(duration))
                \(parts.groupBy(extra: duration == .sentToConnected ? 2 : 1))) s GROUP BY 1, 2, 3
                """
            var histograms = FoldedHistograms()
            for row in try await db.raw(query).all() {
                let group = try row.decode(column: "grp", as: String?.self)
                let bucket = DurationBucket(units: try row.decode(column: "bucket", as: Int.self), referrals: try row.decode(column: "n", as: Int.self))
                if let month = try row.decode(column: "mon", as: Int?.self) {
                    histograms.apart[try parts.key(group: group, month: month), default: []].append(bucket)
                } else {
                    histograms.folded[group, default: []].append(bucket)
                }
            }
            return histograms
        }
    }
}
