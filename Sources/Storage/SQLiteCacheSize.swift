import SQLKit

/// SQLite's page cache, enlarged for the length of one bulk write. With the default 2 MB, a
/// transaction that grows tables and their indexes by tens of megabytes spills dirty pages to the
/// WAL again and again. The pragma lasts for the connection, so the pooled connection gets its
/// default back afterwards, whether the body returns or throws. PostgreSQL has nothing to set.
enum SQLiteCacheSize {
    /// An import: enough for a 100,000-service feed's indexes, small next to its 300 MB memory goal.
    static let importKiB = 32_768
    /// The demo referrals' bulk writer: random text ids land all over each primary-key index.
    static let demoBulkKiB = 262_144
    /// SQLite's own default (`-2000`).
    static let defaultKiB = 2_000

    static func enlarged<R>(
        to kibibytes: Int, on db: any SQLDatabase, backend: Backend, _ body: () async throws -> R
    ) async throws -> R {
        guard backend == .sqlite else { return try await body() }
        func setCache(_ kibibytes: Int) async throws {
            try await db.raw(SQLQueryString("PRAGMA cache_size = -" + String(kibibytes))).run()
        }
        try await setCache(kibibytes)
        do {
            let result = try await body()
            try await setCache(defaultKiB)
            return result
        } catch {
            try? await setCache(defaultKiB)
            throw error
        }
    }
}
