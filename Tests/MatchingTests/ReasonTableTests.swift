import Directory
import Foundation
@testable import Matching
import Testing

/// The reasons are built from phrase tables; they must read exactly as the plain wording rules
/// below (the implementation before the tables) would write them.
@Suite("Reason phrase tables")
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
                    #expect(match.reasons.map(\.text) == reference, "seed \(seed), \(match.serviceID)")
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
                approximate += barrier.services.filter { $0.reasons.contains { $0.text.contains("(ZIP centre)") } }.count
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

    var all: [String] {
        [ages, language, cost, access, enrollment, intensity, setting, schedule, freshness].compactMap { $0 }
    }

    private var profile: NeedsProfile { prepared.profile }

    private func referenceID(_ code: LanguageCode) -> UInt8? { prepared.spokenLanguages.first { $0.code == code }?.id }

    var ages: String? {
        guard let age = profile.age, !service.agesStated else { return nil }
        return "ages not listed — ask whether they serve age \(age)"
    }

    var language: String? {
        guard prepared.languages != nil else { return nil }
        var seen = Set<LanguageCode>()
        let shared = profile.languages.filter { code in
            guard seen.insert(code).inserted, let id = referenceID(code) else { return false }
            return service.languages.contains(id)
        }
        if !shared.isEmpty { return "speaks " + Wording.list(shared.map(\.displayName)) }
        if service.interpreterAvailable == true { return "interpreter available" }
        guard !service.languagesStated else { return nil }
        var named = Set<LanguageCode>()
        let names = profile.languages.filter { named.insert($0).inserted }.map(\.displayName)
        return "languages not listed — ask whether they speak " + Wording.list(names, conjunction: "or")
    }

    private func ask(_ coverage: Insurance) -> String {
        coverage == .uninsured ? "ask whether they serve uninsured families" : "ask whether they take " + Wording.coverage(coverage)
    }

    var cost: String? {
        let coverage = profile.insurance
        let accepted = coverage.map { service.usableBy.contains($0) } ?? false
        switch service.costKind {
        case .free:
            return "free"
        case .slidingScale where coverage == nil || coverage == .uninsured:
            return "sliding-scale fees"
        case nil where !accepted:
            return coverage.map { "cost not listed — " + ask($0) } ?? "cost not listed — ask about fees"
        default:
            guard let coverage else { return "fees apply" }
            if !accepted {
                let kind = service.costKind == .slidingScale ? "sliding-scale fees" : "fees apply"
                return kind + ", insurance not listed — " + ask(coverage)
            }
            if coverage == .uninsured { return "serves uninsured families" }
            return "accepts " + Wording.coverage(coverage)
        }
    }

    var access: String? {
        let distance = placement.distanceKm.map {
            placement.siteIsPostalCodeCentre ? "about " + Wording.kilometres($0) + " away (ZIP centre)" : Wording.kilometres($0) + " away"
        }
        switch placement.route {
        case .virtual:
            return "virtual — no travel"
        case .homeVisit:
            return "home visits — no travel"
        case .rides:
            return distance.map { $0 + ", partner provides rides" } ?? "partner provides rides"
        case .reachable(let transportation):
            guard let distance else { return nil }
            switch transportation {
            case .none: return distance + ", walkable"
            case .transit: return placement.siteOnTransit == true ? distance + ", on a bus line" : distance + ", walkable"
            case .car: return distance
            }
        case .busAccessUnknown:
            return distance.map { $0 + ", bus access not listed" }
        case .outOfReach(let transportation):
            guard let distance else { return nil }
            switch transportation {
            case .none: return distance + ", too far to walk"
            case .transit:
                guard let onTransit = placement.siteOnTransit else { return distance + ", bus access not listed" }
                return distance + (onTransit ? ", a long transit trip" : ", not on a bus line")
            case .car: return distance + ", a long drive"
            }
        case .unknownHome:
            return nil
        case .unlocated:
            return "no site address listed"
        }
    }

    var enrollment: String? {
        switch service.enrollment {
        case .open:
            switch service.capacity {
            case 1: return "open now for enrollment, 1 place left"
            case 2...: return "open now for enrollment, \(service.capacity) places left"
            default: return "open now for enrollment"
            }
        case .waitlist:
            guard let weeks = service.waitlistWeeksOrNil else { return "waitlist, length not given" }
            return weeks == 0 ? "waitlist, moving now" : "waitlist about " + Wording.weeks(weeks)
        case .closed:
            return nil
        case nil:
            return "enrollment not listed — ask whether they have room"
        }
    }

    var intensity: String? {
        guard let serviceTier = service.intensity?.tier else {
            return "level of need not listed — ask whether it suits Tier \(profile.tier)"
        }
        if serviceTier == profile.tier { return "fits Tier \(profile.tier)" }
        return serviceTier > profile.tier
            ? "Tier \(serviceTier) level, more intensive than Tier \(profile.tier)"
            : "Tier \(serviceTier) level, lighter than Tier \(profile.tier)"
    }

    var setting: String? {
        guard !prepared.settings.isEmpty else { return nil }
        if service.settings.isEmpty { return "setting not listed — ask where it is delivered" }
        let preferred = service.settings.intersection(prepared.settings).members
        guard !preferred.isEmpty else { return "not in a preferred setting" }
        return Wording.list(preferred.map(Wording.setting))
    }

    var schedule: String? {
        guard !prepared.times.isEmpty else { return nil }
        if service.windows.isEmpty { return "hours not listed" }
        let fitting = service.windows.intersection(prepared.times).members
        guard !fitting.isEmpty else { return "not open at the family's times" }
        return Wording.list(fitting.map(Wording.window))
    }

    var freshness: String? {
        guard !service.lastVerified.isNaN else { return "never verified by the partner" }
        let days = Int(prepared.daysSince(service.lastVerified))
        switch days {
        case 0: return "verified today"
        case 1: return "verified yesterday"
        case ..<60: return "verified \(days) days ago"
        case ..<365: return "verified about \(days / 30) months ago"
        default: return "verified over a year ago"
        }
    }
}
