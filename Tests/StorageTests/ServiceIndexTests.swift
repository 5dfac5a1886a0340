import Foundation
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// Every index on `services` is written by every import; the store keeps only those a query reads.
@Suite("Service indexes")
struct ServiceIndexTests {
    static func indexNames(on database: Database) async throws -> Set<String> {
        let query: SQLQueryString = database.backend == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'services'"
            : "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'services'"
        return Set(try await database.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    @Test("intensity, enrollment and ages are filtered in the id-ordered walk, not indexed", arguments: TestBackend.available)
    func unusedIndexesAreGone(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store in
            let names = try await Self.indexNames(on: store.database)
            #expect(names.isDisjoint(with: ["services_intensity", "services_enrollment", "services_ages"]))
            // The organization's services (partner views) and the primary and feed keys stay.
            #expect(names.contains("services_organization"))
            #expect(names.count >= 3, "\(names.sorted())")
        }
    }
}
