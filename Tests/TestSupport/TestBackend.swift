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

/// A fresh, migrated, empty database on one backend, dropped afterwards:
/// a temporary SQLite file, or a new PostgreSQL database on the test server. With `migrating`
/// false the database is left without any table (migration tests build an older schema).
public func withFreshStore<R>(
    _ backend: TestBackend, migrating: Bool = true, _ body: (DirectoryStore) async throws -> R
) async throws -> R {
    let name = "closeloop_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let location: DatabaseLocation
    var dropPostgres: (() async throws -> Void)?
    switch backend {
    case .sqlite:
        location = .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path)
    case .postgres:
        guard let url = TestBackend.postgresURL else {
            throw TestSetupError(description: "CLOSELOOP_REQUIRE_POSTGRES=1 but CLOSELOOP_TEST_POSTGRES_URL is not set; run scripts/test")
        }
        let admin = try Database.open(try DatabaseLocation(parsing: url), logger: TestBackend.logger)
        do {
            try await admin.execute("CREATE DATABASE \(name)")
        } catch {
            await admin.shutdown()
            throw TestSetupError(description: "cannot create a test database on \(url): \(error)")
        }
        var components = URLComponents(string: url)!
        components.path = "/\(name)"
        location = .postgres(url: components.string!)
        dropPostgres = {
            try await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await admin.shutdown()
        }
    }
    let database = try Database.open(location, logger: TestBackend.logger)
    let store = DirectoryStore(database: database)
    do {
        if migrating { try await database.migrate() }
        let result = try await body(store)
        await database.shutdown()
        try await cleanUp(location, dropPostgres)
        return result
    } catch {
        await database.shutdown()
        try? await cleanUp(location, dropPostgres)
        throw error
    }
}

private func cleanUp(_ location: DatabaseLocation, _ dropPostgres: (() async throws -> Void)?) async throws {
    if case .sqlite(let path) = location {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    try await dropPostgres?()
}

/// The seed shipped in `seed/`, read once per test process.
public let repositorySeed: Result<Seed, any Error> = Result { try Seed.load(from: try Seed.locate()) }

public func loadSeed() throws -> Seed { try repositorySeed.get() }

/// A fresh store holding the repository seed.
public func withSeededStore<R>(_ backend: TestBackend, _ body: (DirectoryStore) async throws -> R) async throws -> R {
    try await withFreshStore(backend) { store async throws in
        try await store.seedIfEmpty(try loadSeed())
        return try await body(store)
    }
}
