/// The result column of the bench tables. A time ratio measured while the hypervisor took much of
/// the CPU says more about the neighbours than about the code: on a 2-core development machine,
/// 41% steal turned the HTTP goal's 26% into "54%, pass" (the bare route lost more to it than the
/// match route), while the import ratios came out worse than in quiet runs (AIRS 5.8× at 21–28%
/// steal, 5.2× at 0–4%). Such a verdict is shown but marked, so nobody files it as evidence.
enum BenchVerdict {
    /// Median CPU steal over a measurement's runs above which its time verdict is marked.
    static let stealLimitPercent = 10.0

    static func of(_ passed: Bool) -> String { passed ? "pass" : "FAIL" }

    /// The median of the runs' steal, nil when no run could tell (no /proc/stat).
    static func medianSteal(_ perRun: [Double?]) -> Double? {
        let known = perRun.compactMap { $0 }
        return known.isEmpty ? nil : known.median
    }

    /// `verdict` as is, or marked unreliable when the runs behind it saw more than the limit of steal.
    static func timed(_ verdict: String, stealPercent: Double?) -> String {
        guard let steal = stealPercent, steal > stealLimitPercent else { return verdict }
        return "unreliable: CPU steal \(Int(steal.rounded()))% (\(verdict))"
    }
}
