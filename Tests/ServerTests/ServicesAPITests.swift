import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

@Suite("GET /api/v1/services")
struct ServicesAPITests {
    @Test(arguments: TestBackend.available)
    func filtersNarrowTheList(backend: TestBackend) async throws {
        try await withSeededClient(backend) { client async throws in
            let response = try await client.get("/api/v1/services?domain=health&language=es&limit=500")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let services = try items(response)
            #expect(!services.isEmpty)
            for service in services {
                #expect((service["domains"] as? [String])?.contains("health") == true)
                #expect((service["languages"] as? [String])?.contains("es") == true)
                #expect(service["organization_name"] is String)
            }

            let teens = try items(try await client.get("/api/v1/services?age=15&intensity=intensive&enrollment=open&limit=500"))
            #expect(!teens.isEmpty)
            for service in teens {
                let ages = try #require(service["ages"] as? [String: Int])
                #expect(ages["min"]! <= 15 && ages["max"]! >= 15)
                #expect(service["intensity"] as? String == "intensive")
                #expect((service["enrollment"] as? [String: Any])?["status"] as? String == "open")
            }

            let insured = try items(try await client.get("/api/v1/services?insurance=chip&setting=school_based&limit=500"))
            #expect(!insured.isEmpty, "the seed has school-based services that take CHIP or are free: an empty list would check nothing")
            for service in insured {
                let cost = try #require(service["cost"] as? [String: Any])
                #expect(cost["kind"] as? String == "free" || (cost["insurance"] as? [String])?.contains("chip") == true)
                #expect((service["settings"] as? [String])?.contains("school_based") == true)
            }
        }
    }

    @Test func nearReturnsDistancesWithinTheRadius() async throws {
        try await withSeededClient { client async throws in
            let services = try items(try await client.get("/api/v1/services?near=41.59,-93.62&radius_km=4&limit=500"))
            #expect(!services.isEmpty)
            for service in services {
                let distance = try #require(service["distance_km"] as? Double)
                #expect(distance <= 4.01)
            }
            let everything = try items(try await client.get("/api/v1/services?limit=500"))
            #expect(services.count < everything.count)
            #expect(everything.allSatisfy { $0["distance_km"] == nil })
        }
    }

    @Test func keywordSearchesNamesAndDescriptions() async throws {
        try await withSeededClient { client async throws in
            let services = try items(try await client.get("/api/v1/services?q=Counsel&limit=500"))
            #expect(!services.isEmpty)
            for service in services {
                let text = [service["name"], service["description"], service["organization_name"]]
                    .compactMap { $0 as? String }.joined(separator: " ").lowercased()
                #expect(text.contains("counsel"))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func paginationReachesTheEndWithoutRepeatsOrGaps(backend: TestBackend) async throws {
        try await withSeededClient(backend) { client async throws in
            let all = try items(try await client.get("/api/v1/services?limit=500")).compactMap { $0["id"] as? String }
            var seen: [String] = []
            var uri = "/api/v1/services?limit=23"
            var pages = 0
            while pages < 100 {
                let body = try json(try await client.get(uri))
                let page = try #require(body["items"] as? [[String: Any]])
                #expect(body["count"] as? Int == page.count)
                seen += page.compactMap { $0["id"] as? String }
                pages += 1
                guard let cursor = body["next_cursor"] as? String else {
                    #expect(body.keys.contains("next_cursor"))
                    break
                }
                uri = "/api/v1/services?limit=23&cursor=\(cursor)"
            }
            #expect(seen == all)
            #expect(Set(seen).count == seen.count)
            #expect(pages == (all.count + 22) / 23)
        }
    }

    @Test(arguments: [
        ("domain=astrology", "domain"), ("intensity=high", "intensity"), ("age=-1", "age"), ("age=abc", "age"),
        ("language=spanish", "language"), ("insurance=gold", "insurance"), ("setting=moon", "setting"),
        ("enrollment=maybe", "enrollment"), ("near=41.5", "near"), ("near=91,0", "near"),
        ("near=41.5,-93.6&radius_km=0", "radius_km"), ("radius_km=5", "radius_km"), ("limit=0", "limit"),
        ("limit=100000", "limit"), ("cursor=%%%", "cursor"), ("colour=red", "colour"), ("domain=", "domain"),
        ("domain=health&domain=family", "domain"),
    ])
    func badParametersAreProblems(query: String, parameter: String) async throws {
        try await withSeededClient { client async throws in
            let response = try await client.get("/api/v1/services?\(query)")
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try json(response)
            #expect(problem["code"] as? String == "invalid_parameter")
            #expect(problem["parameter"] as? String == parameter)
            #expect(problem["status"] as? Int == 400)
            #expect((problem["detail"] as? String)?.isEmpty == false)
            #expect(problem["type"] is String && problem["title"] is String)
        }
    }
}
