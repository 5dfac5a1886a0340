@testable import closeloop
import BenchSupport
import Directory
import Foundation
import Matching
import Server
import Storage
import Testing
import TestSupport

/// `closeloop serve`, the real executable, with its request handlers on Swift's concurrency pool
/// (the default) and on the event loops: the same answers either way, including under concurrent
/// requests and for a profile the API refuses.
@Suite("closeloop serve", .serialized)
struct ServeCommandTests {
    static let profile = #"{"barriers":["anxiety","transportation"],"tier":2,"age":13,"languages":["es"],"insurance":"medicaid","home":{"lat":41.59,"lon":-93.62},"transportation":"none"}"#

    /// The framework's way unless asked otherwise; the event loops take the flag.
    @Test func handlersRunOnTheConcurrencyPoolByDefault() throws {
        #expect(try Serve.parse([]).handlers == .concurrencyPool)
        #expect(try Serve.parse(["--handlers", "event-loops"]).handlers == .eventLoops)
    }

    @Test(arguments: TestBackend.available, HandlerThreads.allCases)
    func answersOnEitherHandlerThreads(backend: TestBackend, handlers: HandlerThreads) async throws {
        let binary = KilledImportTests.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the closeloop product first: \(binary.path)")
        try await withSeededStore(backend) { store async throws in
            let index = MatchIndex(snapshot: try await store.snapshot(), barriers: try await store.barriers())
            let profile = try JSONDecoder().decode(NeedsProfile.self, from: Data(Self.profile.utf8))
            // Every eligible service: the server's `now` is a little later, which must not matter at its cut.
            let eligible = Matcher.match(profile, in: index, now: Date(), limitPerBarrier: 1_000)

            let log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
            defer { try? FileManager.default.removeItem(at: log) }
            let server = try await BenchServer(
                executable: binary.path, databasePath: store.database.location.connectionString, log: log.path,
                serveArguments: ["--handlers", handlers.rawValue])
            defer { server.stop() }

            #expect(try await server.request("GET", "/health").status == 200)
            // Concurrent requests, so both loops (or the pool's threads) handle some.
            let baseURL = server.baseURL
            let answers = try await withThrowingTaskGroup(of: (status: Int, body: String).self) { group in
                for _ in 0..<24 {
                    group.addTask { try await BenchServer.request(baseURL: baseURL, "POST", "/api/v1/match", body: Self.profile) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == 200 })
            let decoded = try answers.map { try JSONDecoder().decode(MatchResult.self, from: Data($0.body.utf8)) }
            // Scores move a little with the clock between requests; the suggestions do not.
            let suggestions = Set(decoded.map { $0.results.map { $0.services.map(\.serviceID) } })
            #expect(suggestions.count == 1, "the same profile got different suggestions")
            let served = try #require(decoded.first)
            #expect(served.results.map(\.barrier) == ["anxiety", "transportation"])
            for (servedBarrier, all) in zip(served.results, eligible.results) {
                #expect(!servedBarrier.services.isEmpty)
                #expect(servedBarrier.services.count == min(10, all.services.count))
                let allowed = Set(all.services.map(\.serviceID))
                #expect(servedBarrier.services.allSatisfy { allowed.contains($0.serviceID) })
            }

            let refused = try await server.request("POST", "/api/v1/match", body: #"{"barriers":["astrology"],"tier":2}"#)
            #expect(refused.status == 400)
            #expect(refused.body.contains("astrology"))
            // The hook was there: no warning that handlers stayed on the pool.
            #expect(!(try String(contentsOf: log, encoding: .utf8)).contains("cannot run Swift concurrency"))
        }
    }
}
