import struct Directory.PostalCodeCentroids
import Foundation
import Hummingbird
import Localization
import Logging
import NIOCore
import NotificationDelivery
import ServiceLifecycle
import Storage
import Workflows

/// What the HTTP application is built from: where it listens, the database it serves, what an
/// empty store is seeded with, and the clock referrals are judged by.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    /// The seed folder that fills an empty store before the server starts; nil leaves it empty.
    public var seedFolder: URL?
    public var web: WebConfiguration
    /// Connection idle timeout, the catalog's rate limit and the sign-in throttle.
    public var clients: ClientLimits
    /// The time referrals and follow-ups are judged at (tests fix it).
    public var clock: @Sendable () -> Date
    public var logger: Logger
    /// The outbox worker: SMTP (off when not configured), retries, polling.
    public var notifications: DeliveryConfiguration
    /// The base of links in notifications (`https://closeloop.example.org`); nil keeps the stored one.
    public var baseURL: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation, seedFolder: URL? = nil,
        web: WebConfiguration = .fromEnvironment(), clients: ClientLimits = .fromEnvironment(),
        clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "closeloop"),
        notifications: DeliveryConfiguration = .fromEnvironment(), baseURL: String? = nil
    ) {
        self.notifications = notifications
        self.baseURL = baseURL
        self.host = host
        self.port = port
        self.database = database
        self.seedFolder = seedFolder
        self.web = web
        self.clients = clients
        self.clock = clock
        self.logger = logger
    }
}

/// The server with everything it runs on, for `closeloop serve` and the tests alike. The database
/// pool, the gap recorder and the match index follower run as services beside the HTTP server;
/// before the server accepts a request the schema is migrated and an empty store seeded, and only
/// then is the match index built. On graceful shutdown the services stop in reverse order: the
/// server first, then the follower, the gap recorder (writing what is pending) and the database.
public func buildApplication(_ configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    let logger = configuration.logger
    // A district's catalog files are read before anything starts: a broken file stops the start
    // with its name rather than showing keys to families.
    let catalogs = try Catalogs.activate(directory: configuration.web.localesDirectory)
    if configuration.web.localesDirectory != nil {
        logger.info("languages loaded", metadata: ["languages": "\(catalogs.languages.joined(separator: ", "))"])
    }
    let database = try Database.open(configuration.database, logger: logger)
    let store = DirectoryStore(database: database)
    let matchIndex = LiveMatchIndex(store: store)
    let gapRecorder = MatchGapRecorder(database: database, logger: logger)
    let storeReady = Latch()
    var app = Application(
        router: buildRouter(
            store: store, matchIndex: matchIndex, gapRecorder: gapRecorder,
            web: configuration.web.resolved(listeningOn: configuration.host), clients: configuration.clients, clock: configuration.clock,
            postalCodes: configuration.seedFolder.flatMap { try? PostalCodeCentroids.load(contentsOf: $0.appendingPathComponent(PostalCodeCentroids.fileName)) }),
        server: .http1(configuration: .init(
            // A request must arrive whole within the idle timeout too, however steadily it trickles.
            additionalChannelHandlers: configuration.clients.idleTimeout.map { [RequestDeadlineHandler(deadline: TimeAmount($0))] } ?? [],
            idleTimeout: configuration.clients.idleTimeout.map { TimeAmount($0) })),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "closeloop"),
        onServerRunning: { channel in
            logger.info("closeloop listening", metadata: [
                "address": "\(channel.localAddress.map(String.init(describing:)) ?? "?")", "database": "\(database.location)",
            ])
        },
        logger: logger)
    app.addServices(
        database, MatchGapRecorderService(recorder: gapRecorder),
        MatchIndexFollower(index: matchIndex, store: store, storeReady: storeReady, logger: logger),
        OutboxDeliveryService(
            worker: OutboxWorker(store: OutboxStore(database: database), configuration: configuration.notifications, logger: logger),
            storeReady: storeReady),
        NotificationTimersService(timers: NotificationTimers(store: OutboxStore(database: database), interval: NotificationTimers.interval(),
                                                             clock: configuration.clock, logger: logger), storeReady: storeReady))
    // Migrate, seed and open the gate the services wait at, before the server accepts a request.
    let prepareStore: @Sendable () async throws -> Void = {
        try await database.untilRunning()
        try await database.migrate(logger: logger)
        if let folder = configuration.seedFolder {
            try await store.seedIfEmpty(from: folder, logger: logger)
        }
        if let baseURL = configuration.baseURL { try await OutboxStore(database: database).setBaseURL(baseURL) }
        // The family check-in links' signing secret, when configured; otherwise one is made and kept.
        if let secret = ProcessInfo.processInfo.environment["CLOSELOOP_CHECKIN_SECRET"], !secret.isEmpty {
            try await CheckInStore(database: database).setSecret(secret)
        }
        if try await FirstRun(accounts: AccountStore(database: database)).needsFirstAdministrator() {
            logger.notice("\(FirstRun.instructions)")
        }
        storeReady.open()
    }
    app.beforeServerStarts {
        try await InFlight.track("app.beforeServerStarts") { try await prepareStore() }
    }
    return app
}

/// All routes, over one set of use cases (`UseCases`) that the JSON routes and the pages share.
/// `clock` is the time matches, referrals and follow-ups are judged at. Matches queue gaps in
/// `gapRecorder`; the gaps report flushes it before it reads.
func buildRouter(
    store: DirectoryStore, matchIndex: LiveMatchIndex? = nil, gapRecorder: MatchGapRecorder? = nil,
    web: WebConfiguration = .fromEnvironment(), clients: ClientLimits = ClientLimits(), clock: @escaping @Sendable () -> Date = { Date() },
    postalCodes: PostalCodeCentroids? = nil
) -> Router<AppRequestContext> {
    let matchIndex = matchIndex ?? LiveMatchIndex(store: store)
    let gapRecorder = gapRecorder ?? MatchGapRecorder(database: store.database)
    let useCases = UseCases(store: store, matchIndex: matchIndex, gapRecorder: gapRecorder)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: BrowserErrorPages(renderer: PageRenderer()))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: RequestLogMiddleware(.debug))
    router.add(middleware: BearerAuthentication(accounts: AccountStore(database: store.database)))
    if let rate = clients.catalogRate {
        router.add(middleware: CatalogRateLimit(bucket: TokenBucket(rate: rate, clock: clients.clock), limits: clients))
    }
    HealthRoutes(store: store).register(on: router)
    OpenAPIRoutes().register(on: router)
    DirectoryRoutes(store: store).register(on: router)
    HSDSRoutes(publication: HSDSPublication(store: store), postalCodes: postalCodes).register(on: router)
    MatchRoutes(matchmaking: useCases.matchmaking, clock: clock).register(on: router)
    ReferralRoutes(referrals: ReferralStore(database: store.database), useCases: useCases, clock: clock).register(on: router)
    FHIRRoutes(exchange: ReferralFHIRExchange(actions: useCases.actions), clock: clock).register(on: router)
    AvailabilityRoutes(availability: useCases.availability, clock: clock).register(on: router)
    ReportRoutes(reporting: useCases.reporting, clock: clock).register(on: router)
    WebRoutes(store: store, useCases: useCases, clock: clock, configuration: web, clientLimits: clients).register(on: router)
    CheckInPages(checkIns: FamilyCheckIns(database: store.database), clock: clock).register(on: router)
    router.add(middleware: MethodNotAllowed(router.routes))  // last: it wraps only the not-found responder
    return router
}

/// Keeps one instance's match index current with the database (see `Database.changeSignals`),
/// starting once the store is migrated and seeded.
struct MatchIndexFollower: Service {
    let index: LiveMatchIndex
    let store: DirectoryStore
    let storeReady: Latch
    let logger: Logger

    func run() async {
        await InFlight.track("service.matchIndexFollower") {
            await cancelWhenGracefulShutdown {
                // Cancelled before the store was ready (the server did not start): nothing to follow.
                guard (try? await storeReady.wait()) != nil else { return }
                await InFlight.track("service.matchIndexFollower.prepare") { await index.prepare(logger: logger) }
                await InFlight.track("service.matchIndexFollower.follow") {
                    await index.follow(store.database.changeSignals(logger: logger), logger: logger)
                }
            }
        }
    }
}
