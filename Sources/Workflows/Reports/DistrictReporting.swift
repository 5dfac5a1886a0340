import Foundation
import Referrals
import Reports
import Storage

/// The district's reports for one user's scope: the connection report and the gaps report, over a
/// period that defaults to the school year so far in the district's time zone.
///
/// The gaps report first writes the match gaps still queued in this process (when there is a
/// recorder), so it counts every match answered before it was asked for, on the API and the
/// dashboard alike. `closeloop report` has no recorder: its process answers no matches.
public struct DistrictReporting: Sendable {
    public let reports: DistrictReports
    public let gaps: MatchGapRecorder?

    public init(database: Database, gaps: MatchGapRecorder?) {
        reports = DistrictReports(database: database)
        self.gaps = gaps
    }

    /// `[from, to)`; a bound not given is the school year so far's.
    public func period(from: CalendarDate?, to: CalendarDate?, now: Date) async throws -> (from: CalendarDate, to: CalendarDate) {
        if let from, let to { return (from, to) }
        let schoolYear = try await reports.schoolYearToDate(now: now)
        return (from ?? schoolYear.from, to ?? schoolYear.to)
    }

    /// Throws `ReportError` for a period that ends before it starts or a school outside the scope.
    public func connections(_ request: ConnectionReportRequest, for user: User, now: Date) async throws -> ConnectionReport {
        try await reports.connections(request, for: user, now: now)
    }

    /// Throws `ReportError` as `connections` does.
    public func gaps(_ request: GapsReportRequest, for user: User, now: Date) async throws -> GapsReport {
        try await gaps?.flush()
        return try await reports.gaps(request, for: user, now: now)
    }
}
