import BenchSupport
import Directory
import Foundation
import Storage

/// Stores for the SQL baseline and the HTTP server, holding the benchmark's directory.
enum BenchStore {
    /// Services per transaction: bounded memory per write, few enough commits not to matter.
    static let servicesPerSave = 5_000

    /// Migrates a fresh database and writes the barrier vocabulary, the directory and the baseline's
    /// candidates table into it, then lets the engine gather statistics, as a store in use would have.
    static func fill(_ database: Database, with directory: DirectorySnapshot, barriers: [Barrier]) async throws {
        _ = try await database.migrate()
        let store = DirectoryStore(database: database)
        try await store.saveBarriers(barriers)
        try await store.save(DirectorySnapshot(organizations: directory.organizations, locations: directory.locations))
        let links = Dictionary(grouping: directory.servicesAtLocation, by: \.serviceID)
        for start in stride(from: 0, to: directory.services.count, by: servicesPerSave) {
            let services = Array(directory.services[start..<min(start + servicesPerSave, directory.services.count)])
            try await store.save(DirectorySnapshot(services: services, servicesAtLocation: services.flatMap { links[$0.id] ?? [] }))
        }
        try await SQLMatchQuery.writeCandidates(directory, barriers: barriers, on: database)
        try await database.execute("ANALYZE")
    }
}

/// A database of its own on a PostgreSQL server, so the benchmark never touches existing data.
struct ScratchPostgres {
    let name: String
    let location: DatabaseLocation

    /// The server could not be reached or would not create the database.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// Creates the database, runs `body` with it and drops it afterwards unless `keep`.
    /// `benchmark` names the database (`closeloop_bench_<benchmark>_…`), so a kept one says whose it is.
    static func with<R>(
        on url: String, for benchmark: String, keep: Bool, _ body: (ScratchPostgres) async throws -> R
    ) async throws -> R {
        let serverLocation: DatabaseLocation
        do {
            serverLocation = try DatabaseLocation(parsing: url)
        } catch {
            throw BenchFailure("--postgres: \(error.description)")
        }
        guard case .postgres = serverLocation, var components = URLComponents(string: url) else {
            throw BenchFailure("--postgres: \(url) is not a postgres:// URL")
        }
        let name = "closeloop_bench_\(benchmark)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(8)
        components.path = "/\(name)"
        let scratch = ScratchPostgres(name: name, location: .postgres(url: components.string ?? url))
        return try await Database.withOpen(serverLocation, logger: BenchMatch.quietLogger) { admin in
            do {
                try await admin.execute("CREATE DATABASE \(name)")
            } catch {
                // The server may have created it before the error reached us (a dropped connection).
                try? await admin.execute("DROP DATABASE IF EXISTS \(name)")
                // PSQLError's description hides the server's message; its reflection carries it.
                let reason = String(reflecting: error).replacingOccurrences(of: "\n", with: " ").prefix(300)
                throw Unavailable(description: "cannot create a database on \(serverLocation): \(reason)")
            }
            do {
                let result = try await body(scratch)
                if !keep { try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
                return result
            } catch {
                if !keep { try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
                throw error
            }
        }
    }
}
