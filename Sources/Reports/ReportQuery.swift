import Foundation
import Referrals
import Storage

/// A report request resolved against the district's calendar and the caller's scope: what the
/// store's queries take.
struct ReportQuery: Sendable {
    var filter: ReportFilter
    var grouping: ReportGrouping
    var overdue: OverdueCutoffs

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
        switch request.groupBy {
        case .school: grouping = .school
        case .organization: grouping = .organization
        case .domain: grouping = .domain
        case .barrier: grouping = .barrier
        case .tier: grouping = .tier
        case .studentGroup: grouping = .studentGroup
        case .month:
            let months = DistrictCalendar.months(from: request.from, to: request.to)
            grouping = .month(starts: months.map { DistrictCalendar.start(of: $0.start, in: zone) }, labels: months.map(\.label))
        }
    }
}
