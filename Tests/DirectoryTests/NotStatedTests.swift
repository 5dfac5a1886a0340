import Foundation
import Testing
@testable import Directory

/// "Not stated is a value": every facet can be unknown, and an unknown survives JSON as `null` or
/// `[]` rather than turning into a default.
@Suite("Facets not stated")
struct NotStatedTests {
    static let provenance = Provenance(source: "feed", externalID: "x-1")

    static let unknownService = Service(
        id: "svc-unknown", organizationID: "org-1", name: "Drop-in program", domains: [], intensity: nil,
        provenance: provenance)

    static let unknownLocation = Location(id: "loc-unknown", organizationID: "org-1", name: "Site", provenance: provenance)

    func json<T: Encodable>(_ value: T) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any] ?? [:]
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    @Test func aServiceWithEveryFacetUnknownWritesNullsAndEmptyLists() throws {
        let object = try json(Self.unknownService)
        for key in ["intensity", "transportation", "interpreter_available"] {
            #expect(object.keys.contains(key), "\(key) missing")
            #expect(object[key] is NSNull, "\(key) should be null")
        }
        for key in ["domains", "settings", "languages"] {
            #expect(object[key] as? [Any] != nil && (object[key] as? [Any])?.isEmpty == true, "\(key) should be []")
        }
        let ages = try #require(object["ages"] as? [String: Any])
        #expect(ages["min"] is NSNull && ages["max"] is NSNull)
        #expect(ages.keys.sorted() == ["max", "min"])
        let cost = try #require(object["cost"] as? [String: Any])
        #expect(cost["kind"] is NSNull)
        #expect((cost["insurance"] as? [Any])?.isEmpty == true)
        let enrollment = try #require(object["enrollment"] as? [String: Any])
        #expect(enrollment.keys.contains("status") && enrollment["status"] is NSNull)
        let provenance = try #require(object["provenance"] as? [String: Any])
        #expect((provenance["inferred"] as? [Any])?.isEmpty == true)
        #expect(try JSONDecoder().decode(Service.self, from: try JSONEncoder().encode(Self.unknownService)) == Self.unknownService)
    }

    @Test func aLocationWithTransitUnknownWritesNull() throws {
        let object = try json(Self.unknownLocation)
        #expect(object.keys.contains("transit_accessible") && object["transit_accessible"] is NSNull)
        #expect(object.keys.contains("coordinates_precision") && object["coordinates_precision"] is NSNull)
        #expect(try JSONDecoder().decode(Location.self, from: try JSONEncoder().encode(Self.unknownLocation)) == Self.unknownLocation)

        var approximate = Self.unknownLocation
        approximate.coordinates = Coordinates(lat: 41.6, lon: -93.6)
        approximate.coordinatesPrecision = .postalCode
        approximate.transitAccessible = false
        let written = try json(approximate)
        #expect(written["coordinates_precision"] as? String == "postal_code")
        #expect(written["transit_accessible"] as? Bool == false)
        #expect(try JSONDecoder().decode(Location.self, from: try JSONEncoder().encode(approximate)) == approximate)
    }

    @Test func everyFacetStatedRoundTripsUnchanged() throws {
        var service = ModelRoundTripTests.service
        service.transportation = .notProvided
        service.interpreterAvailable = false
        service.provenance.inferred = [.ages, .cost]
        let object = try json(service)
        #expect(object["transportation"] as? String == "none")
        #expect(object["interpreter_available"] as? Bool == false)
        #expect((object["provenance"] as? [String: Any])?["inferred"] as? [String] == ["ages", "cost"])
        #expect(try JSONDecoder().decode(Service.self, from: try JSONEncoder().encode(service)) == service)
        #expect(try JSONDecoder().decode(Service.self, from: try JSONEncoder().encode(ModelRoundTripTests.service)) == ModelRoundTripTests.service)
    }

    @Test func missingKeysAndNullsBothReadAsNotStated() throws {
        let base = #""id":"s","organization_id":"o","name":"n","description":"","hours":[],"service_area":{"postal_codes":[]},"taxonomy_codes":[],"phones":[],"provenance":{"source":"f","external_id":"s"},"active":true"#
        let missing = try decode(Service.self, "{\(base)}")
        let nulls = try decode(Service.self, """
            {\(base),"domains":null,"intensity":null,"ages":{"min":null,"max":null},"settings":null,"transportation":null,
             "languages":null,"interpreter_available":null,"cost":{"kind":null,"insurance":null},"enrollment":{"status":null}}
            """)
        for service in [missing, nulls] {
            #expect(service.domains.isEmpty && service.settings.isEmpty && service.languages.isEmpty)
            #expect(service.intensity == nil && service.transportation == nil && service.interpreterAvailable == nil)
            #expect(service.ages == AgeRange() && !service.ages.isStated)
            #expect(service.cost == Cost() && service.enrollment.status == nil)
            #expect(service.provenance.inferred.isEmpty)
        }
        #expect(missing == nulls)
        let location = try decode(Location.self, #"{"id":"l","organization_id":"o","name":"n","provenance":{"source":"f","external_id":"l"},"active":true}"#)
        #expect(location.transitAccessible == nil && location.coordinatesPrecision == nil)
    }

    @Test func ageRangesWithAnOpenEnd() {
        let adults = AgeRange(min: 19)
        #expect(adults.isStated && !adults.contains(12) && adults.contains(19) && adults.contains(80))
        let young = AgeRange(max: 5)
        #expect(young.contains(0) && !young.contains(6))
        #expect(AgeRange().contains(12) && !AgeRange().isStated)
    }

    @Test(arguments: [
        (Cost(), Insurance.medicaid, nil as Bool?),
        (Cost(kind: .free), .medicaid, true),
        (Cost(kind: .fee), .medicaid, nil),
        (Cost(kind: .fee), .uninsured, nil),
        (Cost(kind: .slidingScale), .uninsured, true),
        (Cost(kind: .slidingScale), .private, nil),
        (Cost(kind: .fee, insurance: [.private]), .medicaid, false),
        (Cost(kind: .fee, insurance: [.private]), .uninsured, false),
        (Cost(kind: nil, insurance: [.medicaid]), .medicaid, true),
        (Cost(kind: nil, insurance: [.medicaid]), .chip, nil),
    ])
    func costAcceptsOnlyWhatIsStated(cost: Cost, coverage: Insurance, accepted: Bool?) {
        #expect(cost.accepts(coverage) == accepted)
    }

    @Test func theSeedStatesItsFactsAndLoadsUnchanged() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seed/directory.json")
        let data = try Data(contentsOf: url)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let snapshot = try decoder.decode(DirectorySnapshot.self, from: data)
        let raw = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rawServices = try #require(raw["services"] as? [[String: Any]])
        #expect(snapshot.services.count == rawServices.count)
        for (service, json) in zip(snapshot.services, rawServices) {
            #expect(service.intensity?.rawValue == json["intensity"] as? String)
            #expect(service.transportation?.rawValue == json["transportation"] as? String)
            #expect(service.interpreterAvailable == json["interpreter_available"] as? Bool)
            let ages = json["ages"] as? [String: Any]
            #expect(service.ages == AgeRange(min: ages?["min"] as? Int, max: ages?["max"] as? Int))
            #expect(service.ages.isStated)
            #expect(service.cost.kind?.rawValue == (json["cost"] as? [String: Any])?["kind"] as? String)
            #expect(service.cost.kind != nil && service.intensity != nil && service.transportation != nil)
            #expect(service.enrollment.status?.rawValue == (json["enrollment"] as? [String: Any])?["status"] as? String)
            #expect(service.languages.map(\.rawValue) == json["languages"] as? [String])
        }
        let rawLocations = try #require(raw["locations"] as? [[String: Any]])
        for (location, json) in zip(snapshot.locations, rawLocations) {
            #expect(location.transitAccessible == json["transit_accessible"] as? Bool)
            #expect(location.transitAccessible != nil)
        }
    }
}
