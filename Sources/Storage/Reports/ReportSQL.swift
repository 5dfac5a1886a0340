import Foundation
import Referrals
import SQLKit

/// The SQL fragments every report query is built from, shared by both engines. The only dialect
/// difference is on SQLite: the sent-date bounds are written `+r.sent_at` so that SQLite scans the
/// table instead of walking the `referrals_sent` index for a range that usually covers most rows
/// (its planner has no range statistics; PostgreSQL's has, and chooses well on its own).
struct ReportSQL {
    let filter: ReportFilter
    let grouping: ReportGrouping
    let backend: Backend

    /// The row key: a column of the referral, of its service's domains or its student's groups, or
    /// the month label.
    var groupKey: SQLQueryString {
        switch grouping {
        case .all: return "CAST(NULL AS TEXT)"
        case .school: return "r.school_id"
        case .organization: return "r.organization_id"
        case .barrier: return "r.barrier"
        case .tier: return "CAST(r.tier AS TEXT)"
        case .domain: return "d.domain"
        case .studentGroup: return "g.group_name"
        case .month(let starts, let labels):
            return Self.monthKey(starts: starts, labels: labels)
        case .inMonths(let inner, let starts, let labels):
            let month = Self.monthKey(starts: starts, labels: labels)
            if case .all = inner { return month }
            let group = ReportSQL(filter: filter, grouping: inner, backend: backend).groupKey
            // As `ReportGrouping.monthKey`: the month alone when the referral has no value there.
            return "(CASE WHEN \(group) IS NULL THEN \(month) ELSE \(month) || '|' || \(group) END)"
        }
    }

    /// The month label of the referral's send instant.
    static func monthKey(starts: [Date], labels: [String]) -> SQLQueryString {
        // starts[0] is at or before the filter's start, so every counted referral gets a label.
        if labels.count <= 1 { return "CAST(\(bind: labels.first ?? "") AS TEXT)" }
        var branches: [SQLQueryString] = []
        for index in 1..<labels.count {
            branches.append("WHEN r.sent_at < \(bind: Clock.seconds(starts[index])!) THEN \(bind: labels[index - 1])")
        }
        return "CASE \(SQLList(branches, separator: SQLRaw(" "))) ELSE \(bind: labels[labels.count - 1]) END"
    }

    var joins: SQLQueryString {
        if case .inMonths(let inner, _, _) = grouping { return ReportSQL(filter: filter, grouping: inner, backend: backend).joins }
        return switch grouping {
        case .domain: "LEFT JOIN service_domains d ON d.service_id = r.service_id"
        case .studentGroup: "LEFT JOIN student_groups g ON g.student_id = r.student_id"
        default: ""
        }
    }

    /// Sent in the range, visible to the caller, not entered in error.
    var conditions: SQLQueryString {
        let sent: SQLQueryString = backend == .sqlite ? "+r.sent_at" : "r.sent_at"
        var parts: [SQLQueryString] = [
            "\(sent) >= \(bind: Clock.seconds(filter.sentFrom)!)",
            "\(sent) < \(bind: Clock.seconds(filter.sentTo)!)",
            "r.state <> \(literal: ReferralState.enteredInError.rawValue)",
        ]
        switch filter.scope {
        case .everything: break
        case .schools(let schools):
            parts.append(schools.isEmpty ? "1 = 0" : "r.school_id IN (\(binds: schools.sorted()))")
        case .organization(let organization):
            parts.append("r.organization_id = \(bind: organization)")
        }
        if let school = filter.schoolID { parts.append("r.school_id = \(bind: school)") }
        return "\(SQLList(parts, separator: SQLRaw(" AND ")))"
    }

    /// The referral has this interval's end. On SQLite, for a grouping the duration indexes do
    /// not cover (they hold school and bucket only), written `+column` so the planner scans the
    /// table rather than look every row up through the partial index.
    func hasEnd(_ duration: ReportDuration) -> SQLQueryString {
        let servedByIndex = switch grouping {
        case .all, .school: true
        default: false
        }
        let column = "r.\(duration.endColumn)"
        return "\(unsafeRaw: backend == .sqlite && !servedByIndex ? "+" + column : column) IS NOT NULL"
    }

    /// Restricts to some row keys (nil: the row of referrals with no value).
    func onlyKeys(_ keys: [String?]) -> SQLQueryString {
        let values = keys.compactMap { $0 }
        var options: [SQLQueryString] = []
        if !values.isEmpty { options.append("\(groupKey) IN (\(binds: values))") }
        if keys.contains(where: { $0 == nil }) { options.append("\(groupKey) IS NULL") }
        return options.isEmpty ? "1 = 0" : "(\(SQLList(options, separator: SQLRaw(" OR "))))"
    }

    /// The aggregate counting `count` over a group of one current state, or nil for the counts
    /// that follow from the state alone (`ReportCount.counted(byCurrentState:)`). Cheap forms: the
    /// reached flags are 0/1 and COUNT(column) counts the non-null facts, since on SQLite each
    /// per-row FILTER condition costs more than the scan itself.
    static func tally(_ count: ReportCount) -> SQLQueryString? {
        switch count {
        case .sent: "COUNT(*)"
        case .accepted: "CAST(SUM(r.reached_accepted) AS BIGINT)"
        case .waitlisted: "CAST(SUM(r.reached_waitlisted) AS BIGINT)"
        case .scheduled: "CAST(SUM(r.reached_scheduled) AS BIGINT)"
        case .connected: "COUNT(r.connected_at)"
        case .familyConfirmed: "CAST(SUM(CASE WHEN r.connection_confirmed_by = \(literal: ConnectionConfirmer.family.rawValue) THEN 1 ELSE 0 END) AS BIGINT)"
        case .declined: "COUNT(r.decline_reason)"
        case .responded: "COUNT(r.first_response_at)"
        case .closed, .cancelled, .unreachable, .open, .overdue: nil
        }
    }

    /// When a referral counts towards `count`; its truth value, for `FILTER (WHERE …)`.
    static func condition(_ count: ReportCount, overdue: OverdueCutoffs?) -> SQLQueryString {
        switch count {
        case .sent: return "1 = 1"
        case .accepted: return "r.reached_accepted = 1"
        case .waitlisted: return "r.reached_waitlisted = 1"
        case .scheduled: return "r.reached_scheduled = 1"
        case .connected: return "r.connected_at IS NOT NULL"
        case .familyConfirmed: return "r.connection_confirmed_by = \(literal: ConnectionConfirmer.family.rawValue)"
        case .closed: return "r.state = \(literal: ReferralState.closed.rawValue)"
        case .declined: return "r.decline_reason IS NOT NULL"
        case .cancelled: return "r.state = \(literal: ReferralState.cancelled.rawValue)"
        case .unreachable: return "r.state = \(literal: ReferralState.unreachable.rawValue)"
        case .open: return "r.state IN (\(literals: openStates, joinedBy: ", "))"
        case .responded: return "r.first_response_at IS NOT NULL"
        case .overdue:
            guard let overdue else { return "1 = 0" }
            // The same three timers as FollowUpPolicy.due; the newest intake date is cached on the
            // referral row (migration 8).
            return """
            ((r.state = \(literal: ReferralState.referred.rawValue) AND r.first_response_at IS NULL \
            AND r.sent_at < \(bind: Clock.seconds(overdue.referredSentBefore)!)) \
            OR (r.state = \(literal: ReferralState.waitlisted.rawValue) AND r.updated_at < \(bind: Clock.seconds(overdue.waitlistedIdleBefore)!)) \
            OR (r.state = \(literal: ReferralState.scheduled.rawValue) AND r.latest_intake_date <= \(bind: overdue.intakeOnOrBefore.description)))
            """
        }
    }

    static let openStates = [ReferralState.referred, .accepted, .waitlisted, .scheduled].map(\.rawValue)
    /// The states a follow-up timer runs in (FollowUpPolicy.due).
    static let timedStates = [ReferralState.referred, .waitlisted, .scheduled].map(\.rawValue)
}
