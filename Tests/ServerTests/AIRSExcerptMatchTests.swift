import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

/// End to end: the real BC 211 AIRS excerpt imported into an empty store by `closeloop import`, then
/// `POST /api/v1/match` from a home at one of its sites. The services there come back, and their
/// reasons state only what the feed states: no "free", no "open now", no interpreter, no rides unless
/// the record says so, and its verification date instead of "never verified".
@Suite("AIRS excerpt: import, then match near one of its sites")
struct AIRSExcerptMatchTests {
    /// The Maple Ridge office's coordinates, as the file gives them (`<SpatialLocation>` of Site 9491307).
    static let home = Coordinates(lat: 49.21981, lon: -122.600277)

    static let excerpt: URL? = TestFiles.sharedFeeds?.appendingPathComponent("bc211-airs-excerpt/BC211_data_excerpt.xml")

    static var executable: URL { TestFiles.closeloop }

    /// Runs `closeloop import` on the excerpt into the store's database; its exit status and output.
    /// An import still running after `limit` is stopped and reported, so a stuck child (a worker run
    /// once sat at 0% CPU for 15 minutes) fails this test instead of hanging the suite.
    static func importExcerpt(_ excerpt: URL, into store: DirectoryStore, limit: Duration = .seconds(240)) async throws
        -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("excerpt-import-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["import", excerpt.path, "--source", "bc211", "--db", store.database.location.connectionString]
        process.standardOutput = output
        process.standardError = output
        let child = try ChildProcess(starting: process)
        let ended = await child.exit(within: limit)
        if ended == nil { await child.kill() }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard let ended else { return (-1, "still running after \(limit); stopped. Output:\n\(text)") }
        return (ended.status, text)
    }

    @Test(arguments: TestBackend.available)
    func servicesNearTheSiteComeBackWithReasonsTheFeedStates(backend: TestBackend) async throws {
        let excerpt = try #require(Self.excerpt, "shared/feeds is not beside the repository")
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the closeloop product first")
        try await withFreshStore(backend) { store async throws in
            let run = try await Self.importExcerpt(excerpt, into: store)
            #expect(run.status == 0, "\(run.output)")
            #expect(try await store.counts().services == 39)

            let app = try await testApplication(store)
            try await app.trackedTest(.router) { client async throws in
                let response = try await MatchAPITests.post(client, """
                    {"barriers": ["anxiety"], "tier": 2, "age": 12, "insurance": "medicaid", "languages": ["fr"],
                     "home": {"lat": \(Self.home.lat), "lon": \(Self.home.lon)}, "transportation": "transit"}
                    """)
                #expect(response.status == .ok)
                let results = try #require(try json(response)["results"] as? [[String: Any]])
                let services = try #require(results.first?["services"] as? [[String: Any]])
                let ids = services.compactMap { $0["service_id"] as? String }
                // Both counselling services at the Maple Ridge office (RP-1400 codes) are found.
                #expect(ids.contains("bc211:9491307"), "\(ids)")
                #expect(ids.contains("bc211:9493842"), "\(ids)")

                for service in services {
                    let id = try #require(service["service_id"] as? String)
                    let reasons = try #require(service["reasons"] as? [String])
                    let detail = try json(try await client.get("/api/v1/services/\(id)"))
                    let cost = detail["cost"] as? [String: Any]
                    let enrollment = detail["enrollment"] as? [String: Any]
                    if reasons.contains("free") { #expect(cost?["kind"] as? String == "free", "\(id): \(reasons)") }
                    if reasons.contains("sliding-scale fees") { #expect(cost?["kind"] as? String == "sliding_scale", "\(id)") }
                    if reasons.contains(where: { $0.hasPrefix("open now") }) {
                        #expect(enrollment?["status"] as? String == "open", "\(id): \(reasons)")
                    }
                    if reasons.contains("interpreter available") { #expect(detail["interpreter_available"] as? Bool == true, "\(id)") }
                    if reasons.contains("partner provides rides") { #expect(detail["transportation"] as? String == "provided", "\(id)") }
                    if reasons.contains("accepts Medicaid") {
                        #expect((cost?["insurance"] as? [String])?.contains("medicaid") == true, "\(id)")
                    }
                    // Every record of the excerpt carries DateLastVerified (2014–2016).
                    #expect(!reasons.contains("never verified by the partner"), "\(id): \(reasons)")
                    #expect(reasons.contains("verified over a year ago"), "\(id): \(reasons)")
                }

                let feeForService = try #require(services.first { $0["service_id"] as? String == "bc211:9491307" })
                let reasons = try #require(feeForService["reasons"] as? [String])
                // "Fees are charged; sliding scale, $45 to $100 per session": never free, and Medicaid is to be asked.
                #expect(!reasons.contains("free"), "\(reasons)")
                #expect(reasons.contains("sliding-scale fees, insurance not listed — ask whether they take Medicaid"), "\(reasons)")
                #expect(reasons.contains("ages not listed — ask whether they serve age 12"), "\(reasons)")
                #expect(reasons.contains("languages not listed — ask whether they speak French"), "\(reasons)")

                // What the record leaves out reads as not stated in the API.
                let detail = try json(try await client.get("/api/v1/services/bc211:9491307"))
                let ages = try #require(detail["ages"] as? [String: Any])
                #expect(ages["min"] is NSNull && ages["max"] is NSNull)
                #expect((detail["languages"] as? [Any])?.isEmpty == true)
                #expect(detail["interpreter_available"] is NSNull)
                #expect((detail["enrollment"] as? [String: Any])?["status"] is NSNull)
                let provenance = try #require(detail["provenance"] as? [String: Any])
                #expect(provenance["last_verified_at"] as? String == "2014-04-01T00:00:00Z")
                #expect((provenance["inferred"] as? [String])?.contains("cost") == true)
                let location = try #require((detail["locations"] as? [[String: Any]])?.first)
                #expect(location["transit_accessible"] is NSNull)
            }
        }
    }
}
