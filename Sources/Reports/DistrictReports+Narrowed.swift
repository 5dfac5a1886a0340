import Foundation
import Storage

/// A report narrowed to one school (`school=`) beside the same report unnarrowed: the two count the
/// same groups and months, so one's cell minus the other's is the referrals of that group and month
/// at every other school — often one small group (an organization that one other school referred
/// two students to). Complementary suppression across the two reports: a narrowed month cell is
/// shown only when
///
/// 1. it is shown on its own (10 students or more, `Suppression`),
/// 2. the parent's cell is shown too (the parent may have hidden it to protect its total), and
/// 3. what the parent counts beyond it — the same cell at every other school of the caller's
///    scope — is nothing, or 10 students or more, decided like any month cell.
///
/// So every shown narrowed cell differs from its parent's by 0 or by a cell of 10 students or
/// more, each hidden one leaves its parent's shown cell (at least 10) in the difference of their
/// sums, and a group's or the total's figure over months differs from its parent's by 0 or at
/// least 10. Decided per month from that month's referrals, like every cell, so it does not move
/// with the period either.
enum NarrowedSuppression {
    /// Whether a narrowed cell shown on its own may stay shown beside its parent's cell.
    /// `rest` is the parent's referrals minus the narrowed cell's; `restStudents` the distinct
    /// students behind them when their referral count cannot settle it (`Suppression.isSettled`).
    static func mayShow(parent: ReportValue?, rest: Int, restStudents: Int?, maxReferralsPerStudent bound: Int) -> Bool {
        guard parent?.count != nil else { return false }
        if rest == 0 { return true }
        let settled = Suppression.isSettled(referrals: rest, maxReferralsPerStudent: bound)
        // An unsettled rest whose students were not counted (no row came back) is taken as too few.
        return Suppression.cell(referrals: rest, students: settled ? nil : (restStudents ?? 0)).count != nil
    }

    /// Each cell's referrals in the parent beyond the narrowed report's, per key and count.
    static func rest(narrowed: [String?: [ReportCount: Int]], parent: [String?: [ReportCount: Int]]) -> [String?: [ReportCount: Int]] {
        var rest: [String?: [ReportCount: Int]] = [:]
        for (key, counts) in parent {
            for count in ReportCount.allCases {
                rest[key, default: [:]][count] = max(0, (counts[count] ?? 0) - (narrowed[key]?[count] ?? 0))
            }
        }
        return rest
    }

    /// `cells` with every shown cell hidden that `mayShow` refuses.
    static func apply(
        _ cells: [DistrictReports.RowCells], parent: [DistrictReports.RowCells], rest: [String?: [ReportCount: Int]],
        restStudents: [String?: [ReportCount: Int]], maxReferralsPerStudent bound: Int
    ) -> [DistrictReports.RowCells] {
        let parentCells = Dictionary(parent.map { ($0.key, $0.cells) }, uniquingKeysWith: { first, _ in first })
        return cells.map { row in
            var row = row
            for count in ReportCount.allCases where row.cells[count]?.count != nil {
                let shown = mayShow(parent: parentCells[row.key]?[count], rest: rest[row.key]?[count] ?? 0,
                                    restStudents: restStudents[row.key]?[count], maxReferralsPerStudent: bound)
                if !shown { row.cells[count] = .suppressed }
            }
            return row
        }
    }
}

extension DistrictReports {
    /// Hides the cells of a narrowed report (`decided`) that its unnarrowed `parent` could be
    /// subtracted from to leave a small group (`NarrowedSuppression`). Students beyond the narrowed
    /// cells are counted only where their referral count cannot settle it (a few cells at most).
    func narrow(_ decided: inout DecidedCells, under parent: DecidedCells, _ query: ReportQuery) async throws {
        guard let restFilter = query.complementFilter else { return }
        let bound = max(decided.bound, parent.bound)
        func byKey(_ counts: [ReportGroupCounts]) -> [String?: [ReportCount: Int]] {
            Dictionary(counts.map { ($0.key, $0.counts) }, uniquingKeysWith: { first, _ in first })
        }
        let fineRest = NarrowedSuppression.rest(narrowed: byKey(decided.counts), parent: byKey(parent.counts))
        var rest = query
        rest.filter = restFilter
        let fineStudents = try await restStudents(fineRest, rest, grouping: query.monthCells, bound: bound)
        decided.fine = NarrowedSuppression.apply(decided.fine, parent: parent.fine, rest: fineRest, restStudents: fineStudents,
                                                 maxReferralsPerStudent: bound)
        if case .month = query.grouping {
            decided.total = decided.fine  // the rows are the months
            return
        }
        func totals(_ counts: [String: [ReportCount: Int]]) -> [String?: [ReportCount: Int]] {
            Dictionary(counts.map { (Optional($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        let totalRest = NarrowedSuppression.rest(narrowed: totals(decided.totalCounts), parent: totals(parent.totalCounts))
        let totalStudents = try await restStudents(totalRest, rest, grouping: query.months, bound: bound)
        decided.total = NarrowedSuppression.apply(decided.total, parent: parent.total, rest: totalRest, restStudents: totalStudents,
                                                  maxReferralsPerStudent: bound)
        if query.monthCells.partitionsReferrals {
            // Cells hidden here are each 10 or more, so this keeps the hidden sum at 0 or 10+; run it again all the same.
            decided.fine = Self.complemented(decided.fine, referrals: decided.counts, monthOf: { query.groupAndMonth($0).month })
        }
    }

    /// Distinct students behind the `rest` referral counts that cannot settle their cell, per key and count.
    private func restStudents(_ rest: [String?: [ReportCount: Int]], _ query: ReportQuery, grouping: ReportGrouping, bound: Int)
        async throws -> [String?: [ReportCount: Int]]
    {
        var unsettled: [ReportCount: [String?]] = [:]
        for (key, counts) in rest {
            for (count, referrals) in counts where referrals > 0 && !Suppression.isSettled(referrals: referrals, maxReferralsPerStudent: bound) {
                unsettled[count, default: []].append(key)
            }
        }
        guard !unsettled.isEmpty else { return [:] }
        let needed = unsettled.mapValues { keys in keys.count <= 500 ? keys : nil }
        var students: [String?: [ReportCount: Int]] = [:]
        for row in try await store.studentCounts(query.filter, by: grouping, overdue: query.overdue, needed: needed) {
            students[row.key] = row.counts
        }
        return students
    }
}
