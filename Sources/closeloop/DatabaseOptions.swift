import ArgumentParser
import Foundation
import Logging
import Storage

/// `--db` and `--seed-dir`, shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite file path or postgres://user@host:port/db (env CLOSELOOP_DATABASE_URL).", valueName: "url"))
    var db: String?

    var location: DatabaseLocation {
        get throws {
            let text = db ?? ProcessInfo.processInfo.environment["CLOSELOOP_DATABASE_URL"] ?? DatabaseLocation.defaultSQLitePath
            do {
                return try DatabaseLocation(parsing: text)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    /// Opens the store, applies pending migrations unless `migrate` is false, runs `body` and closes
    /// the store, awaiting the close, however `body` ends.
    func withStore<R>(
        logger: Logger, migrate: Bool = true, _ body: (DirectoryStore) async throws -> R
    ) async throws -> R {
        let location = try location
        do {
            return try await Database.withOpen(location, logger: logger) { database in
                if migrate { try await database.migrate(logger: logger) }
                return try await body(DirectoryStore(database: database))
            }
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

/// An error the CLI reports as one readable line with a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func makeLogger(label: String = "closeloop") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}
