import Directory
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Migrations")
struct MigrationTests {
    @Test(arguments: TestBackend.available)
    func freshDatabaseMigratesAndReRunIsANoOp(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            // withFreshStore has migrated once already.
            let versions = try await store.database.appliedMigrations()
            #expect(versions == Database.schemaVersions)
            #expect(try await store.database.migrate() == [])
            #expect(try await store.database.appliedMigrations() == versions)
            // A migration installs the barrier vocabulary; nothing else is there.
            #expect(try await store.counts() == .init(
                organizations: 0, locations: 0, services: 0, barriers: BarrierVocabulary.barriers.count, schools: 0))
        }
    }

    @Test func invalidDatabaseLocationsAreExplained() throws {
        #expect(throws: StoreError.self) { try DatabaseLocation(parsing: "postgres://") }
        #expect(throws: StoreError.self) { try DatabaseLocation(parsing: "postgres://localhost") }
        #expect(throws: StoreError.self) { try DatabaseLocation(parsing: "mysql://localhost/db") }
        #expect(throws: StoreError.self) { try DatabaseLocation(parsing: "  ") }
        #expect(try DatabaseLocation(parsing: "./x.sqlite") == .sqlite(path: "./x.sqlite"))
        #expect(try DatabaseLocation(parsing: "sqlite:/tmp/a.db") == .sqlite(path: "/tmp/a.db"))
        #expect(try DatabaseLocation(parsing: "postgresql://u@h:5433/db") == .postgres(url: "postgres://u@h:5433/db"))
        #expect(try DatabaseLocation(parsing: "postgres://u:secret@h/db").description == "postgres://u:****@h/db")
    }
}
