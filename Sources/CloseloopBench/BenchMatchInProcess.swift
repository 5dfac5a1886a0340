import BenchSupport
import Directory
import Foundation
import Matching
import Workflows
#if canImport(Glibc)
import Glibc
#endif

/// The index built from a synthetic directory, with what the build cost.
struct IndexBuild {
    let index: MatchIndex
    let directorySeconds: Double
    let seconds: Double
    /// Change of this process's resident set from before the directory was generated to after it
    /// was released, with freed heap returned to the system first: what the index itself keeps.
    let rssDeltaMB: Double
    /// `MatchIndex.estimatedBytes`.
    let estimatedMB: Double
    /// A day after the directory's newest verification, so freshness reasons read the same on every run.
    let now: Date

    static func measure(services: Int, source: String, barriers: [Barrier], verifiedAsOf: Date) -> IndexBuild {
        BenchMemory.returnFreedMemory()
        let before = residentBytes()
        var clock = BenchProcess.monotonicSeconds()
        // The directory lives only in this closure; the index keeps what it copied or shares.
        let (index, directorySeconds, seconds, now) = { () -> (MatchIndex, Double, Double, Date) in
            let directory = SyntheticDirectory.make(services: services, source: source, verifiedAsOf: verifiedAsOf)
            let generated = BenchProcess.monotonicSeconds()
            let directorySeconds = generated - clock
            clock = generated
            let index = LiveMatchIndex.index(of: directory, barriers: barriers)
            let seconds = BenchProcess.monotonicSeconds() - clock
            let newest = directory.services.compactMap(\.provenance.lastVerifiedAt).max() ?? Date()
            return (index, directorySeconds, seconds, newest.addingTimeInterval(86_400))
        }()
        BenchMemory.returnFreedMemory()
        let after = residentBytes()
        return IndexBuild(
            index: index, directorySeconds: directorySeconds, seconds: seconds,
            rssDeltaMB: Double(after - before) / 1_048_576, estimatedMB: Double(index.estimatedBytes) / 1_048_576, now: now)
    }

    /// `VmRSS` of this process (or of the process `pid`) in bytes (0 where /proc is missing).
    static func residentBytes(pid: Int32? = nil) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid.map(String.init) ?? "self")/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return (Int(line.split(separator: " ")[1]) ?? 0) * 1024
        }
        return 0
    }
}

/// `Matcher.match` over every profile, each call timed on its own.
struct InProcessRun {
    /// Wall-clock seconds per profile, in profile order.
    var latencies: [Double] = []
    /// CPU seconds of this thread per profile: the same calls without the time other processes
    /// took the core away, which on a shared machine is most of the tail.
    var cpuSeconds: [Double] = []
    var suggestionsPerProfile = 0.0
    var gapsPerProfile = 0.0

    static func measure(_ profiles: [NeedsProfile], index: MatchIndex, now: Date) -> InProcessRun {
        // One unmeasured pass over a few hundred profiles brings the index into cache.
        for profile in profiles.prefix(500) { _ = Matcher.match(profile, in: index, now: now) }
        var run = InProcessRun()
        run.latencies.reserveCapacity(profiles.count)
        var suggestions = 0, gaps = 0
        run.cpuSeconds.reserveCapacity(profiles.count)
        for profile in profiles {
            let cpuStart = threadCPUSeconds()
            let start = BenchProcess.monotonicSeconds()
            let result = Matcher.match(profile, in: index, now: now)
            run.latencies.append(BenchProcess.monotonicSeconds() - start)
            run.cpuSeconds.append(threadCPUSeconds() - cpuStart)
            suggestions += result.results.reduce(0) { $0 + $1.services.count }
            gaps += result.gaps.count
        }
        run.suggestionsPerProfile = Double(suggestions) / Double(max(1, profiles.count))
        run.gapsPerProfile = Double(gaps) / Double(max(1, profiles.count))
        return run
    }
}

/// CPU time the calling thread has used, in seconds.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

extension Collection where Element == Double {
    /// Nearest-rank percentile (0…100); 0 when empty.
    func percentile(_ percent: Double) -> Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, rank - 1))]
    }
}
