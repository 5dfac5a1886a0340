import Directory
import Foundation
import Matching
import Testing

@Suite("Timing (printed, not asserted)")
struct TimingTests {
    @Test func twentyThousandServices() {
        var rng = SplitMix64(seed: 20_000)
        let clock = ContinuousClock()
        let directory = RandomDirectory(services: 20_000, spreadKm: 30, using: &rng)
        var index: MatchIndex?
        let build = clock.measure { index = MatchIndex(snapshot: directory.snapshot, barriers: RandomDirectory.barriers) }
        guard let index else { return }
        let profiles = (0..<1_000).map { _ in RandomDirectory.profile(using: &rng) }
        var durations: [Duration] = []
        var suggestions = 0
        for profile in profiles {
            durations.append(clock.measure {
                suggestions += Matcher.match(profile, in: index, now: RandomDirectory.now).results.count
            })
        }
        durations.sort()
        let p50 = durations[durations.count / 2], p99 = durations[durations.count * 99 / 100]
        #if DEBUG
        let configuration = "debug build, unoptimized"
        #else
        let configuration = "release build"
        #endif
        print("Matching 20k services (\(configuration)): index built in \(build); p50 \(p50), p99 \(p99) per profile")
        #expect(suggestions > 0)
    }
}
