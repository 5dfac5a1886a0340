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

    @Option(help: "Where request handlers run: event-loops (the I/O threads; fewer thread switches) or concurrency-pool (Swift's global pool).")
    var handlers: HandlerThreads = .eventLoops

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
    }

    func run() async throws {
        let logger = makeLogger()
        handlers.install(logger: logger)
        let store = try await database.openStore(logger: logger)
        do {
            if !noSeed {
                let folder = try Seed.locate(explicit: seedDir)
                if try await store.seedIfEmpty(try Seed.load(from: folder)) {
                    let counts = try await store.counts()
                    logger.info("seeded demo directory", metadata: [
                        "from": "\(folder.path)", "organizations": "\(counts.organizations)",
                        "services": "\(counts.services)", "schools": "\(counts.schools)",
                    ])
                }
            }
            let app = buildApplication(store: store, configuration: ServerConfiguration(host: host, port: port), logger: logger)
            logger.info("closeloop listening", metadata: ["url": "http://\(host):\(port)", "database": "\(store.database.location)"])
            try await app.runService()
        } catch let error as StoreError {
            await store.database.shutdown()
            throw CommandFailure(error.description)
        } catch {
            await store.database.shutdown()
            throw error
        }
        await store.database.shutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending schema migrations and exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStore(logger: makeLogger())
        let versions = try await store.database.appliedMigrations()
        print("schema at version \(versions.last ?? 0) (\(versions.count) migrations applied) on \(store.database.location)")
        await store.database.shutdown()
    }
}
