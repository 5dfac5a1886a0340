import Directory
import Foundation
@testable import Matching
import Testing

/// The reasons are built from shared tables and per-match caches (languages, settings, times);
/// they must be exactly what the plain rules below decide.
@Suite("Reasons against the plain rules")
struct ReasonTableTests {
    @Test(arguments: [UInt64(31), 32, 33])
    func tabledReasonsReadAsThePlainRules(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let directory = RandomDirectory(services: 400, using: &rng)
        let index = MatchIndex(snapshot: directory.snapshot, barriers: RandomDirectory.barriers)
        var compared = 0
        for _ in 0..<80 {
            var profile = RandomDirectory.profile(using: &rng)
            if rng.chance(0.3) { profile.languages += profile.languages + RandomDirectory.languages.shuffled(using: &rng).prefix(5) }
            let now = RandomDirectory.now.addingTimeInterval(Double(Int.random(in: 0...500, using: &rng)) * 86_400)
            let prepared = PreparedProfile(profile, index: index, weights: .standard, now: now)
            for barrier in Matcher.match(profile, in: index, now: now, limitPerBarrier: .max).results {
                for match in barrier.services {
                    let slot = Int(try #require(index.slotByID[match.serviceID]))
                    let siteCount = index.sites.count(of: slot)
                    let posting = Posting(
                        slot: slot, index.facets[slot], site: siteCount > 0 ? index.sites.site(0, of: slot) : nil,
                        siteIndex: 0, siteCount: siteCount)
                    let placement = try #require(prepared.place(posting, sites: index.sites))
                    let reference = ReferenceReasons(prepared, service: index.facets[slot], placement: placement).all
                    #expect(match.reasons == reference, "seed \(seed), \(match.serviceID)")
                    compared += 1
                }
            }
        }
        #expect(compared > 300)
    }

    /// A site placed at its ZIP centre reads as an approximate distance in every route.
    @Test func zipCentreSitesAreComparedToo() throws {
        var rng = SeededRandom(seed: 34)
        let directory = RandomDirectory(services: 400, using: &rng)
        #expect(directory.snapshot.locations.contains { $0.coordinatesPrecision == .postalCode })
        let index = MatchIndex(snapshot: directory.snapshot, barriers: RandomDirectory.barriers)
        var approximate = 0
        for _ in 0..<40 {
            let profile = RandomDirectory.profile(using: &rng)
            for barrier in Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: .max).results {
                approximate += barrier.services.filter { $0.reasons.contains { if case .distance(_, true, _) = $0 { true } else { false } } }.count
            }
        }
        #expect(approximate > 0)
    }
}

struct ReferenceReasons {
    let prepared: PreparedProfile
    let service: IndexedService
    let placement: Placement

    init(_ prepared: PreparedProfile, service: IndexedService, placement: Placement) {
        self.prepared = prepared
        self.service = service
        self.placement = placement
    }

    var all: [Reason] {
        [ages, language, cost, access, enrollment, intensity, setting, schedule, freshness].compactMap { $0 }
    }

    private var profile: NeedsProfile { prepared.profile }

    private func referenceID(_ code: LanguageCode) -> UInt8? { prepared.spokenLanguages.first { $0.code == code }?.id }

    var ages: Reason? {
        guard let age = profile.age, !service.agesStated else { return nil }
        return .agesNotListed(age: age)
    }

    var language: Reason? {
        guard prepared.languages != nil else { return nil }
        var seen = Set<LanguageCode>()
        let shared = profile.languages.filter { code in
            guard seen.insert(code).inserted, let id = referenceID(code) else { return false }
            return service.languages.contains(id)
        }
        if !shared.isEmpty { return .speaks(shared) }
        if service.interpreterAvailable == true { return .interpreterAvailable }
        guard !service.languagesStated else { return nil }
        var named = Set<LanguageCode>()
        return .languagesNotListed(profile.languages.filter { named.insert($0).inserted })
    }

    var cost: Reason? {
        let coverage = profile.insurance
        let accepted = coverage.map { service.usableBy.contains($0) } ?? false
        switch service.costKind {
        case .free:
            return .free
        case .slidingScale where coverage == nil || coverage == .uninsured:
            return .slidingScale
        case nil where !accepted:
            return .costNotListed(ask: coverage)
        default:
            guard let coverage else { return .feesApply }
            if !accepted { return .insuranceNotListed(cost: service.costKind == .slidingScale ? .slidingScale : .fee, ask: coverage) }
            return .accepts(coverage)
        }
    }

    var access: Reason? {
        func away(_ reach: Reason.Reach) -> Reason? {
            placement.distanceKm.map { .distance(km: $0, approximate: placement.siteIsPostalCodeCentre, reach: reach) }
        }
        switch placement.route {
        case .virtual:
            return .virtual
        case .homeVisit:
            return .homeVisit
        case .rides:
            return away(.rides) ?? .rides
        case .reachable(let transportation):
            switch transportation {
            case .none: return away(.walkable)
            case .transit: return away(placement.siteOnTransit == true ? .onBusLine : .walkable)
            case .car: return away(.byCar)
            }
        case .busAccessUnknown:
            return away(.busAccessNotListed)
        case .outOfReach(let transportation):
            switch transportation {
            case .none: return away(.tooFarToWalk)
            case .transit:
                guard let onTransit = placement.siteOnTransit else { return away(.busAccessNotListed) }
                return away(onTransit ? .longTransitTrip : .notOnBusLine)
            case .car: return away(.longDrive)
            }
        case .unknownHome:
            return nil
        case .unlocated:
            return .unlocated
        }
    }

    var enrollment: Reason? {
        switch service.enrollment {
        case .open: return .open(placesLeft: service.capacity >= 1 ? Int(service.capacity) : nil)
        case .waitlist: return .waitlist(weeks: service.waitlistWeeksOrNil)
        case .closed: return nil
        case nil: return .enrollmentNotListed
        }
    }

    var intensity: Reason? {
        guard let serviceTier = service.intensity?.tier else { return .intensityNotListed(tier: profile.tier) }
        return .intensity(serviceTier: serviceTier, tier: profile.tier)
    }

    var setting: Reason? {
        guard !prepared.settings.isEmpty else { return nil }
        if service.settings.isEmpty { return .settingNotListed }
        let preferred = service.settings.intersection(prepared.settings).members
        return preferred.isEmpty ? .notPreferredSetting : .settings(preferred)
    }

    var schedule: Reason? {
        guard !prepared.times.isEmpty else { return nil }
        if service.windows.isEmpty { return .hoursNotListed }
        let fitting = service.windows.intersection(prepared.times).members
        return fitting.isEmpty ? .notOpenAtFamilyTimes : .times(fitting)
    }

    var freshness: Reason? {
        guard !service.lastVerified.isNaN else { return .neverVerified }
        return .verified(daysAgo: Int(prepared.daysSince(service.lastVerified)))
    }
}
