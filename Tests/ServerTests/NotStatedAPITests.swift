import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

/// A service whose feed states nothing but its name and a taxonomy code: the API shows every facet as
/// not stated, and a match says what to ask rather than repeating a default.
@Suite("Facets not stated, through the API")
struct NotStatedAPITests {
    static let home = Coordinates(lat: 41.59, lon: -93.62)

    static var feed: DirectorySnapshot {
        let provenance = { (id: String) in Provenance(source: "county-feed", externalID: id) }
        return DirectorySnapshot(
            organizations: [Organization(id: "county-feed:org", name: "Quiet Agency", provenance: provenance("org"))],
            locations: [Location(
                id: "county-feed:site", organizationID: "county-feed:org", name: "Office",
                // About 4 km north of home: beyond walking, within transit distance.
                coordinates: Coordinates(lat: home.lat + 4 / 111.19492664455873, lon: home.lon), coordinatesPrecision: .stated,
                provenance: provenance("site"))],
            services: [
                Service(
                    id: "county-feed:blank", organizationID: "county-feed:org", name: "Quiet counseling", domains: [], intensity: nil,
                    taxonomyCodes: ["RP-1400.8000-050"], provenance: provenance("blank")),
                // Its twin states every fact the filters below ask for.
                Service(
                    id: "county-feed:stated", organizationID: "county-feed:org", name: "Quiet groups", domains: [.health],
                    intensity: .prevention, ages: AgeRange(min: 5, max: 18), settings: [.community], languages: [.english],
                    cost: Cost(kind: .free), enrollment: Enrollment(status: .open), provenance: provenance("stated")),
            ],
            servicesAtLocation: [ServiceAtLocation(id: "county-feed:link", serviceID: "county-feed:blank", locationID: "county-feed:site")])
    }

    /// A store holding the seed's barriers and this feed alone, so the feed's services are all a match can find.
    static func withClient(_ backend: TestBackend, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await withFreshStore(backend) { store async throws in
            try await store.saveBarriers(try loadSeed().barriers)
            try await store.save(Self.feed)
            let app = try await testApplication(store)
            try await app.trackedTest(.router, body)
        }
    }

    @Test(arguments: TestBackend.available)
    func aServiceStatingNothingShowsNullsAndEmptyLists(backend: TestBackend) async throws {
        try await Self.withClient(backend) { client async throws in
            let response = try await client.get("/api/v1/services/county-feed:blank")
            #expect(response.status == .ok)
            let service = try json(response)
            for key in ["intensity", "transportation", "interpreter_available"] {
                #expect(service.keys.contains(key) && service[key] is NSNull, "\(key): \(service[key] ?? "absent")")
            }
            for key in ["domains", "settings", "languages"] {
                #expect((service[key] as? [Any])?.isEmpty == true, "\(key)")
            }
            let ages = try #require(service["ages"] as? [String: Any])
            #expect(ages["min"] is NSNull && ages["max"] is NSNull)
            let cost = try #require(service["cost"] as? [String: Any])
            #expect(cost["kind"] is NSNull && (cost["insurance"] as? [Any])?.isEmpty == true)
            let enrollment = try #require(service["enrollment"] as? [String: Any])
            #expect(enrollment.keys.contains("status") && enrollment["status"] is NSNull)
            #expect(((service["provenance"] as? [String: Any])?["inferred"] as? [Any])?.isEmpty == true)
            let location = try #require((service["locations"] as? [[String: Any]])?.first)
            #expect(location.keys.contains("transit_accessible") && location["transit_accessible"] is NSNull)
            #expect(location["coordinates_precision"] as? String == "stated")

            let organization = try json(try await client.get("/api/v1/organizations/county-feed:org"))
            let listed = try #require((organization["services"] as? [[String: Any]])?.first)
            #expect(listed["intensity"] is NSNull && listed["transportation"] is NSNull)
        }
    }

    @Test(arguments: TestBackend.available)
    func filtersDoNotMatchWhatIsNotStated(backend: TestBackend) async throws {
        try await Self.withClient(backend) { client async throws in
            for filter in ["insurance=medicaid", "language=en", "age=12", "enrollment=open", "intensity=prevention",
                           "setting=community", "domain=health"] {
                let ids = try items(try await client.get("/api/v1/services?\(filter)&limit=500")).compactMap { $0["id"] as? String }
                #expect(ids == ["county-feed:stated"], "\(filter)")
            }
            let all = try items(try await client.get("/api/v1/services?limit=500")).compactMap { $0["id"] as? String }
            #expect(all == ["county-feed:blank", "county-feed:stated"])
        }
    }

    @Test(arguments: TestBackend.available)
    func matchReasonsSayWhatToAsk(backend: TestBackend) async throws {
        try await Self.withClient(backend) { client async throws in
            let response = try await MatchAPITests.post(client, """
                {"barriers": ["anxiety"], "tier": 2, "age": 12, "languages": ["es"], "insurance": "medicaid",
                 "home": {"lat": \(Self.home.lat), "lon": \(Self.home.lon)}, "transportation": "transit"}
                """)
            #expect(response.status == .ok)
            let results = try #require(try json(response)["results"] as? [[String: Any]])
            let services = try #require(results.first?["services"] as? [[String: Any]])
            let blank = try #require(services.first { $0["service_id"] as? String == "county-feed:blank" })
            #expect(blank["reasons"] as? [String] == [
                "ages not listed — ask whether they serve age 12",
                "languages not listed — ask whether they speak Spanish",
                "cost not listed — ask whether they take Medicaid",
                "4.0 km away, bus access not listed",
                "enrollment not listed — ask whether they have room",
                "level of need not listed — ask whether it suits Tier 2",
                "never verified by the partner",
            ])
            #expect(blank["wait_weeks"] is NSNull || blank["wait_weeks"] == nil)
            for service in services {
                let reasons = try #require(service["reasons"] as? [String])
                let id = try #require(service["service_id"] as? String)
                let detail = try json(try await client.get("/api/v1/services/\(id)"))
                // A reason states a fact only when the service states it.
                if reasons.contains("free") { #expect((detail["cost"] as? [String: Any])?["kind"] as? String == "free") }
                if reasons.contains(where: { $0.hasPrefix("open now") }) {
                    #expect((detail["enrollment"] as? [String: Any])?["status"] as? String == "open")
                }
            }
        }
    }
}
