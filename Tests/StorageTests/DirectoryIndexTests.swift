import Foundation
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// Every index on the directory's tables is written by every import; the store keeps those a query reads.
@Suite("Directory indexes")
struct DirectoryIndexTests {
    static func indexNames(on database: Database) async throws -> Set<String> {
        let query: SQLQueryString = database.backend == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'index'"
            : "SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'"
        return Set(try await database.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    @Test("indexes no query reads are gone; those queries read stay", arguments: TestBackend.available)
    func unusedIndexesAreGone(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store in
            let names = try await Self.indexNames(on: store.database)
            #expect(names.isDisjoint(with: ["services_intensity", "services_enrollment", "services_ages"]))
            // Partner views (an organization's services), taxonomy-prefix lookups, sites of a service.
            #expect(names.isSuperset(of: ["services_organization", "service_taxonomy_code", "services_at_location_service"]))
            let facetValueIndexes: Set = [
                "service_domains_domain", "service_languages_language", "service_insurance_insurance", "service_settings_setting",
            ]
            // SQLite's planner probes facets by (service_id, value); PostgreSQL's may drive a semi-join by value.
            if store.database.backend == .sqlite {
                #expect(names.isDisjoint(with: facetValueIndexes))
            } else {
                #expect(names.isSuperset(of: facetValueIndexes))
            }
        }
    }
}
