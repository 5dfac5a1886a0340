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
