import Directory
import Foundation
import Matching
import Storage
import Testing
import TestSupport

/// `closeloop match`, the real executable on a seeded store: it must suggest what the matcher (and
/// so the API) suggests for the same profile, and refuse a bad profile in one line.
@Suite("closeloop match")
struct MatchCommandTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static func closeloop(_ arguments: [String]) async throws -> Run {
        let run = try await ChildProcess.run(KilledImportTests.executable, arguments)
        return Run(status: run.status, output: run.output, errors: run.errors)
    }

    static let profileArguments = [
        "--barrier", "anxiety", "--tier", "2", "--age", "13", "--language", "es", "--insurance", "medicaid",
        "--near", "41.59,-93.62", "--transportation", "none",
    ]
    static let profile = NeedsProfile(
        barriers: ["anxiety"], tier: 2, age: 13, languages: [.spanish], insurance: .medicaid,
        home: Coordinates(lat: 41.59, lon: -93.62), transportation: .none)

    @Test(arguments: TestBackend.available)
    func printsTheServicesTheMatcherSuggests(backend: TestBackend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withSeededStore(backend) { store async throws in
            let index = MatchIndex(snapshot: try await store.snapshot(), barriers: try await store.barriers())
            // Every eligible service, so the comparison does not hang on the clock moving scores near the cut.
            let expected = Matcher.match(Self.profile, in: index, now: Date(), limitPerBarrier: 1_000)
            let services = try #require(expected.results.first?.services)
            #expect(!services.isEmpty, "the seed should have anxiety services for this family")
            let organizations = try await store.organizationNames(services.map(\.organizationID))
            let database = store.database.location.connectionString

            let table = try await Self.closeloop(["match"] + Self.profileArguments + ["--limit", "1000", "--db", database])
            #expect(table.status == 0, "\(table.errors)")
            for service in services {
                #expect(table.output.contains(service.name), "missing \(service.name)")
                #expect(table.output.contains(organizations[service.organizationID] ?? "?"))
            }
            #expect(table.output.contains("speaks Spanish"))

            let json = try await Self.closeloop(["match"] + Self.profileArguments + ["--limit", "1000", "--json", "--db", database])
            #expect(json.status == 0, "\(json.errors)")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            let results = try #require(body["results"] as? [[String: Any]])
            let listed = try #require(results.first?["services"] as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["service_id"] as? String }) == Set(services.map(\.serviceID)))
            #expect(listed.allSatisfy { ($0["organization_name"] as? String)?.isEmpty == false })
        }
    }

    /// A service that states nothing prints "not listed" for its wait and says what to ask.
    @Test func unknownsPrintAsNotListed() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withFreshStore(.sqlite) { store async throws in
            try await store.saveBarriers(try loadSeed().barriers)
            let provenance = Provenance(source: "county", externalID: "quiet")
            try await store.save(DirectorySnapshot(
                organizations: [Organization(id: "county:org", name: "Quiet Agency", provenance: provenance)],
                services: [Service(id: "county:quiet", organizationID: "county:org", name: "Quiet counseling", domains: [],
                                   intensity: nil, taxonomyCodes: ["RP-1400.8000-050"], provenance: provenance)]))
            let run = try await Self.closeloop(["match"] + Self.profileArguments + ["--db", store.database.location.connectionString])
            #expect(run.status == 0, "\(run.errors)")
            let row = try #require(run.output.split(separator: "\n").first { $0.contains("Quiet counseling") })
            #expect(row.hasSuffix("not listed"), "\(row)")
            let flat = run.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("cost not listed — ask whether they take Medicaid"))
            #expect(flat.contains("enrollment not listed — ask whether they have room"))
        }
    }

    @Test func anUnknownBarrierIsOneLineAndAFailure() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withSeededStore(.sqlite) { store async throws in
            let run = try await Self.closeloop(["match", "--barrier", "astrology", "--tier", "2", "--db", store.database.location.connectionString])
            #expect(run.status != 0)
            #expect(run.output.isEmpty)
            let lines = run.errors.split(separator: "\n")
            #expect(lines.count == 1, "\(run.errors)")
            #expect(run.errors.contains("astrology"))
        }
    }
}
