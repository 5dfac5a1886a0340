import Directory
import Foundation
import Storage
import Testing
import TestSupport

/// `closeloop export --format hsds-csv` and `closeloop import` of what it wrote, the real executable
/// on SQLite files (the store's part runs on both engines in HSDSRoundTripTests): the BC 211 excerpt
/// comes back with the same records and its taxonomy terms.
@Suite("closeloop export --format hsds-csv")
struct HSDSExportCommandTests {
    static func open<R>(_ path: String, _ body: (DirectoryStore) async throws -> R) async throws -> R {
        try await Database.withOpen(try DatabaseLocation(parsing: path), logger: TestBackend.logger) { database in
            try await body(DirectoryStore(database: database))
        }
    }

    @Test(.enabled(if: TestFiles.sharedFeeds != nil, "shared/feeds is not beside the repository"))
    func exportThenImportWithTheExecutable() async throws {
        try ImportCommandTests.requireExecutable()
        let folder = try ImportCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let excerpt = try #require(TestFiles.sharedFeeds).appendingPathComponent("bc211-airs-excerpt/BC211_data_excerpt.xml").path
        let first = folder.appendingPathComponent("first.sqlite").path, second = folder.appendingPathComponent("second.sqlite").path
        let export = folder.appendingPathComponent("hsds").path

        let imported = try await ImportCommandTests.closeloop(["import", excerpt, "--db", first])
        #expect(imported.status == 0, "\(imported.errors)")
        let exported = try await ImportCommandTests.closeloop(["export", "--format", "hsds-csv", export, "--db", first])
        #expect(exported.status == 0, "\(exported.errors)")
        #expect(exported.output.contains("15 organizations, 39 locations, 39 services"), "\(exported.output)")
        #expect(FileManager.default.fileExists(atPath: export + "/service_at_location.csv"))
        #expect(!FileManager.default.fileExists(atPath: export + "/service_at_locations.csv"))
        let reimported = try await ImportCommandTests.closeloop(["import", export, "--db", second, "--source", "bc211"])
        #expect(reimported.status == 0, "\(reimported.errors)")

        let before = try await Self.open(first) { store in (try await store.snapshot(), try await store.taxonomyTerms()) }
        let after = try await Self.open(second) { store in (try await store.snapshot(), try await store.taxonomyTerms()) }
        let (want, got) = (HSDSRoundTripTests.normalized(before.0), HSDSRoundTripTests.normalized(after.0))
        #expect(got.organizations == want.organizations)
        #expect(got.locations == want.locations)
        #expect(got.services == want.services)
        #expect(got.servicesAtLocation == want.servicesAtLocation)
        // Every code a service carries is a term on both sides; the excerpt names none.
        #expect(Set(after.1.map { $0.code.uppercased() }) == Set(before.1.map { $0.code.uppercased() }))
        #expect(after.1.allSatisfy { $0.name == nil && $0.description == nil })
    }
}
