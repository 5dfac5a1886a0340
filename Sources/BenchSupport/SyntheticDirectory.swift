import Directory
import Foundation

/// Deterministic synthetic directories of any size, for benchmarks and large-feed tests.
/// Same size and seed, same records, on every machine.
public struct SyntheticDirectory {
    public static let center = Coordinates(lat: 41.59, lon: -93.62)
    static let languages = ["en", "es", "vi", "so", "ar", "zh", "fr", "sw", "ne", "my", "ru", "ps"].compactMap(LanguageCode.init(rawValue:))
    static let taxonomy: [(code: String, words: String)] = [
        ("BD-1800.2000", "Food Pantry"), ("BD-5000.8300", "Summer Meals"), ("BH-1800.8500", "Family Shelter"),
        ("BH-3800.7000", "Housing Search"), ("BT-4500.6500", "Bus Fare Help"), ("RP-1400.8000", "Counseling"),
        ("RP-1500.1400", "Crisis Line"), ("HH-8500.8000", "Tutoring"), ("LV-1600", "Dental Care"),
        // General medical care (LE): a clinic's facility code (LN-1500) would tie it to no barrier.
        ("LE", "Pediatric Clinic"), ("PH-6200", "Youth Mentoring"), ("ND-6500", "Job Training"),
    ]

    /// The default newest verification date: fixed, so the same arguments give the same records.
    public static let referenceVerification = Date(timeIntervalSince1970: 1_790_000_000)

    /// `services` services spread over `services / 3` organizations, each service at 1–3 sites.
    /// Records were last verified on `verifiedAsOf` or up to 199 days before it: a benchmark that
    /// matches at today's date passes today, so the records are as fresh on every run.
    public static func make(
        services count: Int, seed: UInt64 = 42, source: String = "synthetic", verifiedAsOf: Date = referenceVerification
    ) -> DirectorySnapshot {
        var random = SeededRandom(seed: seed)
        var snapshot = DirectorySnapshot()
        let organizationCount = max(1, count / 3)
        func provenance(_ id: String) -> Provenance {
            Provenance(source: source, externalID: id, lastVerifiedAt: verifiedAsOf.addingTimeInterval(-Double(random.next() % 200) * 86_400))
        }
        var sitesByOrganization: [[String]] = []
        snapshot.organizations.reserveCapacity(organizationCount)
        for index in 0..<organizationCount {
            let id = String(format: "o%06d", index)
            snapshot.organizations.append(Organization(
                id: "\(source):\(id)", name: "Synthetic Agency \(index)", description: "A community agency.",
                phones: [Phone(number: String(format: "+1-515-555-%04d", index % 10_000))], provenance: provenance(id)))
            var sites: [String] = []
            for site in 0..<Int(1 + random.next() % 3) {
                let siteID = String(format: "l%06d-%d", index, site)
                sites.append("\(source):\(siteID)")
                let lat = center.lat + Double(Int(random.next() % 4000) - 2000) / 10_000
                let lon = center.lon + Double(Int(random.next() % 5000) - 2500) / 10_000
                snapshot.locations.append(Location(
                    id: "\(source):\(siteID)", organizationID: "\(source):\(id)", name: "Site \(site + 1)",
                    address: Address(address1: "\(100 + index % 900) Main St", city: "Cedar Valley", region: "IA",
                                     postalCode: "503\(String(format: "%02d", index % 30 + 1))"),
                    coordinates: Coordinates(lat: lat, lon: lon), transitAccessible: random.next() % 2 == 0,
                    provenance: provenance(siteID)))
            }
            sitesByOrganization.append(sites)
        }
        snapshot.services.reserveCapacity(count)
        for index in 0..<count {
            let organization = index % organizationCount
            let id = String(format: "s%07d", index)
            let term = taxonomy[Int(random.next() % UInt64(taxonomy.count))]
            let minAge = [0, 3, 5, 12, 14][Int(random.next() % 5)]
            let status: EnrollmentStatus = [.open, .open, .open, .waitlist, .closed][Int(random.next() % 5)]
            var languages = [LanguageCode.english]
            if random.next() % 10 < 4 { languages.append(.spanish) }
            if random.next() % 10 < 2 { languages.append(Self.languages[Int(2 + random.next() % UInt64(Self.languages.count - 2))]) }
            let opens = [8, 9, 15, 17][Int(random.next() % 4)]
            let days: [Weekday] = random.next() % 5 == 0 ? [.saturday] : [.monday, .tuesday, .wednesday, .thursday, .friday]
            snapshot.services.append(Service(
                id: "\(source):\(id)", organizationID: snapshot.organizations[organization].id,
                name: "\(term.words) Program \(index)", description: "Synthetic \(term.words.lowercased()) service for families.",
                domains: [Domain.allCases[Int(random.next() % 6)]], intensity: Intensity.allCases[Int(random.next() % 3)],
                ages: AgeRange(min: minAge, max: [18, 21, 99][Int(random.next() % 3)]),
                settings: [Setting.allCases[Int(random.next() % 4)]],
                transportation: [.provided, .transitAccessible, .notProvided][Int(random.next() % 3)],
                languages: languages, interpreterAvailable: random.next() % 4 == 0,
                cost: [Cost(kind: .free), Cost(kind: .slidingScale, insurance: [.medicaid, .chip, .uninsured]),
                       Cost(kind: .fee, insurance: [.private, .medicaid])][Int(random.next() % 3)],
                enrollment: Enrollment(status: status, waitlistWeeks: status == .waitlist ? Int(1 + random.next() % 12) : nil,
                                       intakeMethods: [.phone]),
                hours: days.map { OpeningHours(weekday: $0, opens: TimeOfDay(hour: opens)!, closes: TimeOfDay(hour: opens + 3)!) },
                taxonomyCodes: [term.code], provenance: provenance(id)))
            let sites = sitesByOrganization[organization]
            for site in sites.prefix(Int(1 + random.next() % UInt64(sites.count))) {
                snapshot.servicesAtLocation.append(ServiceAtLocation(
                    id: "\(source):a\(index)-\(snapshot.servicesAtLocation.count)", serviceID: "\(source):\(id)", locationID: site))
            }
        }
        return snapshot
    }
}
