import Referrals
import Storage

/// Small-cell suppression, in two parts, so that no report — nor two reports compared — singles out a student:
///
/// 1. **Whole months.** A report counts the referrals sent in the whole calendar months its period
///    touches (`countedPeriod`): 15 September to 3 November counts 1 September to 30 November. Two
///    reports whose periods differ by a day — or by anything less than a month boundary — count the same
///    referrals and show the same figures, so subtracting one from the other reveals nothing. Without
///    this, "connected 21" for 1–14 September and "22" for 1–15 September told that the one referral
///    sent on the 15th connected, although no cell was under 10.
/// 2. **Ten students.** A cell counting fewer than 10 distinct students is shown as "<10", and a rate or
///    percentile computed from such a cell is hidden with it.
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
    /// A period reaching into the current month counts that month so far; see the README (Security and
    /// privacy → Suppression) for what that leaves.
    public static func countedPeriod(from: CalendarDate, to: CalendarDate) -> (from: CalendarDate, to: CalendarDate) {
        let start = CalendarDate(year: from.year, month: from.month, day: 1)!
        let next = to.month == 12 ? CalendarDate(year: to.year + 1, month: 1, day: 1) : CalendarDate(year: to.year, month: to.month + 1, day: 1)
        return (start, to.day == 1 ? to : next ?? to)  // no month after December 9999: kept as asked
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
