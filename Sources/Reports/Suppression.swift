import Referrals
import Storage

/// Small-cell suppression, so that no report — nor two reports compared — singles out a student:
///
/// 1. **Month cells.** Every figure is built from cells of one group in one calendar month. A cell
///    counting fewer than 10 distinct students is hidden ("<10"), and a rate or percentile computed
///    from it with it.
/// 2. **Sums of shown cells.** A group's figure over a period is the sum of its shown month cells
///    (`sum`): "25+" when a hidden month with referrals was left out. A cell is shown or hidden the
///    same way in every report covering its month, so two reports differ only by whole shown cells.
/// 3. **Months that are over.** A report counts the whole months its period touches, up to the month
///    in progress, which is never counted (`countedPeriod(from:to:monthInProgress:)`): the same report
///    asked on two days of a month counts the same referrals.
///
/// Before: whole months alone (no per-month cells) still let a report to October minus one to
/// September give October alone, small counts included, and the month in progress moved daily.
///
/// Counting distinct students per cell means grouping by row and student, which over a district's
/// year of referrals costs more than the report itself. Most cells do not need it: if no student has
/// more than `m` referrals, a cell of `c` referrals has at least `c / m` students. So a cell is
/// settled by its referral count when that count is under 10 (hidden) or at least `10 × m` (shown),
/// and only the rows with a cell in between have their students counted exactly.
public enum Suppression {
    public static let minimumStudents = 10

    /// The period a report counts for the asked `[from, to)`: from the first day of `from`'s month to the
    /// first day of the month after the one `to - 1` falls in (`to` itself when it is a first of the month).
    /// The gaps report counts this; the connection report cuts it at the month in progress (below).
    public static func countedPeriod(from: CalendarDate, to: CalendarDate) -> (from: CalendarDate, to: CalendarDate) {
        let start = CalendarDate(year: from.year, month: from.month, day: 1)!
        let next = to.month == 12 ? CalendarDate(year: to.year + 1, month: 1, day: 1) : CalendarDate(year: to.year, month: to.month + 1, day: 1)
        return (start, to.day == 1 ? to : next ?? to)  // no month after December 9999: kept as asked
    }

    /// `countedPeriod(from:to:)` without the month `monthInProgress` falls in, nor any after it: a month
    /// is counted only once it is over, so the same report asked on two days of a month counts the same
    /// referrals. Empty (`from == to`) when nothing asked for is over.
    public static func countedPeriod(from: CalendarDate, to: CalendarDate, monthInProgress today: CalendarDate) -> (from: CalendarDate, to: CalendarDate) {
        let whole = countedPeriod(from: from, to: to)
        let thisMonth = CalendarDate(year: today.year, month: today.month, day: 1)!
        let end = min(whole.to, thisMonth)
        return (min(whole.from, end), end)
    }

    /// A figure made of month cells, each shown (`.count`) or hidden (`.suppressed`) on its own: the
    /// sum of the shown ones, marked `.atLeast` when a hidden month had referrals, `.suppressed` when
    /// no month was shown. So every figure is a sum of figures that are themselves shown (a report for
    /// that month alone shows them), and subtracting two reports leaves only shown month cells.
    /// `referrals` is each month's true count, used only to tell an empty month from a hidden one.
    static func sum(_ months: [(cell: ReportValue, referrals: Int)]) -> ReportValue {
        var total = 0, shown = false, hidden = false
        for month in months {
            if case .count(let value) = month.cell {
                total += value
                shown = true
            } else if month.referrals > 0 {
                hidden = true
            }
        }
        guard shown else { return .suppressed }
        return hidden ? .atLeast(total) : .count(total)
    }

    /// Whether a referral count alone decides the cell, given an upper bound on referrals per student.
    static func isSettled(referrals: Int, maxReferralsPerStudent: Int) -> Bool {
        referrals < minimumStudents || referrals >= minimumStudents * max(1, maxReferralsPerStudent)
    }

    /// The cell as shown: its referral count, or suppressed when fewer than 10 students stand behind it.
    /// `students` is the exact distinct count when it had to be counted.
    static func cell(referrals: Int, students: Int?) -> ReportValue {
        let enough = students.map { $0 >= minimumStudents } ?? (referrals >= minimumStudents)
        return enough ? .count(referrals) : .suppressed
    }
}

/// Nearest-rank percentiles (the smallest value with at least p% of values at or below it), so a
/// reported median is always a real referral's interval, in the histogram's whole units.
enum Percentile {
    static func of(_ sorted: [Int], _ percent: Int) -> Int? {
        of(sorted.map { DurationBucket(units: $0, referrals: 1) }, percent)
    }

    /// Buckets may repeat a unit (a total built from several rows' histograms) and come in any order.
    static func of(_ histogram: [DurationBucket], _ percent: Int) -> Int? {
        let total = histogram.reduce(0) { $0 + $1.referrals }
        guard total > 0 else { return nil }
        let rank = max(1, (total * percent + 99) / 100)
        var seen = 0
        for bucket in histogram.sorted(by: { $0.units < $1.units }) {
            seen += bucket.referrals
            if seen >= rank { return bucket.units }
        }
        return nil
    }
}

/// How a report's period is counted, named in the JSON (`suppression.period`) so a client knows why
/// `from` and `to` may differ from what it asked (`requested`).
public enum SuppressionPeriod: String, Sendable, Hashable, Encodable {
    case wholeMonths = "whole_months"
}
