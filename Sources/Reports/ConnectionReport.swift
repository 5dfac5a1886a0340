import Foundation
import Referrals
import Storage

/// What a connection report is asked for: referrals sent from `from` up to (not including) `to`,
/// days in the district's time zone, grouped by `groupBy`, optionally at one school.
public struct ConnectionReportRequest: Sendable, Hashable {
    public var from: CalendarDate
    public var to: CalendarDate
    public var groupBy: ReportGroupBy
    public var schoolID: String?

    public init(from: CalendarDate, to: CalendarDate, groupBy: ReportGroupBy = .school, schoolID: String? = nil) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
        self.schoolID = schoolID
    }

    /// The default period: the school year so far (August 1 through `today`).
    public static func schoolYearToDate(today: CalendarDate) -> (from: CalendarDate, to: CalendarDate) {
        (DistrictCalendar.schoolYearStart(containing: today), today.adding(days: 1))
    }

    /// The same request over the whole calendar months it touches: what is counted (see `Suppression`).
    public var wholeMonths: ConnectionReportRequest {
        var counted = self
        (counted.from, counted.to) = Suppression.countedPeriod(from: from, to: to)
        return counted
    }

    /// The whole months it touches that ended before `today`'s month: what a connection report counts.
    /// May be empty (`from == to`) when only the month in progress was asked for.
    public func completeMonths(before today: CalendarDate) -> ConnectionReportRequest {
        var counted = self
        (counted.from, counted.to) = Suppression.countedPeriod(from: from, to: to, monthInProgress: today)
        return counted
    }

    /// Periods are at most ten years, so a by-month report stays a readable size.
    public static let longestPeriodDays = 3_660

    func validate() throws(ReportError) {
        guard from < to else {
            throw .invalidPeriod(parameter: "to", message: "'to' (\(to)) must be after 'from' (\(from)); the period is [from, to)")
        }
        guard from.days(until: to) <= Self.longestPeriodDays else {
            throw .invalidPeriod(parameter: "from", message: "the period is longer than ten years")
        }
    }
}

/// The columns of a connection report, in order: the same keys name JSON fields and CSV headers.
public enum ConnectionColumn: String, CaseIterable, Sendable, Hashable {
    case groupKey = "group_key"
    case groupLabel = "group_label"
    case sent, accepted, waitlisted, scheduled, connected
    case familyConfirmed = "family_confirmed"
    case closed, declined, cancelled, unreachable, open, responded, overdue
    /// connected ÷ sent, a fraction (0.613), entered-in-error referrals excluded from both.
    case connectionRate = "connection_rate"
    /// Nearest-rank percentiles of completed days from sending to connection, and of completed
    /// hours from sending to the partner's first action.
    case medianDaysToConnect = "median_days_to_connect"
    case p90DaysToConnect = "p90_days_to_connect"
    case medianHoursToFirstResponse = "median_hours_to_first_response"
    case p90HoursToFirstResponse = "p90_hours_to_first_response"

    /// The referral count this column shows, if it is one.
    public var count: ReportCount? { ReportCount(rawValue: rawValue) }

    public var label: String {
        switch self {
        case .groupKey: "Key"
        case .groupLabel: "Group"
        case .sent: "Sent"
        case .accepted: "Accepted"
        case .waitlisted: "Waitlisted"
        case .scheduled: "Scheduled"
        case .connected: "Connected"
        case .familyConfirmed: "Confirmed by the family"
        case .closed: "Closed"
        case .declined: "Declined"
        case .cancelled: "Cancelled"
        case .unreachable: "Unreachable"
        case .open: "Open"
        case .responded: "Partner responded"
        case .overdue: "Overdue"
        case .connectionRate: "Connection rate"
        case .medianDaysToConnect: "Median days to connect"
        case .p90DaysToConnect: "90th pct days to connect"
        case .medianHoursToFirstResponse: "Median hours to first response"
        case .p90HoursToFirstResponse: "90th pct hours to first response"
        }
    }
}

/// One row: a school, organization, domain, barrier, tier, student group or month — or the total.
public struct ConnectionReportRow: Sendable, Hashable {
    /// The id or code of the group (school id, organization id, "2", "2026-09"…); nil for the total
    /// and for referrals with no value (no tier recorded, a student in no group).
    public var key: String?
    public var label: String
    /// Referrals that reached each stage, suppressed below 10 students.
    public var counts: [ReportCount: ReportValue]
    public var connectionRate: ReportValue
    public var medianDaysToConnect: ReportValue
    public var p90DaysToConnect: ReportValue
    public var medianHoursToFirstResponse: ReportValue
    public var p90HoursToFirstResponse: ReportValue

    /// No month of this row had 10 students referred: every cell in it is hidden.
    public var isSuppressed: Bool { counts[.sent] == .suppressed }

    public subscript(_ count: ReportCount) -> ReportValue { counts[count] ?? .none }

    /// The value of a measure or count column (`groupKey` and `groupLabel` are text, see `text(_:)`).
    public func value(_ column: ConnectionColumn) -> ReportValue {
        if let count = column.count { return self[count] }
        switch column {
        case .connectionRate: return connectionRate
        case .medianDaysToConnect: return medianDaysToConnect
        case .p90DaysToConnect: return p90DaysToConnect
        case .medianHoursToFirstResponse: return medianHoursToFirstResponse
        case .p90HoursToFirstResponse: return p90HoursToFirstResponse
        default: return .none
        }
    }

    /// Any column as CSV and tables print it.
    public func text(_ column: ConnectionColumn) -> String {
        switch column {
        case .groupKey: key ?? ""
        case .groupLabel: label
        default: value(column).text
        }
    }
}

/// Closed-loop outcomes of the referrals sent in a period, for the caller's scope: how many reached
/// each stage, how many connected and how fast, how fast partners first responded, what is overdue.
public struct ConnectionReport: Sendable, Hashable {
    /// What the report counts: the asked request over whole calendar months (`wholeMonths`).
    public var request: ConnectionReportRequest
    /// The period as asked, before it was widened to whole months.
    public var requested: ConnectionReportRequest
    /// The district's time zone, in which `from`, `to` and months are days.
    public var timeZone: String
    public var generatedAt: Date
    /// One per group with referrals (every month of the period for `.month`), in display order.
    public var rows: [ConnectionReportRow]
    /// The whole scope; for domain and student group not the sum of the rows, since a referral can be in several.
    public var total: ConnectionReportRow
    /// The whole scope's connected referrals by whole days from sent to connected, as read for the
    /// total's percentiles. Not suppressed and in no output format: for a chart that bins it and
    /// suppresses the bins itself.
    public var totalDaysToConnect: [DurationBucket] = []

    public static let columns = ConnectionColumn.allCases

    /// The rows and then the total: what CSV and tables print, in that order.
    public var rowsWithTotal: [ConnectionReportRow] { rows + [total] }
}
