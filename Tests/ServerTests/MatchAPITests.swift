import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

@Suite("POST /api/v1/match")
struct MatchAPITests {
    static func post(_ client: some TestClientProtocol, _ body: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/match", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: body)) { $0 }
    }

    @Test func matchesRankWithReasonsAndNames() async throws {
        try await withSeededClient { client async throws in
            let response = try await Self.post(client, """
                {"barriers": ["anxiety", "food_insecurity"], "tier": 2, "age": 13, "languages": ["es"],
                 "insurance": "medicaid", "home": {"lat": 41.59, "lon": -93.62}, "transportation": "none",
                 "times": ["after_school"], "settings": ["school_based"]}
                """)
            #expect(response.status == .ok)
            let body = try json(response)
            let results = try #require(body["results"] as? [[String: Any]])
            #expect(results.map { $0["barrier"] as? String } == ["anxiety", "food_insecurity"])
            let anxiety = try #require(results[0]["services"] as? [[String: Any]])
            #expect(!anxiety.isEmpty)
            let scores = anxiety.compactMap { $0["score"] as? Double }
            #expect(scores == scores.sorted(by: >))
            for service in anxiety {
                #expect(service["service_id"] is String)
                #expect((service["organization_name"] as? String)?.isEmpty == false)
                #expect((service["reasons"] as? [String])?.isEmpty == false)
                // Hard filters held: the age is served and the enrollment is not closed.
                let id = try #require(service["service_id"] as? String)
                let detail = try json(try await client.get("/api/v1/services/\(id)"))
                let ages = try #require(detail["ages"] as? [String: Int])
                #expect(ages["min"]! <= 13 && ages["max"]! >= 13)
                #expect((detail["enrollment"] as? [String: Any])?["status"] as? String != "closed")
            }
            #expect(body["gaps"] is [[String: Any]])
        }
    }

    @Test(arguments: [
        (#"{"barriers": ["astrology"], "tier": 2}"#, "barriers"),
        (#"{"barriers": ["anxiety"], "tier": 7}"#, "tier"),
        (#"{"barriers": ["anxiety"], "tier": 2, "insurance": "gold"}"#, "insurance"),
        (#"{"barriers": ["anxiety"], "tier": 2, "languages": ["spanish"]}"#, "languages.0"),
        (#"{"tier": 2}"#, "barriers"),
        (#"{"barriers": ["anxiety"], "tier": 2, "age": 80}"#, "age"),
        ("not json", "body"),
    ])
    func badProfilesAreProblems(body: String, field: String) async throws {
        try await withSeededClient { client async throws in
            let response = try await Self.post(client, body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try json(response)
            #expect(problem["code"] as? String == "invalid_parameter")
            #expect(problem["parameter"] as? String == field)
        }
    }
}
