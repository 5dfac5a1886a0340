import Foundation
import Testing
@testable import Directory

@Suite("Directory model")
struct ModelRoundTripTests {
    static let provenance = Provenance(
        source: "test-feed", externalID: "ext-1", importedAt: Date(timeIntervalSince1970: 1_790_000_000),
        lastVerifiedAt: Date(timeIntervalSince1970: 1_795_000_000))

    static let service = Service(
        id: "svc-1", organizationID: "org-1", name: "Teen Counseling", description: "Short-term counseling.",
        url: "https://example.org", email: "intake@example.org", domains: [.socialEmotional, .health],
        intensity: .earlyIntervention, ages: AgeRange(min: 12, max: 18), settings: [.schoolBased, .virtual],
        transportation: .transitAccessible, languages: [.english, .spanish], interpreterAvailable: true,
        cost: Cost(kind: .slidingScale, insurance: [.medicaid, .chip]),
        enrollment: Enrollment(status: .waitlist, waitlistWeeks: 3, capacity: 2, intakeMethods: [.phone, .schoolReferral]),
        hours: [OpeningHours(weekday: .tuesday, opens: TimeOfDay(hour: 15)!, closes: TimeOfDay(hour: 19, minute: 30)!)],
        serviceArea: ServiceArea(postalCodes: ["50309"], radiusKm: 12.5), taxonomyCodes: ["RP-1400.8000"],
        phones: [Phone(number: "+1-515-555-0100", kind: .voice, language: .spanish)], provenance: provenance)

    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> (T, [String: Any]) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (try decoder.decode(T.self, from: data), object)
    }

    @Test func serviceRoundTripsThroughSnakeCaseJSON() throws {
        let (decoded, json) = try roundTrip(Self.service)
        #expect(decoded == Self.service)
        #expect(json["organization_id"] as? String == "org-1")
        #expect(json["interpreter_available"] as? Bool == true)
        #expect((json["enrollment"] as? [String: Any])?["waitlist_weeks"] as? Int == 3)
        #expect((json["service_area"] as? [String: Any])?["postal_codes"] as? [String] == ["50309"])
        #expect(json["domains"] as? [String] == ["social_emotional", "health"])
        let hours = json["hours"] as? [[String: Any]]
        #expect(hours?.first?["closes"] as? String == "19:30")
    }

    @Test func organizationLocationAndLinkRoundTrip() throws {
        let organization = Organization(
            id: "org-1", name: "Cedar Valley Family Services", description: "Family support.",
            phones: [Phone(number: "+1-515-555-0101")], provenance: Self.provenance, active: false)
        #expect(try roundTrip(organization).0 == organization)
        let location = Location(
            id: "loc-1", organizationID: "org-1", name: "Main office",
            address: Address(address1: "12 Elm St", city: "Cedar Valley", region: "IA", postalCode: "50309"),
            coordinates: Coordinates(lat: 41.59, lon: -93.62), transitAccessible: true, provenance: Self.provenance)
        let (decodedLocation, json) = try roundTrip(location)
        #expect(decodedLocation == location)
        #expect((json["address"] as? [String: Any])?["address_1"] as? String == "12 Elm St")
        let link = ServiceAtLocation(id: "sal-1", serviceID: "svc-1", locationID: "loc-1")
        #expect(try roundTrip(link).0 == link)
    }

    @Test func barrierAndSchoolRoundTrip() throws {
        let barrier = Barrier(
            id: "food_insecurity", label: "Food insecurity", domains: [.health, .family],
            intensities: [.prevention, .earlyIntervention], taxonomyPrefixes: ["BD-1800", "BD-5000"])
        #expect(try roundTrip(barrier).0 == barrier)
        let school = School(
            id: "sch-1", name: "Lincoln Elementary", level: .elementary, gradeMin: 0, gradeMax: 5,
            address: Address(address1: "1 School Rd", city: "Cedar Valley", region: "IA", postalCode: "50310"),
            coordinates: Coordinates(lat: 41.6, lon: -93.6))
        #expect(try roundTrip(school).0 == school)
    }

    @Test func unknownVocabularyIsRejected() {
        let json = #"{"id":"x","label":"X","description":"","domains":["astrology"],"intensities":[],"taxonomy_prefixes":[]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Barrier.self, from: Data(json.utf8)) }
    }
}

@Suite("Facet helpers")
struct FacetTests {
    @Test(arguments: [("es", "es"), ("ES", "es"), ("Vi", "vi")])
    func languageCodesNormalise(input: String, expected: String) {
        #expect(LanguageCode(rawValue: input)?.rawValue == expected)
    }

    @Test(arguments: ["", "e", "spa", "e1", "é"])
    func malformedLanguageCodesAreRejected(input: String) {
        #expect(LanguageCode(rawValue: input) == nil)
    }

    @Test func timesParseAndPrint() {
        #expect(TimeOfDay("09:05")?.description == "09:05")
        #expect(TimeOfDay("24:00")?.minutes == 1440)
        #expect(TimeOfDay("24:30") == nil)
        #expect(TimeOfDay("7pm") == nil)
        #expect(TimeOfDay("17:00:00")?.description == "17:00")
    }

    @Test func timeWindowsFollowOpeningHours() {
        let afterSchool = [OpeningHours(weekday: .monday, opens: TimeOfDay(hour: 15)!, closes: TimeOfDay(hour: 18)!)]
        #expect(afterSchool.timeWindows == [.afterSchool])
        let clinic = [OpeningHours(weekday: .friday, opens: TimeOfDay(hour: 8)!, closes: TimeOfDay(hour: 20)!)]
        #expect(clinic.timeWindows == [.schoolDay, .afterSchool, .evening])
        let saturday = [OpeningHours(weekday: .saturday, opens: TimeOfDay(hour: 10)!, closes: TimeOfDay(hour: 14)!)]
        #expect(saturday.timeWindows == [.weekend])
    }

    @Test func taxonomyMatchesWholeSegments() {
        #expect(Taxonomy.code("BD-1800.2000", isUnder: "BD-1800"))
        #expect(Taxonomy.code("BD-1800", isUnder: "BD-1800"))
        #expect(Taxonomy.code("BD-1800.2000-250", isUnder: "BD"))
        #expect(Taxonomy.code("BD-1800", isUnder: "B"))
        #expect(!Taxonomy.code("BD-18000", isUnder: "BD-1800"))
        #expect(!Taxonomy.code("BH-1800", isUnder: "BD"))
        #expect(Taxonomy.code("bd-1800.2000", isUnder: "BD-1800"))
    }

    @Test func costAcceptsCoverage() {
        #expect(Cost(kind: .free).accepts(.uninsured) == true)
        #expect(Cost(kind: .fee, insurance: [.private]).accepts(.private) == true)
        #expect(Cost(kind: .fee, insurance: [.private]).accepts(.medicaid) == false)
    }

    @Test func haversineDistance() {
        // Two points 0.448° of latitude apart: about 49.8 km.
        let distance = Coordinates(lat: 41.5868, lon: -93.6250).distanceKm(to: Coordinates(lat: 42.0347, lon: -93.6200))
        #expect(abs(distance - 49.8) < 1.0)
        #expect(Coordinates(lat: 1, lon: 1).distanceKm(to: Coordinates(lat: 1, lon: 1)) == 0)
    }
}
