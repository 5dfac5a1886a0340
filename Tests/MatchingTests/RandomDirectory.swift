import Directory
import Foundation
import Matching

/// Random directories and profiles for property tests, reproducible from a seed.
struct RandomDirectory {
    static let center = Coordinates(lat: 41.60, lon: -93.60)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let languages = ["en", "es", "vi", "so", "ar", "zh", "fr", "ht"].map { LanguageCode(rawValue: $0)! }

    static let barriers = [
        Barrier(id: "anxiety", label: "Anxiety", domains: [.socialEmotional, .health],
                intensities: [.earlyIntervention, .intensive], taxonomyPrefixes: ["RP-1400"]),
        Barrier(id: "food_insecurity", label: "Food insecurity", domains: [.family, .health],
                intensities: [.prevention, .earlyIntervention], taxonomyPrefixes: ["BD-1800"]),
        Barrier(id: "housing_instability", label: "Housing instability", domains: [.family],
                intensities: [.earlyIntervention, .intensive], taxonomyPrefixes: ["BH-1800", "BH-3000"]),
        Barrier(id: "academic_struggle", label: "Academic struggle", domains: [.academic],
                intensities: [.prevention, .earlyIntervention], taxonomyPrefixes: ["HL-8120"]),
        Barrier(id: "bullying", label: "Bullying", domains: [.peerRelations, .socialEmotional],
                intensities: [.prevention, .earlyIntervention], taxonomyPrefixes: ["RP-1400.8000-160"]),
    ]
    static let codes = ["RP-1400.8000", "RP-1400.8000-160", "BD-1800.2000", "BH-1800.8500", "BH-3000", "HL-8120.1500", "LV-1700"]

    var snapshot = DirectorySnapshot()

    /// `services` services at 0–3 sites each (mostly 1–3), spread up to `spreadKm` around the center.
    init(services count: Int, spreadKm: Double = 40, using rng: inout SeededRandom) {
        for number in 0..<count {
            let id = String(format: "svc-%05d", number)
            snapshot.services.append(Self.service(id: id, using: &rng))
            let siteCount = rng.chance(0.05) ? 0 : Int.random(in: 1...3, using: &rng)
            for siteNumber in 0..<siteCount {
                let location = Location(
                    id: "\(id)-loc\(siteNumber)", organizationID: "org-\(id)", name: "Site",
                    coordinates: Self.center.offset(
                        northKm: Double.random(in: -spreadKm...spreadKm, using: &rng),
                        eastKm: Double.random(in: -spreadKm...spreadKm, using: &rng)),
                    // Some sites are ZIP centres (no draw, so the directories stay what they were).
                    coordinatesPrecision: (number + siteNumber) % 5 == 0 ? .postalCode : .stated,
                    transitAccessible: rng.chance(0.3) ? nil : rng.chance(0.5), provenance: Provenance(source: "random", externalID: id),
                    active: rng.chance(0.9))
                snapshot.locations.append(location)
                snapshot.servicesAtLocation.append(
                    ServiceAtLocation(id: "\(id)-sal\(siteNumber)", serviceID: id, locationID: location.id))
            }
        }
    }

    /// Every facet is sometimes not stated (nil, or an empty list), as in real feeds.
    static func service(id: String, using rng: inout SeededRandom) -> Service {
        let minAge: Int? = rng.chance(0.15) ? nil : Int.random(in: 0...14, using: &rng)
        let maxAge: Int? = rng.chance(0.15) ? nil : Int.random(in: (minAge ?? 0)...21, using: &rng)
        let status: EnrollmentStatus? = rng.chance(0.2) ? nil : rng.pick(EnrollmentStatus.allCases)
        return Service(
            id: id, organizationID: "org-\(id)", name: "Service \(id)",
            domains: rng.subset(Domain.allCases, probability: 0.3),
            intensity: rng.chance(0.15) ? nil : rng.pick(Intensity.allCases),
            ages: AgeRange(min: minAge, max: maxAge),
            settings: rng.subset(Setting.allCases, probability: 0.35),
            transportation: rng.chance(0.2) ? nil : rng.pick(Transportation.allCases),
            languages: rng.chance(0.15) ? [] : rng.subset(languages, probability: 0.3),
            interpreterAvailable: rng.chance(0.3) ? nil : rng.chance(0.2),
            cost: Cost(
                kind: rng.chance(0.2) ? nil : rng.pick(CostKind.allCases),
                insurance: rng.subset(Insurance.allCases, probability: 0.4)),
            enrollment: Enrollment(
                status: status, waitlistWeeks: rng.chance(0.7) ? Int.random(in: 0...12, using: &rng) : nil,
                capacity: rng.chance(0.3) ? Int.random(in: 0...5, using: &rng) : nil),
            hours: randomHours(using: &rng),
            serviceArea: ServiceArea(radiusKm: rng.chance(0.4) ? Double.random(in: 2...50, using: &rng) : nil),
            taxonomyCodes: rng.subset(codes, probability: 0.2),
            provenance: Provenance(
                source: "random", externalID: id,
                lastVerifiedAt: rng.chance(0.8) ? now.addingTimeInterval(-Double.random(in: 0...(400 * 86_400), using: &rng)) : nil),
            active: rng.chance(0.95))
    }

    static func randomHours(using rng: inout SeededRandom) -> [OpeningHours] {
        rng.subset(Weekday.allCases, probability: 0.4).map { day in
            let opens = Int.random(in: 6...18, using: &rng)
            return OpeningHours(
                weekday: day, opens: TimeOfDay(hour: opens)!, closes: TimeOfDay(hour: Int.random(in: (opens + 1)...23, using: &rng))!)
        }
    }

    static func profile(using rng: inout SeededRandom) -> NeedsProfile {
        NeedsProfile(
            barriers: rng.subset(barriers.map(\.id), probability: 0.4) + [rng.pick(barriers).id],
            tier: Int.random(in: 1...3, using: &rng),
            age: rng.chance(0.8) ? Int.random(in: 3...20, using: &rng) : nil,
            languages: rng.chance(0.8) ? rng.subset(languages, probability: 0.2) : [],
            insurance: rng.chance(0.8) ? rng.pick(Insurance.allCases) : nil,
            home: rng.chance(0.85)
                ? center.offset(northKm: Double.random(in: -30...30, using: &rng), eastKm: Double.random(in: -30...30, using: &rng))
                : nil,
            transportation: rng.pick(FamilyTransportation.allCases),
            times: rng.subset(TimeWindow.allCases, probability: 0.3),
            settings: rng.subset(Setting.allCases, probability: 0.25))
    }
}
