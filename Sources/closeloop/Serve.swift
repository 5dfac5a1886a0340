import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Server
import Storage

extension HandlerThreads: ExpressibleByArgument {}
extension WebConfiguration.SecureCookies: ExpressibleByArgument {}

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

    @Option(help: "Session cookie's Secure flag: auto (always when --host is not loopback), always, never (env CLOSELOOP_SECURE_COOKIES).")
    var secureCookies: WebConfiguration.SecureCookies?

    @Option(help: "Minutes a web session may sit unused before it ends (env CLOSELOOP_SESSION_IDLE_MINUTES; default 30).")
    var sessionIdleMinutes: Double?

    @Option(help: "Seconds a connection may stay without a complete request before it is closed; 0 for none (env CLOSELOOP_IDLE_TIMEOUT_SECONDS; default 30).")
    var idleTimeout: Double?

    @Option(help: "Anonymous catalog reads per client address: PER_SECOND/BURST, or off (env CLOSELOOP_CATALOG_RATE; default 20/100).")
    var catalogRate: String?

    @Option(help: "The address people open Closeloop at, for links in notifications (env CLOSELOOP_BASE_URL; default http://127.0.0.1:8080).")
    var baseURL: String? = ProcessInfo.processInfo.environment["CLOSELOOP_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

    @Flag(help: "Count clients by the last X-Forwarded-For entry (only behind a reverse proxy that sets it; env CLOSELOOP_TRUST_FORWARDED_FOR=1).")
    var trustForwardedFor = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
        if let baseURL, URL(string: baseURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--base-url must be an http:// or https:// address")
        }
        if let sessionIdleMinutes, !(sessionIdleMinutes > 0) { throw ValidationError("--session-idle-minutes must be more than 0") }
        if let idleTimeout, !(idleTimeout >= 0) { throw ValidationError("--idle-timeout must be 0 or more seconds") }
        if let catalogRate, catalogRate != "off", TokenBucket.Rate(catalogRate) == nil {
            throw ValidationError("--catalog-rate must be PER_SECOND/BURST (e.g. 20/100) or off")
        }
        // A short key would be ignored (a random one used instead); say so rather than start.
        if let secret = ProcessInfo.processInfo.environment["CLOSELOOP_WEB_SECRET"], !secret.isEmpty, secret.utf8.count < 32 {
            throw ValidationError("CLOSELOOP_WEB_SECRET must be at least 32 characters")
        }
    }

    /// The environment's settings with the options given on the command line on top.
    func limits() -> (WebConfiguration, ClientLimits) {
        var web = WebConfiguration.fromEnvironment()
        if let secureCookies { web.secureCookies = secureCookies }
        if let sessionIdleMinutes { web.sessionIdleTimeout = sessionIdleMinutes * 60 }
        var clients = ClientLimits.fromEnvironment()
        if let idleTimeout { clients.idleTimeout = idleTimeout > 0 ? .milliseconds(Int64(idleTimeout * 1000)) : nil }
        if let catalogRate { clients.catalogRate = catalogRate == "off" ? nil : TokenBucket.Rate(catalogRate) }
        if trustForwardedFor { clients.trustForwardedFor = true }
        return (web, clients)
    }

    /// The handler mode is installed by `CloseloopMain` before this runs.
    func run() async throws {
        do {
            let (web, clients) = limits()
            let configuration = ServerConfiguration(
                host: host, port: port, database: try database.location,
                seedFolder: noSeed ? nil : try Seed.locate(explicit: seedDir), web: web, clients: clients, logger: makeLogger(),
                baseURL: baseURL)
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
