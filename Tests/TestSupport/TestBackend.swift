import Foundation
import Logging
import Storage

/// The engines a storage test body runs on: SQLite always, PostgreSQL when the test script
/// provides a server (`CLOSELOOP_TEST_POSTGRES_URL`). With `CLOSELOOP_REQUIRE_POSTGRES=1`
/// a missing server is a failure, not a silent skip.
public enum TestBackend: String, Sendable, CaseIterable {
    case sqlite
    case postgres

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["CLOSELOOP_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var postgresRequired: Bool {
        ProcessInfo.processInfo.environment["CLOSELOOP_REQUIRE_POSTGRES"] == "1"
    }

    /// What parameterised storage tests run over.
    public static var available: [TestBackend] {
        postgresURL != nil || postgresRequired ? [.sqlite, .postgres] : [.sqlite]
    }

    public static let logger: Logger = {
        var logger = Logger(label: "closeloop.tests")
        logger.logLevel = .warning
        return logger
    }()
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
}

/// A fresh, empty database on one backend, dropped afterwards: a temporary SQLite file, or a new
/// PostgreSQL database on the test server. `body` gets its location (nothing is open on it yet).
public func withFreshLocation<R>(
    _ backend: TestBackend, _ body: (DatabaseLocation) async throws -> R
) async throws -> R {
    ExecutorHeartbeat.started
    let name = "closeloop_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    switch backend {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        return try await InFlight.track("test.freshSQLiteBody") { try await body(.sqlite(path: path)) }
    case .postgres:
        guard let url = TestBackend.postgresURL else {
            throw TestSetupError(description: "CLOSELOOP_REQUIRE_POSTGRES=1 but CLOSELOOP_TEST_POSTGRES_URL is not set; run scripts/test")
        }
        var components = URLComponents(string: url)!
        components.path = "/\(name)"
        let location = DatabaseLocation.postgres(url: components.string!)
        return try await Database.withOpen(try DatabaseLocation(parsing: url), logger: TestBackend.logger) { admin in
            do {
                try await InFlight.track("test.createDatabase") { try await admin.execute("CREATE DATABASE \(name)") }
            } catch {
                throw TestSetupError(description: "cannot create a test database on \(url): \(error)")
            }
            do {
                let result = try await InFlight.track("test.freshPostgresBody") { try await body(location) }
                try await InFlight.track("test.dropDatabase") { try await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
                return result
            } catch {
                try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                throw error
            }
        }
    }
}

/// A fresh, migrated, empty store on one backend, open for the length of `body`, then dropped.
/// With `migrating` false the database is left without any table (migration tests build an older schema).
public func withFreshStore<R>(
    _ backend: TestBackend, migrating: Bool = true, _ body: (DirectoryStore) async throws -> R
) async throws -> R {
    try await withFreshLocation(backend) { location in
        try await Database.withOpen(location, logger: TestBackend.logger) { database in
            if migrating { try await database.migrate() }
            return try await body(DirectoryStore(database: database))
        }
    }
}

/// The seed shipped in `seed/`, read once per test process.
public let repositorySeed: Result<Seed, any Error> = Result { try Seed.load(from: try Seed.locate()) }

public func loadSeed() throws -> Seed { try repositorySeed.get() }

/// A fresh store holding the repository seed.
public func withSeededStore<R>(_ backend: TestBackend, _ body: (DirectoryStore) async throws -> R) async throws -> R {
    try await withFreshStore(backend) { store async throws in
        try await InFlight.track("test.seeding") { _ = try await store.seedIfEmpty(try loadSeed()) }
        return try await InFlight.track("test.seededBody") { try await body(store) }
    }
}
