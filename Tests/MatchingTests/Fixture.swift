import Directory
import Foundation
import Matching

/// A small hand-made directory around one family's home, each service there to exercise one rule.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let home = Coordinates(lat: 41.60, lon: -93.60)
    static let vietnamese = LanguageCode(rawValue: "vi")!
    static let somali = LanguageCode(rawValue: "so")!

    static let barriers = [
        Barrier(id: "anxiety", label: "Anxiety", domains: [.socialEmotional, .health],
                intensities: [.earlyIntervention, .intensive], taxonomyPrefixes: ["RP-1400"]),
        Barrier(id: "food_insecurity", label: "Food insecurity", domains: [.family, .health],
                intensities: [.prevention, .earlyIntervention], taxonomyPrefixes: ["BD-1800"]),
        Barrier(id: "trauma", label: "Trauma", domains: [.socialEmotional],
                intensities: [.intensive], taxonomyPrefixes: ["RP-1500"]),
        Barrier(id: "caregiving", label: "Caregiving", domains: [.career],
                intensities: [.prevention], taxonomyPrefixes: ["PH-1250"]),
    ]

    static let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    static func hours(_ opens: Int, _ closes: Int, on days: [Weekday] = weekdays) -> [OpeningHours] {
        days.map { OpeningHours(weekday: $0, opens: TimeOfDay(hour: opens)!, closes: TimeOfDay(hour: closes)!) }
    }

    static func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    /// One service and the site it is delivered at, `km` north of home.
    struct Entry {
        var service: Service
        var km: Double?
        var transit: Bool? = false
    }

    static func service(
        _ id: String, codes: [String] = ["RP-1400.8000"], domains: [Domain] = [.socialEmotional],
        intensity: Intensity? = .earlyIntervention, ages: AgeRange = AgeRange(min: 5, max: 18),
        settings: [Setting] = [.community], transportation: Transportation? = .notProvided,
        languages: [LanguageCode] = [.english], interpreter: Bool? = false, cost: Cost = Cost(kind: .free),
        enrollment: Enrollment = Enrollment(status: .open), hours: [OpeningHours] = hours(9, 17),
        radiusKm: Double? = nil, verifiedDaysAgo: Double? = 10, active: Bool = true
    ) -> Service {
        Service(
            id: id, organizationID: "org-" + id, name: "Service " + id, domains: domains, intensity: intensity,
            ages: ages, settings: settings, transportation: transportation, languages: languages,
            interpreterAvailable: interpreter, cost: cost, enrollment: enrollment, hours: hours,
            serviceArea: ServiceArea(radiusKm: radiusKm), taxonomyCodes: codes,
            provenance: Provenance(source: "fixture", externalID: id, lastVerifiedAt: verifiedDaysAgo.map(daysAgo)),
            active: active)
    }

    static let entries: [Entry] = [
        Entry(service: service(
            "anx-school-es", settings: [.schoolBased], languages: [.english, .spanish],
            hours: hours(8, 17), verifiedDaysAgo: 3), km: 1.0, transit: true),
        Entry(service: service(
            "anx-clinic-en", intensity: .intensive, cost: Cost(kind: .fee, insurance: [.medicaid, .private])), km: 2),
        Entry(service: service(
            "anx-clinic-interpreter", interpreter: true, cost: Cost(kind: .slidingScale, insurance: [.medicaid]),
            enrollment: Enrollment(status: .waitlist, waitlistWeeks: 3), hours: hours(16, 20)), km: 4, transit: true),
        Entry(service: service(
            "anx-closed-es", settings: [.schoolBased], languages: [.spanish],
            enrollment: Enrollment(status: .closed), hours: hours(8, 17), verifiedDaysAgo: 0), km: 0.5),
        Entry(service: service("anx-teen-es", ages: AgeRange(min: 14, max: 18), languages: [.spanish]), km: 1.5),
        Entry(service: service(
            "anx-virtual-es", settings: [.virtual], languages: [.spanish],
            cost: Cost(kind: .fee, insurance: [.medicaid])), km: 80),
        Entry(service: service("anx-far-es", languages: [.spanish]), km: 60),
        Entry(service: service(
            "anx-private-es", languages: [.spanish], cost: Cost(kind: .fee, insurance: [.private])), km: 1),
        Entry(service: service(
            "anx-rides-es", transportation: .provided, languages: [.spanish],
            cost: Cost(kind: .fee, insurance: [.medicaid]), radiusKm: 30), km: 10),
        Entry(service: service("anx-home-es", settings: [.homeVisit], languages: [.spanish]), km: 6),
        Entry(service: service("anx-inactive-es", languages: [.spanish], active: false), km: 0.2),
        Entry(service: service(
            "anx-untagged", codes: [], domains: [.socialEmotional], languages: [.spanish], verifiedDaysAgo: nil),
            km: 2.5),
        Entry(service: service(
            "food-pantry", codes: ["BD-1800.2000"], domains: [.family], intensity: .prevention,
            languages: [.english, .spanish], hours: hours(10, 14, on: [.saturday])), km: 2, transit: true),
        Entry(service: service(
            "food-pantry-vi", codes: ["BD-1800.2000"], domains: [.family], intensity: .prevention,
            languages: [vietnamese]), km: 30),
        Entry(service: service("trauma-en", codes: ["RP-1500.1400"], intensity: .intensive), km: 3),
        Entry(service: service(
            "trauma-vi", codes: ["RP-1500.1400"], intensity: .intensive, languages: [vietnamese]), km: 40),
        Entry(service: service(
            "care-closed", codes: ["PH-1250"], domains: [.career], intensity: .prevention,
            ages: AgeRange(min: 10, max: 18), enrollment: Enrollment(status: .closed)), km: 2),
        Entry(service: service(
            "care-young", codes: ["PH-1250"], domains: [.career], intensity: .prevention,
            ages: AgeRange(min: 3, max: 9)), km: 2),
    ]

    static var snapshot: DirectorySnapshot {
        var snapshot = DirectorySnapshot()
        for entry in entries {
            snapshot.services.append(entry.service)
            snapshot.organizations.append(Organization(
                id: entry.service.organizationID, name: "Agency " + entry.service.id,
                provenance: Provenance(source: "fixture", externalID: entry.service.organizationID)))
            guard let km = entry.km else { continue }
            let location = Location(
                id: "loc-" + entry.service.id, organizationID: entry.service.organizationID, name: "Site",
                coordinates: home.offset(northKm: km, eastKm: 0), transitAccessible: entry.transit,
                provenance: Provenance(source: "fixture", externalID: "loc-" + entry.service.id))
            snapshot.locations.append(location)
            snapshot.servicesAtLocation.append(
                ServiceAtLocation(id: "sal-" + entry.service.id, serviceID: entry.service.id, locationID: location.id))
        }
        return snapshot
    }

    static let index = MatchIndex(snapshot: snapshot, barriers: barriers)

    /// A Spanish-speaking family on Medicaid without a car, free after school, preferring school.
    static let family = NeedsProfile(
        barriers: ["anxiety"], tier: 2, age: 13, languages: [.spanish], insurance: .medicaid, home: home,
        transportation: .none, times: [.afterSchool], settings: [.schoolBased])

    static func match(_ profile: NeedsProfile, limit: Int = 10) -> MatchResult {
        Matcher.match(profile, in: index, now: now, limitPerBarrier: limit)
    }
}

extension MatchResult {
    func ids(_ barrier: String) -> [String] {
        results.first { $0.barrier == barrier }?.services.map(\.serviceID) ?? []
    }

    func service(_ id: String) -> ServiceMatch? {
        results.lazy.flatMap(\.services).first { $0.serviceID == id }
    }

    func gap(_ barrier: String) -> Gap? { gaps.first { $0.barrier == barrier } }
}
