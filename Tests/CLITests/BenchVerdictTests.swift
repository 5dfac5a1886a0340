@testable import closeloop
import Testing

/// A bench verdict that rests on a time ratio measured under heavy CPU steal is marked, not filed.
@Suite("Bench verdicts")
struct BenchVerdictTests {
    @Test func quietRunsKeepTheirVerdict() {
        #expect(BenchVerdict.timed("pass", stealPercent: 0) == "pass")
        #expect(BenchVerdict.timed("FAIL", stealPercent: BenchVerdict.stealLimitPercent) == "FAIL")
        #expect(BenchVerdict.timed("pass", stealPercent: nil) == "pass", "no /proc/stat: nothing to judge by")
    }

    @Test func stolenRunsAreMarkedWhicheverWayTheyWent() {
        #expect(BenchVerdict.timed("pass", stealPercent: 41.4) == "unreliable: CPU steal 41% (pass)")
        #expect(BenchVerdict.timed("FAIL (time)", stealPercent: 10.6) == "unreliable: CPU steal 11% (FAIL (time))")
    }
}
