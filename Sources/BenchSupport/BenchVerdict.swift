/// The result column of the bench tables. A time ratio measured while the hypervisor took much of
/// the CPU says more about the neighbours than about the code: on a 2-core development machine,
/// 41% steal turned the HTTP goal's 26% into "54%, pass" (the bare route lost more to it than the
/// match route), while the import ratios came out worse than in quiet runs (AIRS 5.8× at 21–28%
/// steal, 5.2× at 0–4%). Such a verdict is shown but marked, so nobody files it as evidence.
public enum BenchVerdict: Equatable, CustomStringConvertible {
    /// The goal was met; `note` says on what, when not on everything ("memory only").
    case pass(note: String? = nil)
    /// The goal was missed; `note` says on what or why, when it helps ("time, memory",
    /// "filters differ").
    case fail(note: String? = nil)
    /// Not measured in this run.
    case skipped
    /// A time verdict from runs that saw this median CPU steal (percent) above the limit.
    indirect case unreliable(stealPercent: Int, BenchVerdict)

    /// Median CPU steal over a measurement's runs above which its time verdict is marked.
    public static let stealLimitPercent = 10.0

    public static func of(_ passed: Bool) -> BenchVerdict { passed ? .pass() : .fail() }

    /// The median of the runs' steal, nil when no run could tell (no /proc/stat).
    public static func medianSteal(_ perRun: [Double?]) -> Double? {
        let known = perRun.compactMap { $0 }
        return known.isEmpty ? nil : known.median
    }

    /// This verdict, or marked unreliable when the runs behind it saw more than the limit of steal.
    public func timed(stealPercent: Double?) -> BenchVerdict {
        guard let steal = stealPercent, steal > Self.stealLimitPercent else { return self }
        return .unreliable(stealPercent: Int(steal.rounded()), self)
    }

    public var description: String {
        switch self {
        case .pass(let note): note.map { "pass (\($0))" } ?? "pass"
        case .fail(let note): note.map { "FAIL (\($0))" } ?? "FAIL"
        case .skipped: "skipped"
        case .unreliable(let steal, let verdict): "unreliable: CPU steal \(steal)% (\(verdict))"
        }
    }
}
