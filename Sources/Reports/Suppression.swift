import Storage

/// Small-cell suppression: a cell counting fewer than 10 distinct students is shown as "<10", and a
/// rate or percentile computed from such a cell is hidden with it, so no report singles out a student.
///
/// Counting distinct students per cell means grouping by row and student, which over a district's
/// year of referrals costs more than the report itself. Most cells do not need it: if no student has
/// more than `m` referrals, a cell of `c` referrals has at least `c / m` students. So a cell is
/// settled by its referral count when that count is under 10 (hidden) or at least `10 × m` (shown),
/// and only the rows with a cell in between have their students counted exactly.
public enum Suppression {
    public static let minimumStudents = 10

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
