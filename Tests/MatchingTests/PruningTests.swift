import Directory
import Foundation
import Matching
import Testing

/// The matcher skips candidate groups (and candidates) whose best possible score cannot reach the
/// top k found so far. On directories large enough for that to happen often, the top k must still
/// be exactly the first k of the full ranking, also after availability updates move services
/// between groups.
@Suite("Pruning keeps the exact top k")
struct PruningTests {
    @Test(arguments: [UInt64(11), 12, 13])
    func theTopKIsThePrefixOfTheFullRanking(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let directory = RandomDirectory(services: 3_000, spreadKm: 20, using: &rng)
        var index = MatchIndex(snapshot: directory.snapshot, barriers: RandomDirectory.barriers)
        // Move a tenth of the services between open, waitlist, closed and not stated, and make some fresh.
        for service in directory.snapshot.services.shuffled(using: &rng).prefix(300) {
            let status: EnrollmentStatus? = rng.chance(0.2) ? nil : rng.pick(EnrollmentStatus.allCases)
            index.updateAvailability(
                serviceID: service.id,
                enrollment: Enrollment(status: status, waitlistWeeks: status == .waitlist && rng.chance(0.5) ? Int.random(in: 0...20, using: &rng) : nil),
                lastVerifiedAt: RandomDirectory.now.addingTimeInterval(-Double(Int.random(in: 0...400, using: &rng)) * 86_400))
        }
        // Lists longer than the limit: only there can a pruned top k differ from the full ranking.
        var cut = 0
        for number in 0..<150 {
            let profile = RandomDirectory.profile(using: &rng)
            let all = Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: .max)
            for limit in [1, 3, 10] {
                let top = Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: limit)
                #expect(top.results.map(\.barrier) == all.results.map(\.barrier))
                for (full, limited) in zip(all.results, top.results) {
                    #expect(limited.services == Array(full.services.prefix(limit)), "seed \(seed), profile \(number), limit \(limit), \(full.barrier)")
                    if full.services.count > limit { cut += 1 }
                }
                #expect(top.gaps == all.gaps)
            }
        }
        #expect(cut > 150, "seed \(seed): too few rankings longer than the limit to test pruning")
    }

    /// Services spread over many cells (and several sites each): skipping the cells far from the
    /// home, and the sites that are not a service's nearest, keeps exactly the top k, and every
    /// service is suggested once.
    @Test(arguments: [UInt64(21), 22])
    func farCellsAreSkippedWithoutChangingTheTopK(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let directory = RandomDirectory(services: 2_500, spreadKm: 120, using: &rng)
        let index = MatchIndex(snapshot: directory.snapshot, barriers: RandomDirectory.barriers)
        var cut = 0
        for number in 0..<60 {
            let profile = RandomDirectory.profile(using: &rng)
            let all = Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: .max)
            for barrier in all.results {
                let ids = barrier.services.map(\.serviceID)
                #expect(Set(ids).count == ids.count, "seed \(seed), profile \(number): a service suggested twice")
            }
            for limit in [1, 5, 10] {
                let top = Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: limit)
                #expect(top.results.map(\.barrier) == all.results.map(\.barrier))
                for (full, limited) in zip(all.results, top.results) {
                    #expect(limited.services == Array(full.services.prefix(limit)), "seed \(seed), profile \(number), limit \(limit), \(full.barrier)")
                    if full.services.count > limit { cut += 1 }
                }
            }
        }
        #expect(cut > 60, "seed \(seed): too few rankings longer than the limit to test pruning")
    }
}
