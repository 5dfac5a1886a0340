import Directory
import Foundation
import Matching
import Testing

/// Properties over random directories and profiles; each case is replayable from its seed.
@Suite("Properties over random directories")
struct PropertyTests {
    static let seeds: ClosedRange<UInt64> = 1...200

    struct World {
        var directory: RandomDirectory
        var index: MatchIndex
        var oracle: Oracle

        init(seed: UInt64, rng: inout SeededRandom) {
            directory = RandomDirectory(services: Int.random(in: 20...150, using: &rng), using: &rng)
            index = MatchIndex(snapshot: directory.snapshot, barriers: RandomDirectory.barriers)
            oracle = Oracle(directory.snapshot, barriers: RandomDirectory.barriers)
        }

        func match(_ profile: NeedsProfile, limit: Int = .max) -> MatchResult {
            Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: limit)
        }
    }

    @Test func suggestionsAreExactlyTheServicesThatPassEveryHardFilter() {
        var suggested = 0
        for seed in Self.seeds {
            var rng = SeededRandom(seed: seed)
            let world = World(seed: seed, rng: &rng)
            let profile = RandomDirectory.profile(using: &rng)
            let result = world.match(profile)
            for matches in result.results {
                let ids = matches.services.map(\.serviceID)
                #expect(Set(ids) == world.oracle.eligible(matches.barrier, profile), "seed \(seed), \(matches.barrier)")
                #expect(ids.count == Set(ids).count, "seed \(seed): duplicate suggestion")
                for match in matches.services {
                    let service = world.oracle.servicesByID[match.serviceID]!
                    #expect(world.oracle.failedFilter(service, profile) == nil, "seed \(seed): \(match.serviceID)")
                    #expect((0...1).contains(match.score), "seed \(seed)")
                    #expect(!match.reasons.isEmpty)
                }
                suggested += ids.count
            }
        }
        #expect(suggested > 1_000, "too few suggestions over \(Self.seeds.count) seeds for the property to say much")
    }

    @Test func rankingIsATotalOrderAndTheLimitKeepsItsPrefix() {
        var cut = 0
        for seed in Self.seeds {
            var rng = SeededRandom(seed: seed)
            let world = World(seed: seed, rng: &rng)
            let profile = RandomDirectory.profile(using: &rng)
            let all = world.match(profile)
            let limit = Int.random(in: 1...12, using: &rng)
            let top = world.match(profile, limit: limit)
            for (full, limited) in zip(all.results, top.results) {
                // Reachable first (`ReachOrder`), then by score, ties by id.
                for (a, b) in zip(full.services, full.services.dropFirst()) {
                    #expect(!a.outOfReach && b.outOfReach || a.outOfReach == b.outOfReach
                            && (a.score > b.score || (a.score == b.score && a.serviceID < b.serviceID)), "seed \(seed)")
                }
                #expect(limited.services == Array(full.services.prefix(limit)), "seed \(seed), limit \(limit)")
                if full.services.count > limit { cut += 1 }
            }
            #expect(all.gaps == top.gaps, "seed \(seed)")
        }
        #expect(cut > 50, "too few rankings longer than their limit")
    }

    @Test func gapsAreTheBarriersWithoutEligibleServicesAndNameTheLastFilter() {
        var gaps = 0
        for seed in Self.seeds {
            var rng = SeededRandom(seed: seed)
            let world = World(seed: seed, rng: &rng)
            let profile = RandomDirectory.profile(using: &rng)
            let result = world.match(profile)
            for barrier in Set(profile.barriers) {
                let gap = result.gap(barrier)
                #expect((gap != nil) == world.oracle.eligible(barrier, profile).isEmpty, "seed \(seed), \(barrier)")
                guard let gap else { continue }
                let definition = RandomDirectory.barriers.first { $0.id == barrier }!
                let failures = world.directory.snapshot.services
                    .filter { world.oracle.isCandidate($0, for: definition) }
                    .compactMap { world.oracle.failedFilter($0, profile) }
                #expect(gap.filter == failures.max(), "seed \(seed), \(barrier): \(gap.reason)")
                #expect(gap.reason.hasPrefix("no "), "seed \(seed)")
                gaps += 1
            }
        }
        #expect(gaps > 20, "too few gaps to check what they name")
    }

    @Test func addingAHardConstraintNeverAddsResults() {
        for seed in Self.seeds {
            var rng = SeededRandom(seed: seed)
            let world = World(seed: seed, rng: &rng)
            var constrained = RandomDirectory.profile(using: &rng)
            constrained.age = constrained.age ?? Int.random(in: 3...20, using: &rng)
            if constrained.languages.isEmpty { constrained.languages = [rng.pick(RandomDirectory.languages)] }
            constrained.insurance = constrained.insurance ?? rng.pick(Insurance.allCases)
            constrained.home = constrained.home ?? RandomDirectory.center
            let loosenings: [(String, (inout NeedsProfile) -> Void)] = [
                ("age", { $0.age = nil }), ("languages", { $0.languages = [] }),
                ("insurance", { $0.insurance = nil }), ("home", { $0.home = nil }),
            ]
            let narrow = world.match(constrained)
            for (field, loosen) in loosenings {
                var loose = constrained
                loosen(&loose)
                let wide = world.match(loose)
                for barrier in constrained.barriers {
                    #expect(Set(narrow.ids(barrier)).isSubset(of: wide.ids(barrier)), "seed \(seed), \(field), \(barrier)")
                }
                #expect(Set(wide.gaps.map(\.barrier)).isSubset(of: narrow.gaps.map(\.barrier)), "seed \(seed), \(field)")
            }
        }
    }

    @Test func resultsAreDeterministic() {
        for seed in Self.seeds {
            var rng = SeededRandom(seed: seed)
            let world = World(seed: seed, rng: &rng)
            let profile = RandomDirectory.profile(using: &rng)
            let again = MatchIndex(snapshot: world.directory.snapshot, barriers: RandomDirectory.barriers)
            let first = world.match(profile, limit: 10)
            #expect(first == world.match(profile, limit: 10), "seed \(seed)")
            #expect(first == Matcher.match(profile, in: again, now: RandomDirectory.now), "seed \(seed)")
        }
    }
}
