import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Server
import Storage

extension HandlerThreads: ExpressibleByArgument {}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP API (seeds an empty store with the demo directory unless --no-seed).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on (env CLOSELOOP_HOST).")
    var host: String = ProcessInfo.processInfo.environment["CLOSELOOP_HOST"] ?? "127.0.0.1"

    @Option(help: "Port to listen on (env CLOSELOOP_PORT).")
    var port: Int = ProcessInfo.processInfo.environment["CLOSELOOP_PORT"].flatMap(Int.init) ?? 8080

    @Flag(help: "Do not load the demo directory into an empty store.")
    var noSeed = false

    @Option(help: "Folder with the seed files (env CLOSELOOP_SEED_DIR; default ./seed or the source checkout's).")
    var seedDir: String?

    @Option(help: "Where request handlers run: concurrency-pool (Swift's global pool, the framework's way) or event-loops (the I/O threads; fewer thread switches, faster matches, slower trivial routes).")
    var handlers: HandlerThreads = .standard

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
    }

    /// The handler mode is installed by `CloseloopMain` before this runs.
    func run() async throws {
        do {
            let configuration = ServerConfiguration(
                host: host, port: port, database: try database.location,
                seedFolder: noSeed ? nil : try Seed.locate(explicit: seedDir), logger: makeLogger())
            let app = try await buildApplication(configuration)
            try await app.runService()
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending schema migrations and exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await database.withStore(logger: makeLogger()) { store in
            let versions = try await store.database.appliedMigrations()
            print("schema at version \(versions.last ?? 0) (\(versions.count) migrations applied) on \(store.database.location)")
        }
    }
}
