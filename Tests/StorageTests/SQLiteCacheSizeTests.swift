import Foundation
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// A bulk write's larger SQLite page cache must not outlive it: the pragma belongs to the pooled
/// connection, which serves the next request afterwards.
@Suite("Page cache for bulk writes")
struct SQLiteCacheSizeTests {
    struct Planned: Error {}

    static func cacheSize(_ db: any SQLDatabase) async throws -> Int {
        try await db.raw("PRAGMA cache_size").first()!.decode(column: "cache_size", as: Int.self)
    }

    @Test("enlarged inside the body, SQLite's default after it returns or throws")
    func enlargedForTheBodyOnly() async throws {
        try await withFreshStore(.sqlite) { store in
            let database = store.database
            let sizes = try await database.transaction { db in
                let during = try await SQLiteCacheSize.enlarged(to: SQLiteCacheSize.demoBulkKiB, on: db, backend: .sqlite) {
                    try await Self.cacheSize(db)
                }
                let afterReturn = try await Self.cacheSize(db)
                await #expect(throws: Planned.self) {
                    try await SQLiteCacheSize.enlarged(to: SQLiteCacheSize.importKiB, on: db, backend: .sqlite) {
                        #expect(try await Self.cacheSize(db) == -SQLiteCacheSize.importKiB)
                        throw Planned()
                    }
                }
                return [during, afterReturn, try await Self.cacheSize(db)]
            }
            #expect(sizes == [-SQLiteCacheSize.demoBulkKiB, -SQLiteCacheSize.defaultKiB, -SQLiteCacheSize.defaultKiB])
        }
    }
}
