import Foundation
import Logging

extension Database {
    /// Applies pending migrations (see `migrate()`) and logs the versions applied. A database that
    /// cannot be reached fails within `reachWithin` (PostgreSQL's pool would retry for longer), as
    /// `StoreError.unreachable`, like any failure that is not a migration's own.
    @discardableResult
    public func migrate(logger: Logger, reachWithin timeout: Duration = .seconds(10)) async throws(StoreError) -> [Int] {
        let applied: [Int]
        do {
            try await ping(timeout: timeout)
            applied = try await migrate()
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unreachable("\(location): \(error)")
        }
        if !applied.isEmpty {
            logger.info("applied migrations", metadata: ["versions": "\(applied)", "database": "\(location)"])
        }
        return applied
    }
}

extension DirectoryStore {
    /// Loads the seed in `folder` if the store holds no services yet, and logs what it loaded.
    public func seedIfEmpty(from folder: URL, logger: Logger) async throws {
        guard try await seedIfEmpty(try Seed.load(from: folder)) else { return }
        let counts = try await counts()
        logger.info("seeded demo directory", metadata: [
            "from": "\(folder.path)", "organizations": "\(counts.organizations)",
            "services": "\(counts.services)", "schools": "\(counts.schools)",
        ])
    }
}
