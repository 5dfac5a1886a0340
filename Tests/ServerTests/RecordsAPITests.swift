import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Server
import Storage
import Testing
import TestSupport

@Suite("Records, vocabularies and health")
struct RecordsAPITests {
    @Test func serviceAndOrganizationByID() async throws {
        try await withSeededClient { client async throws in
            let first = try #require(try items(try await client.get("/api/v1/services?limit=1")).first)
            let id = try #require(first["id"] as? String)
            let response = try await client.get("/api/v1/services/\(id)")
            #expect(response.status == .ok)
            let service = try json(response)
            #expect(service["id"] as? String == id)
            let locations = try #require(service["locations"] as? [[String: Any]])
            #expect(!locations.isEmpty)
            #expect(locations.allSatisfy { $0["coordinates"] is [String: Any] })

            let organizationID = try #require(service["organization_id"] as? String)
            let organization = try json(try await client.get("/api/v1/organizations/\(organizationID)"))
            #expect(organization["id"] as? String == organizationID)
            #expect(service["organization_name"] as? String == organization["name"] as? String)
            let services = try #require(organization["services"] as? [[String: Any]])
            #expect(services.contains { $0["id"] as? String == id })
            #expect(!(try #require(organization["locations"] as? [[String: Any]])).isEmpty)
            #expect((organization["provenance"] as? [String: Any])?["source"] as? String == "seed")
        }
    }

    @Test(arguments: ["/api/v1/services/svc-nope", "/api/v1/organizations/org-nope", "/api/v1/nothing-here"])
    func unknownIDsAreProblemNotFound(uri: String) async throws {
        try await withSeededClient { client async throws in
            let response = try await client.get(uri)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try json(response)
            #expect(problem["code"] as? String == "not_found")
            #expect(problem["status"] as? Int == 404)
        }
    }

    @Test func barriersAndSchools() async throws {
        try await withSeededClient { client async throws in
            let barriers = try items(try await client.get("/api/v1/barriers"))
            #expect(barriers.count >= 20)
            let anxiety = try #require(barriers.first { $0["id"] as? String == "anxiety" })
            #expect(anxiety["taxonomy_prefixes"] is [String])
            #expect(anxiety["domains"] is [String])
            let schools = try items(try await client.get("/api/v1/schools"))
            #expect(schools.count >= 15)
            #expect(schools.allSatisfy { ($0["coordinates"] as? [String: Double])?["lat"] != nil })
        }
    }

    @Test(arguments: TestBackend.available)
    func healthReportsTheStore(backend: TestBackend) async throws {
        try await withSeededClient(backend) { client async throws in
            let response = try await client.get("/health")
            #expect(response.status == .ok)
            let health = try json(response)
            #expect(health["status"] as? String == "ok")
            let database = try #require(health["database"] as? [String: Any])
            #expect(database["backend"] as? String == backend.rawValue)
            #expect(database["reachable"] as? Bool == true)
            #expect(((health["counts"] as? [String: Int])?["services"] ?? 0) >= 300)
        }
    }

    /// The bare route that `closeloop-bench match` loads with the match requests themselves: a POST with
    /// a body gets the same answer as GET, and the body it never reads does not disturb the next
    /// request on the same kept-alive connection.
    @Test func pingAnswersPostsWithABodyLikeGets() async throws {
        try await withSeededStore(.sqlite) { store async throws in
            try await testApplication(store).trackedTest(.live) { client async throws in
                let body = ByteBuffer(string: "{\"barriers\": [\"anxiety\"], \"tier\": 2, \"age\": 13}" + String(repeating: " ", count: 20_000))
                for _ in 0..<3 {
                    let posted = try await client.execute(uri: "/api/v1/ping", method: .post, body: body)
                    #expect(posted.status == .ok)
                    #expect(String(buffer: posted.body) == "pong")
                    let got = try await client.get("/api/v1/ping")
                    #expect(got.status == .ok)
                    #expect(String(buffer: got.body) == "pong")
                }
            }
        }
    }

    @Test func healthIs503WhenTheDatabaseIsUnreachable() async throws {
        // Nothing listens on port 1: every connection attempt is refused at once.
        // The application would not start without its database (migrations come first): the routes alone.
        let nowhere = DatabaseLocation.postgres(url: "postgres://nobody@127.0.0.1:1/none?sslmode=disable")
        try await Database.withOpen(nowhere, logger: TestBackend.logger) { database in
            let app = Application(router: buildRouter(store: DirectoryStore(database: database)))
            try await app.trackedTest(.router) { client async throws in
                let (response, took) = try await durationExcludingStarvation { try await client.get("/health") }
                #expect(response.status == .serviceUnavailable)
                // The ping gives up after 3 s even though the pool holds the query until its circuit
                // breaker opens, about 15 s later (it used to wait that long). Alone it takes 3.1 s; beside
                // 700 parallel tests on two cores, 6.0 and 9.3 s were seen even without the time the load
                // took from this process, so the bound is the one that matters: well before the breaker.
                #expect(took < .seconds(13), "a health check answers within its timeout, not the pool's")
                let health = try json(response)
                #expect(health["status"] as? String == "unavailable")
                #expect((health["database"] as? [String: Any])?["reachable"] as? Bool == false)
            }
        }
    }
}
