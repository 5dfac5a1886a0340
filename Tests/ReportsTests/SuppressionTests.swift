import Referrals
import Storage
import Testing
@testable import Reports

/// The suppression rule on its own: which cells referral counts settle, and how a cell reads.
@Suite("Suppression")
struct SuppressionTests {
    @Test func referralCountsSettleSmallAndLargeCells() {
        #expect(Suppression.isSettled(referrals: 9, maxReferralsPerStudent: 4))
        #expect(!Suppression.isSettled(referrals: 10, maxReferralsPerStudent: 4))
        #expect(!Suppression.isSettled(referrals: 39, maxReferralsPerStudent: 4))
        #expect(Suppression.isSettled(referrals: 40, maxReferralsPerStudent: 4))
        #expect(Suppression.isSettled(referrals: 10, maxReferralsPerStudent: 1))
    }

    @Test func aCellIsHiddenBelowTenStudents() {
        #expect(Suppression.cell(referrals: 9, students: nil) == .suppressed)
        #expect(Suppression.cell(referrals: 0, students: nil) == .suppressed)
        #expect(Suppression.cell(referrals: 12, students: 9) == .suppressed)
        #expect(Suppression.cell(referrals: 12, students: 10) == .count(12))
        #expect(Suppression.cell(referrals: 400, students: nil) == .count(400))
        #expect(ReportValue.suppressed.text == "<10")
    }

    @Test(arguments: [
        ("2026-09-15", "2026-09-16", "2026-09-01", "2026-10-01"),  // one day: its whole month
        ("2026-09-01", "2026-10-01", "2026-09-01", "2026-10-01"),  // already whole months
        ("2026-08-01", "2026-11-24", "2026-08-01", "2026-12-01"),  // school year to date: the month in progress counts
        ("2026-09-30", "2026-10-02", "2026-09-01", "2026-11-01"),  // two days across a month end: both months
        ("2026-12-05", "2027-01-02", "2026-12-01", "2027-02-01"),  // across the new year
        ("2024-02-29", "2024-03-01", "2024-02-01", "2024-03-01"),
        ("9999-12-01", "9999-12-31", "9999-12-01", "9999-12-31"),  // no month after December 9999: kept as asked
    ])
    func periodsAreCountedInWholeMonths(asked: (String, String, String, String)) {
        let counted = Suppression.countedPeriod(from: CalendarDate(asked.0)!, to: CalendarDate(asked.1)!)
        #expect(counted.from == CalendarDate(asked.2)!)
        #expect(counted.to == CalendarDate(asked.3)!)
    }

    /// Any two periods that start in the same month and end in the same month count the same days, so
    /// no two such reports differ; a period never shrinks, so nothing asked for is left out.
    @Test func periodsWithinTheSameMonthsCountTheSameDays() {
        let september = (1...30).map { CalendarDate(year: 2026, month: 9, day: $0)! }
        for from in september {
            for to in september where from < to {
                let counted = Suppression.countedPeriod(from: from, to: to)
                #expect(counted == (CalendarDate("2026-09-01")!, CalendarDate("2026-10-01")!))
                #expect(counted.from <= from && counted.to >= to)
            }
        }
    }

    @Test func percentilesAreNearestRank() {
        #expect(Percentile.of([Int](), 50) == nil)
        #expect(Percentile.of([7], 90) == 7)
        #expect(Percentile.of([1, 2, 3, 4], 50) == 2)
        #expect(Percentile.of(Array(1...10), 90) == 9)
        #expect(Percentile.of(Array(1...11), 90) == 10)
        // A histogram, unordered and with a unit twice (a total summed from rows): 1, 1, 2, 2, 2, 5.
        let histogram = [DurationBucket(units: 2, referrals: 2), DurationBucket(units: 1, referrals: 2),
                         DurationBucket(units: 5, referrals: 1), DurationBucket(units: 2, referrals: 1)]
        #expect(Percentile.of(histogram, 50) == 2)
        #expect(Percentile.of(histogram, 90) == 5)
        #expect(Percentile.of(histogram, 33) == 1)
    }
}
