import Directory
import Foundation
import Matching
import Testing

/// A facet a service does not state never fails a hard filter, ranks below a stated fit, and its
/// reason tells the coordinator what to ask.
@Suite("Facets not stated")
struct NotStatedMatchingTests {
    /// A Spanish-speaking family on Medicaid, age 13, riding transit, free after school, preferring school.
    static let family = NeedsProfile(
        barriers: ["anxiety"], tier: 2, age: 13, languages: [.spanish], insurance: .medicaid, home: Fixture.home,
        transportation: .transit, times: [.afterSchool], settings: [.schoolBased])

    /// A counseling service that states nothing but its taxonomy code.
    static func unknown(_ id: String) -> Service {
        Service(
            id: id, organizationID: "org-" + id, name: "Service " + id, domains: [], intensity: nil,
            taxonomyCodes: ["RP-1400.8000"], provenance: Provenance(source: "feed", externalID: id))
    }

    /// A counseling service that passes every one of the family's filters on stated facts.
    static func fitting(
        _ id: String, settings: [Setting] = [.community], transportation: Transportation? = .notProvided,
        cost: Cost = Cost(kind: .free), radiusKm: Double? = nil
    ) -> Service {
        Fixture.service(id, settings: settings, transportation: transportation, languages: [.spanish], cost: cost, radiusKm: radiusKm)
    }

    /// An index of these services, each at one site `km` north of the family's home.
    static func index(_ services: [Service], km: Double = 1, transit: Bool? = nil) -> MatchIndex {
        var snapshot = DirectorySnapshot()
        for service in services {
            snapshot.services.append(service)
            let location = Location(
                id: "loc-" + service.id, organizationID: service.organizationID, name: "Site",
                coordinates: Fixture.home.offset(northKm: km, eastKm: 0), transitAccessible: transit,
                provenance: Provenance(source: "feed", externalID: "loc-" + service.id))
            snapshot.locations.append(location)
            snapshot.servicesAtLocation.append(ServiceAtLocation(id: "sal-" + service.id, serviceID: service.id, locationID: location.id))
        }
        return MatchIndex(snapshot: snapshot, barriers: Fixture.barriers)
    }

    static func match(_ services: [Service], _ profile: NeedsProfile = family, km: Double = 1, transit: Bool? = nil) -> MatchResult {
        Matcher.match(profile, in: index(services, km: km, transit: transit), now: Fixture.now, limitPerBarrier: 10)
    }

    struct FilterCase: CustomTestStringConvertible, Sendable {
        var name: String
        var unknown: @Sendable (inout Service) -> Void
        var stated: @Sendable (inout Service) -> Void
        var testDescription: String { name }
    }

    /// Each unknown passes where the same facet, stated and not fitting, fails.
    static let filterCases: [FilterCase] = [
        FilterCase(name: "ages", unknown: { $0.ages = AgeRange() }, stated: { $0.ages = AgeRange(min: 14, max: 18) }),
        FilterCase(name: "ages with one end", unknown: { $0.ages = AgeRange(max: 18) }, stated: { $0.ages = AgeRange(min: 19) }),
        FilterCase(name: "languages", unknown: { $0.languages = [] }, stated: { $0.languages = [.english] }),
        FilterCase(
            name: "languages, interpreter not stated", unknown: { $0.languages = []; $0.interpreterAvailable = nil },
            stated: { $0.languages = [.english]; $0.interpreterAvailable = false }),
        FilterCase(name: "cost", unknown: { $0.cost = Cost() }, stated: { $0.cost = Cost(kind: .fee, insurance: [.private]) }),
        FilterCase(
            name: "coverage of a fee", unknown: { $0.cost = Cost(kind: .fee) },
            stated: { $0.cost = Cost(kind: .fee, insurance: [.private]) }),
        FilterCase(name: "enrollment", unknown: { $0.enrollment = Enrollment() }, stated: { $0.enrollment = Enrollment(status: .closed) }),
    ]

    @Test(arguments: filterCases)
    func anUnknownFacetPassesItsFilter(_ example: FilterCase) throws {
        var unknown = Self.fitting("unknown")
        example.unknown(&unknown)
        var stated = Self.fitting("stated")
        example.stated(&stated)
        let result = Self.match([unknown, stated])
        #expect(result.ids("anxiety") == ["unknown"])
        #expect(result.gap("anxiety") == nil)
    }

    @Test func aServiceStatingNothingIsStillSuggested() throws {
        let result = Self.match([Self.unknown("blank")])
        #expect(result.ids("anxiety") == ["blank"])
        let match = try #require(result.service("blank"))
        #expect(match.passedFilters == [.age, .language, .cost, .enrollment, .serviceArea])
        #expect(match.waitWeeks == nil)
    }

    @Test func reasonsSayWhatToAsk() throws {
        let match = try #require(Self.match([Self.unknown("blank")], km: 4).service("blank"))
        #expect(match.reasons.rounded == [
            .agesNotListed(age: 13), .languagesNotListed([.spanish]), .costNotListed(ask: .medicaid),
            .distance(km: 4.0, approximate: false, reach: .busAccessNotListed), .enrollmentNotListed, .intensityNotListed(tier: 2),
            .settingNotListed, .hoursNotListed, .neverVerified,
        ])
    }

    @Test func reasonsWithoutTheFamilysFacts() throws {
        let profile = NeedsProfile(barriers: ["anxiety"], tier: 3, languages: [.spanish, Fixture.somali, .spanish])
        let match = try #require(Self.match([Self.unknown("blank")], profile).service("blank"))
        #expect(match.reasons == [
            .languagesNotListed([.spanish, Fixture.somali]), .costNotListed(ask: nil), .enrollmentNotListed, .intensityNotListed(tier: 3),
            .neverVerified,
        ])
    }

    @Test(arguments: [
        (Cost(kind: .fee), Insurance.medicaid, Reason.insuranceNotListed(cost: .fee, ask: .medicaid)),
        (Cost(kind: .fee), .uninsured, .insuranceNotListed(cost: .fee, ask: .uninsured)),
        (Cost(kind: .slidingScale), .chip, .insuranceNotListed(cost: .slidingScale, ask: .chip)),
        (Cost(kind: .slidingScale), .uninsured, .slidingScale),
        (Cost(kind: nil, insurance: [.medicaid]), .medicaid, .accepts(.medicaid)),
        (Cost(kind: nil, insurance: [.medicaid]), .private, .costNotListed(ask: .private)),
        (Cost(), .uninsured, .costNotListed(ask: .uninsured)),
        (Cost(kind: .free), .private, .free),
    ])
    func costReasonsStateOnlyWhatIsListed(cost: Cost, coverage: Insurance, reason: Reason) throws {
        let service = Self.fitting("s", cost: cost)
        var profile = Self.family
        profile.insurance = coverage
        let match = try #require(Self.match([service], profile).service("s"))
        #expect(match.reasons.contains(reason), "\(match.reasons)")
    }

    @Test func aTransitFamilyIsNotToldASiteIsOffTheBusLineWhenNobodySaid() throws {
        let onBus = try #require(Self.match([Self.fitting("s")], km: 4, transit: true).service("s"))
        let unknownBus = try #require(Self.match([Self.fitting("s")], km: 4, transit: nil).service("s"))
        let offBus = try #require(Self.match([Self.fitting("s")], km: 4, transit: false).service("s"))
        #expect(onBus.reasons.rounded.contains(.distance(km: 4.0, approximate: false, reach: .onBusLine)))
        #expect(unknownBus.reasons.rounded.contains(.distance(km: 4.0, approximate: false, reach: .busAccessNotListed)))
        #expect(offBus.reasons.rounded.contains(.distance(km: 4.0, approximate: false, reach: .notOnBusLine)))
        #expect(onBus.score > unknownBus.score && unknownBus.score > offBus.score)
        // Beyond transit distance, too: no claim about the bus either way.
        let far = try #require(Self.match([Self.fitting("s", radiusKm: 40)], km: 20, transit: nil).service("s"))
        #expect(far.reasons.rounded.contains(.distance(km: 20, approximate: false, reach: .busAccessNotListed)))
    }

    @Test func ridesAreClaimedOnlyWhenStated() throws {
        let unknown = try #require(Self.match([Self.fitting("s", transportation: nil)], km: 10).service("s"))
        #expect(!unknown.reasons.contains { $0 == .rides || $0.values.contains { $0.value == .text("rides") } })
        let provided = try #require(Self.match([Self.fitting("s", transportation: .provided)], km: 10).service("s"))
        #expect(provided.reasons.rounded.contains(.distance(km: 10, approximate: false, reach: .rides)))
    }

    struct RankCase: CustomTestStringConvertible, Sendable {
        var name: String
        var unknown: @Sendable (inout Service) -> Void
        var testDescription: String { name }
    }

    /// The same service twice, one with a facet not stated: the stated fit ranks first.
    static let rankCases: [RankCase] = [
        RankCase(name: "cost", unknown: { $0.cost = Cost() }),
        RankCase(name: "coverage of a fee", unknown: { $0.cost = Cost(kind: .fee) }),
        RankCase(name: "ages", unknown: { $0.ages = AgeRange() }),
        RankCase(name: "languages", unknown: { $0.languages = [] }),
        RankCase(name: "enrollment", unknown: { $0.enrollment = Enrollment() }),
        RankCase(name: "intensity", unknown: { $0.intensity = nil }),
        RankCase(name: "settings", unknown: { $0.settings = [] }),
    ]

    @Test(arguments: rankCases)
    func anUnknownRanksBelowTheSameServiceStatingAFit(_ example: RankCase) throws {
        let stated = Self.fitting("b-stated", settings: [.schoolBased], cost: Cost(kind: .fee, insurance: [.medicaid]))
        var unknown = stated
        unknown.id = "a-unknown"
        example.unknown(&unknown)
        let result = Self.match([unknown, stated], km: 1, transit: true)
        #expect(result.ids("anxiety") == ["b-stated", "a-unknown"])
        let scores = try ["b-stated", "a-unknown"].map { try #require(result.service($0)).score }
        #expect(scores[0] > scores[1])
    }

    @Test func anUnknownIntensityRanksAboveALighterTier() throws {
        var unknown = Self.fitting("unknown")
        unknown.intensity = nil
        let profile = { var p = Self.family; p.tier = 3; return p }()
        let lighter = Self.fitting("lighter")
        #expect(Self.match([unknown, lighter], profile).ids("anxiety") == ["unknown", "lighter"])
    }

    /// Stating, for a suggested service, a fact that fits the family never lowers its score, and
    /// raises it when the fact was one the family's profile constrains.
    @Test func statingAFittingFactRaisesTheScore() throws {
        var compared = 0
        for seed in UInt64(1)...60 {
            var rng = SeededRandom(seed: seed)
            let directory = RandomDirectory(services: 60, using: &rng)
            let profile = RandomDirectory.profile(using: &rng)
            let index = MatchIndex(snapshot: directory.snapshot, barriers: RandomDirectory.barriers)
            let before = Matcher.match(profile, in: index, now: RandomDirectory.now, limitPerBarrier: .max)
            for barrier in before.results {
                for match in barrier.services {
                    var service = try #require(directory.snapshot.services.first { $0.id == match.serviceID })
                    var filled = false
                    if let age = profile.age, !service.ages.isStated { service.ages = AgeRange(min: age, max: age); filled = true }
                    if let language = profile.languages.first, service.languages.isEmpty, service.interpreterAvailable != true {
                        service.languages = [language]
                        filled = true
                    }
                    if let coverage = profile.insurance, service.cost.accepts(coverage) == nil { service.cost = Cost(kind: .free); filled = true }
                    if service.enrollment.status == nil { service.enrollment = Enrollment(status: .open); filled = true }
                    guard filled else { continue }
                    var snapshot = directory.snapshot
                    snapshot.services = snapshot.services.map { $0.id == service.id ? service : $0 }
                    let after = Matcher.match(
                        profile, in: MatchIndex(snapshot: snapshot, barriers: RandomDirectory.barriers), now: RandomDirectory.now,
                        limitPerBarrier: .max)
                    let again = try #require(after.results.first { $0.barrier == barrier.barrier }?.services.first { $0.serviceID == service.id })
                    #expect(again.score > match.score, "seed \(seed), \(service.id)")
                    compared += 1
                }
            }
        }
        #expect(compared > 100)
    }
}
