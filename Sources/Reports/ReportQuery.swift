import Foundation
import Referrals
import Storage

/// A report request resolved against the district's calendar and the caller's scope: what the
/// store's queries take.
struct ReportQuery: Sendable {
    var filter: ReportFilter
    var grouping: ReportGrouping
    var overdue: OverdueCutoffs
    /// The months of the period, cut in the district's zone: the cells suppression decides on.
    var months: ReportGrouping

    init(request: ConnectionReportRequest, user: User, policy: FollowUpPolicy, now: Date) throws(ReportError) {
        let scope = AccessScope(user)
        if let school = request.schoolID, case .schools(let mine) = scope, !mine.contains(school) {
            throw .schoolNotVisible(school)
        }
        let zone = policy.timeZone
        filter = ReportFilter(
            sentFrom: DistrictCalendar.start(of: request.from, in: zone), sentTo: DistrictCalendar.start(of: request.to, in: zone),
            scope: scope, schoolID: request.schoolID)
        overdue = OverdueCutoffs(policy: policy, now: now)
        let periodMonths = DistrictCalendar.months(from: request.from, to: request.to)
        months = .month(starts: periodMonths.map { DistrictCalendar.start(of: $0.start, in: zone) }, labels: periodMonths.map(\.label))
        switch request.groupBy {
        case .school: grouping = .school
        case .organization: grouping = .organization
        case .domain: grouping = .domain
        case .barrier: grouping = .barrier
        case .tier: grouping = .tier
        case .studentGroup: grouping = .studentGroup
        case .month: grouping = months
        }
    }

    /// The same report without its narrowing to one school (`school=`): the parent a narrowed
    /// report could be subtracted from (nil when it is not narrowed).
    var unnarrowed: ReportQuery? {
        guard filter.schoolID != nil else { return nil }
        var parent = self
        parent.filter.schoolID = nil
        return parent
    }

    /// The referrals the parent counts and this narrowed report does not: the caller's scope at
    /// every school but the chosen one (nil when it is not narrowed).
    var complementFilter: ReportFilter? {
        guard let school = filter.schoolID else { return nil }
        var rest = filter
        rest.schoolID = nil
        rest.excludedSchoolID = school
        return rest
    }

    /// Whether the durations are read once the cells are decided, summed over each group's shown
    /// months in the database (`DistrictReports.shownHistograms`), rather than per cell beside the
    /// counts, all reads at once. Only by school, where the indexes serve every read: there it
    /// saves a quarter of the CPU; for the other groupings the extra scans and the lost parallel
    /// reads cost more than the rows saved (docs/PERFORMANCE.md, "Reports, two phases").
    var durationsAfterCells: Bool {
        if case .school = grouping { return true }
        return false
    }

    /// Each group's cells month by month (for `month` the rows are the months already).
    var monthCells: ReportGrouping {
        if case .month = grouping { return grouping }
        guard case .month(let starts, let labels) = months else { return grouping }
        return .inMonths(grouping, starts: starts, labels: labels)
    }

    /// The group and month of a `monthCells` row key.
    func groupAndMonth(_ key: String?) -> (group: String?, month: String) {
        if case .month = grouping { return (key, key ?? "") }
        let split = ReportGrouping.splitMonthKey(key ?? "")
        return (split.group, split.month)
    }
}
