import BenchSupport
import Testing

/// A bench verdict that rests on a time ratio measured under heavy CPU steal is marked, not filed.
@Suite("Bench verdicts")
struct BenchVerdictTests {
    @Test func quietRunsKeepTheirVerdict() {
        #expect(BenchVerdict.pass().timed(stealPercent: 0) == .pass())
        #expect(BenchVerdict.fail().timed(stealPercent: BenchVerdict.stealLimitPercent) == .fail())
        #expect(BenchVerdict.pass().timed(stealPercent: nil) == .pass(), "no /proc/stat: nothing to judge by")
    }

    @Test func stolenRunsAreMarkedWhicheverWayTheyWent() {
        #expect(BenchVerdict.pass().timed(stealPercent: 41.4).description == "unreliable: CPU steal 41% (pass)")
        #expect(BenchVerdict.fail(note: "time").timed(stealPercent: 10.6).description == "unreliable: CPU steal 11% (FAIL (time))")
    }

    @Test func verdictsReadAsTheTablesPrintThem() {
        #expect(BenchVerdict.of(true).description == "pass")
        #expect(BenchVerdict.of(false).description == "FAIL")
        #expect(BenchVerdict.pass(note: "memory only").description == "pass (memory only)")
        #expect(BenchVerdict.fail(note: "time, memory").description == "FAIL (time, memory)")
        #expect(BenchVerdict.skipped.description == "skipped")
    }
}
