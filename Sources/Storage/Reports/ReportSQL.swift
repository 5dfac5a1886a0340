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
    /// The number of the period's first month (`ReportMonths`) when months are read from
    /// `referrals.sent_month` (migration 22), set only when `ReportMonths.matches` said the stored
    /// months are this period's; nil: months are worked out from `sent_at`.
    var storedFirstMonth: Int?
    var storedMonths: Bool { storedFirstMonth != nil }

    /// The row key: a column of the referral, of its service's domains or its student's groups, or
    /// for months (alone: none; month cells: the inner group's). The month is selected beside it
    /// (`keyColumns`).
    var groupKey: SQLQueryString {
        switch grouping {
        case .all: return "CAST(NULL AS TEXT)"
        case .school: return "r.school_id"
        case .organization: return "r.organization_id"
        case .barrier: return "r.barrier"
        case .tier: return "CAST(r.tier AS TEXT)"
        case .domain: return "d.domain"
        case .studentGroup: return "g.group_name"
        case .month: return "CAST(NULL AS TEXT)"
        case .inMonths(let inner, _, _): return ReportSQL(filter: filter, grouping: inner, backend: backend, storedFirstMonth: storedFirstMonth).groupKey
        }
    }

    /// The month labels when rows are months or month cells.
    var monthLabels: [String]? {
        switch grouping {
        case .month(_, let labels), .inMonths(_, _, let labels): labels
        default: nil
        }
    }

    /// The row key's columns: `grp`, and for months and month cells also `mon`, the index of the
    /// referral's month. The label is attached in Swift (`key(from:)`): grouping a year of referrals
    /// by a small integer beside the group's own column costs the database far less than building
    /// and sorting a text key ("2026-09|school-1") for every referral (measured: docs/PERFORMANCE.md).
    var keyColumns: SQLQueryString {
        switch grouping {
        case .month(let starts, let labels), .inMonths(_, let starts, let labels):
            // The stored month as it is, so the planner matches it to the index; `key(from:)` subtracts the first.
            if storedMonths { return "\(groupKey) AS grp, r.sent_month AS mon" }
            return "\(groupKey) AS grp, \(Self.monthIndex(starts: starts, count: labels.count)) AS mon"
        default:
            return "\(groupKey) AS grp"
        }
    }

    /// How many columns `keyColumns` selects; the columns after them start at `keyColumnCount + 1`.
    var keyColumnCount: Int { monthLabels == nil ? 1 : 2 }

    /// `GROUP BY` over the key columns and the `extra` columns selected after them. With stored
    /// months the month is second: the report indexes (migration 22) are ordered group, month, …,
    /// so SQLite reads them in order and does not sort. Months worked out from `sent_at` go last,
    /// as before migration 22 (then ordered by migration 7's index, group, state, days; it was
    /// about 20% less sort than with the month second).
    func groupBy(extra: Int = 0) -> SQLQueryString {
        var positions = Array(1...(keyColumnCount + extra))
        if keyColumnCount == 2 && !storedMonths { positions.append(positions.remove(at: 1)) }
        return "GROUP BY \(unsafeRaw: positions.map(String.init).joined(separator: ", "))"
    }

    /// The row key of a result row selected with `keyColumns`: as `ReportGrouping.monthKey`, the
    /// month alone when the referral has no value in the group.
    func key(from row: any SQLRow) throws -> String? {
        let group = try row.decode(column: "grp", as: String?.self)
        guard monthLabels != nil else { return group }
        return try key(group: group, month: try row.decode(column: "mon", as: Int.self))
    }

    /// The row key of `group` in the month selected as `mon` (`keyColumns`).
    func key(group: String?, month: Int) throws -> String? {
        guard let labels = monthLabels else { return group }
        var index = month
        if let first = storedFirstMonth { index -= first }
        guard labels.indices.contains(index) else { throw StoreError.integrity("report month \(index) is outside the period") }
        return ReportGrouping.monthKey(month: labels[index], group: group)
    }

    /// The index of the month the referral was sent in (`starts[i]` begins month i).
    static func monthIndex(starts: [Date], count: Int) -> SQLQueryString {
        // starts[0] is at or before the filter's start, so every counted referral gets a month.
        if count <= 1 { return "0" }
        var branches: [SQLQueryString] = []
        for index in 1..<count {
            branches.append("WHEN r.sent_at < \(bind: Clock.seconds(starts[index])!) THEN \(unsafeRaw: String(index - 1))")
        }
        return "CASE \(SQLList(branches, separator: SQLRaw(" "))) ELSE \(unsafeRaw: String(count - 1)) END"
    }

    var joins: SQLQueryString {
        if case .inMonths(let inner, _, _) = grouping { return ReportSQL(filter: filter, grouping: inner, backend: backend, storedFirstMonth: storedFirstMonth).joins }
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
        if let school = filter.excludedSchoolID { parts.append("r.school_id <> \(bind: school)") }
        return "\(SQLList(parts, separator: SQLRaw(" AND ")))"
    }

    /// The referral has this interval's end. On SQLite, for a grouping the duration indexes do
    /// not cover (they hold school and bucket only), written `+column` so the planner scans the
    /// table rather than look every row up through the partial index.
    func hasEnd(_ duration: ReportDuration) -> SQLQueryString {
        // Months too: the indexes hold sent_at, so a scan of the partial index still covers them
        // (hours to first response by school in months: 53 ms instead of 87 on 100,000 referrals).
        let servedByIndex = switch grouping {
        case .all, .school, .month, .inMonths(.all, _, _), .inMonths(.school, _, _): true
        default: false
        }
        let column = "r.\(duration.endColumn)"
        return "\(unsafeRaw: backend == .sqlite && !servedByIndex ? "+" + column : column) IS NOT NULL"
    }

    /// Restricts to some row keys (nil: the row of referrals with no value). A month cell is its
    /// month's range of sending instants and its group's value, so the referrals of a few cells are
    /// picked out of a year without working out every referral's key.
    func onlyKeys(_ keys: [String?]) -> SQLQueryString {
        switch grouping {
        case .month(let starts, let labels), .inMonths(_, let starts, let labels):
            var groupsByMonth: [Int: [String?]] = [:]
            for key in keys {
                let split = ReportGrouping.splitMonthKey(key ?? "")
                guard let month = labels.firstIndex(of: split.month) else { continue }
                if case .month = grouping { groupsByMonth[month] = [nil] } else { groupsByMonth[month, default: []].append(split.group) }
            }
            let sent: SQLQueryString = backend == .sqlite ? "+r.sent_at" : "r.sent_at"
            let cells = groupsByMonth.keys.sorted().map { month -> SQLQueryString in
                // As `monthIndex`: the first month takes everything before the second, the last everything after it.
                var parts: [SQLQueryString] = []
                if let first = storedFirstMonth {
                    parts.append("r.sent_month = \(bind: first + month)")
                } else {
                    if month > 0 { parts.append("\(sent) >= \(bind: Clock.seconds(starts[month])!)") }
                    if month < labels.count - 1 { parts.append("\(sent) < \(bind: Clock.seconds(starts[month + 1])!)") }
                }
                if case .inMonths = grouping { parts.append(groupsIn(groupsByMonth[month]!)) }
                return parts.isEmpty ? "1 = 1" : "(\(SQLList(parts, separator: SQLRaw(" AND "))))"
            }
            return cells.isEmpty ? "1 = 0" : "(\(SQLList(cells, separator: SQLRaw(" OR "))))"
        default:
            return groupsIn(keys)
        }
    }

    /// Restricts the rows of a subquery that selected `keyColumns` (its `grp` and `mon` as `group`
    /// and `month`) to some month-cell keys: as `onlyKeys`, on the selected values instead of the
    /// referral's columns.
    func selectedCells(_ keys: [String?], group: String, month: String) -> SQLQueryString {
        guard let labels = monthLabels else { return "1 = 0" }
        var groupsByMonth: [Int: [String?]] = [:]
        for key in keys {
            let split = ReportGrouping.splitMonthKey(key ?? "")
            guard let index = labels.firstIndex(of: split.month) else { continue }
            groupsByMonth[index, default: []].append(split.group)
        }
        let cells = groupsByMonth.keys.sorted().map { index -> SQLQueryString in
            let selected = (storedFirstMonth ?? 0) + index
            return "(\(unsafeRaw: month) = \(bind: selected) AND \(groupsIn(groupsByMonth[index]!, column: "\(unsafeRaw: group)")))"
        }
        return cells.isEmpty ? "1 = 0" : "(\(SQLList(cells, separator: SQLRaw(" OR "))))"
    }

    /// The referral's group value (or `column`) is one of `groups` (nil: no value).
    private func groupsIn(_ groups: [String?], column: SQLQueryString? = nil) -> SQLQueryString {
        let groupKey = column ?? groupKey
        let values = Array(Set(groups.compactMap { $0 })).sorted()
        var options: [SQLQueryString] = []
        if !values.isEmpty { options.append("\(groupKey) IN (\(binds: values))") }
        if groups.contains(where: { $0 == nil }) { options.append("\(groupKey) IS NULL") }
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
