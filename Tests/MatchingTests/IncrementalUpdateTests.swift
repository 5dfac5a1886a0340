import Directory
import Foundation
import Matching
import Testing

@Suite("Incremental index updates")
struct IncrementalUpdateTests {
    /// Builds an index from part of a directory, then upserts, replaces, removes and updates
    /// availability in random order; the result must match an index built from the end state.
    @Test func incrementalIndexMatchesLikeARebuiltOne() {
        for seed in UInt64(1)...200 {
            var rng = SeededRandom(seed: seed)
            var final = RandomDirectory(services: Int.random(in: 20...120, using: &rng), using: &rng).snapshot
            let sites = final.locatedSitesByService()
            let initialCount = Int.random(in: 0...final.services.count, using: &rng)
            var index = MatchIndex(
                snapshot: DirectorySnapshot(
                    locations: final.locations, services: Array(final.services.prefix(initialCount)),
                    servicesAtLocation: final.servicesAtLocation),
                barriers: RandomDirectory.barriers)
            for service in final.services.dropFirst(initialCount).shuffled(using: &rng) {
                index.upsert(service: service, sites: sites[service.id] ?? [], organizationName: "")
            }
            for position in final.services.indices.shuffled(using: &rng).prefix(final.services.count / 3) {
                let id = final.services[position].id
                switch Int.random(in: 0...2, using: &rng) {
                case 0:
                    var replacement = RandomDirectory.service(id: id, using: &rng)
                    replacement.organizationID = final.services[position].organizationID
                    final.services[position] = replacement
                    index.upsert(service: replacement, sites: sites[id] ?? [], organizationName: "")
                case 1:
                    let enrollment = Enrollment(
                        status: rng.chance(0.2) ? nil : rng.pick(EnrollmentStatus.allCases), waitlistWeeks: rng.chance(0.5) ? 5 : nil)
                    let hours = rng.chance(0.5) ? RandomDirectory.randomHours(using: &rng) : nil
                    let verified = RandomDirectory.now.addingTimeInterval(-Double(Int.random(in: 0...90, using: &rng)) * 86_400)
                    index.updateAvailability(serviceID: id, enrollment: enrollment, hours: hours, lastVerifiedAt: verified)
                    if final.services[position].active {
                        final.services[position].enrollment = enrollment
                        if let hours { final.services[position].hours = hours }
                        final.services[position].provenance.lastVerifiedAt = verified
                    }
                default:
                    index.remove(serviceID: id)
                    final.services[position].active = false
                }
            }
            let rebuilt = MatchIndex(snapshot: final, barriers: RandomDirectory.barriers)
            #expect(index.serviceCount == rebuilt.serviceCount, "seed \(seed)")
            for barrier in RandomDirectory.barriers {
                #expect(index.candidateCount(for: barrier.id) == rebuilt.candidateCount(for: barrier.id), "seed \(seed)")
            }
            for _ in 0..<5 {
                let profile = RandomDirectory.profile(using: &rng)
                #expect(
                    Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: 15)
                        == Matcher.match(profile, in: rebuilt, now: RandomDirectory.now, limitPerBarrier: 15),
                    "seed \(seed)")
            }
        }
    }

    @Test func closingEnrollmentRemovesAServiceImmediately() {
        var closed = 0
        for seed in UInt64(1)...200 {
            var rng = SeededRandom(seed: seed)
            var index = MatchIndex(
                snapshot: RandomDirectory(services: 60, using: &rng).snapshot, barriers: RandomDirectory.barriers)
            let profile = RandomDirectory.profile(using: &rng)
            let before = Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: .max)
            guard let victim = before.results.flatMap(\.services).first?.serviceID else { continue }
            let found = index.updateAvailability(
                serviceID: victim, enrollment: Enrollment(status: .closed), lastVerifiedAt: RandomDirectory.now)
            #expect(found)
            let after = Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: .max)
            #expect(after.service(victim) == nil, "seed \(seed)")
            index.updateAvailability(
                serviceID: victim, enrollment: Enrollment(status: .open), lastVerifiedAt: RandomDirectory.now)
            let reopened = Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: .max)
            #expect(reopened.service(victim)?.reasons.contains(.open(placesLeft: nil)) == true, "seed \(seed)")
            closed += 1
        }
        // Seeds whose profile gets no suggestion check nothing; most must.
        #expect(closed > 100)
    }

    @Test func fixtureUpdatesShowInTheNextMatch() throws {
        var index = Fixture.index
        let id = "anx-school-es"
        index.updateAvailability(
            serviceID: id, enrollment: Enrollment(status: .waitlist, waitlistWeeks: 2), hours: Fixture.hours(8, 12),
            lastVerifiedAt: Fixture.now)
        let match = try #require(Matcher.match(Fixture.family, in: index, now: Fixture.now).service(id))
        #expect(match.reasons.contains(.waitlist(weeks: 2)))
        #expect(match.reasons.contains(.notOpenAtFamilyTimes))
        #expect(match.reasons.contains(.verified(daysAgo: 0)))
        #expect(match.waitWeeks == 2)

        let removed = index.remove(serviceID: id)
        let removedTwice = index.remove(serviceID: id)
        let updatedAfterRemoval = index.updateAvailability(
            serviceID: id, enrollment: Enrollment(status: .open), lastVerifiedAt: Fixture.now)
        #expect(removed && !removedTwice && !updatedAfterRemoval)
        #expect(Matcher.match(Fixture.family, in: index, now: Fixture.now).service(id) == nil)

        let service = try #require(Fixture.snapshot.services.first { $0.id == id })
        index.upsert(service: service, sites: Fixture.snapshot.locatedSitesByService()[id] ?? [], organizationName: "Renamed")
        #expect(Fixture.match(Fixture.family).service(id)?.organizationName == "Agency " + id, "the snapshot's name")
        #expect(Matcher.match(Fixture.family, in: index, now: Fixture.now).ids("anxiety").first == id)
        #expect(Matcher.match(Fixture.family, in: index, now: Fixture.now).service(id)?.organizationName == "Renamed")

        var withdrawn = service
        withdrawn.active = false
        index.upsert(service: withdrawn, sites: [], organizationName: "Renamed")
        #expect(!index.contains(serviceID: id))
    }
}
