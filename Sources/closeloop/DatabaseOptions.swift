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

    /// Opens the store and applies pending migrations.
    func openStore(logger: Logger) async throws -> DirectoryStore {
        let location = try location
        let database = try Database.open(location, logger: logger)
        do {
            let applied = try await database.migrate()
            if !applied.isEmpty {
                logger.info("applied migrations", metadata: ["versions": "\(applied)", "database": "\(location)"])
            }
        } catch let error as StoreError {
            await database.shutdown()
            throw CommandFailure(error.description)
        } catch {
            await database.shutdown()
            throw CommandFailure("cannot open \(location): \(error)")
        }
        return DirectoryStore(database: database)
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
