import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Storage

/// What `closeloop serve` needs to build the HTTP application.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// All routes, shared by the running server and the tests' router client. `clock` is the time
/// referrals and follow-ups are judged at (tests fix it). The match routes queue gaps in
/// `gapRecorder`; the report routes flush it before they read.
public func buildRouter(
    store: DirectoryStore, matchIndex: LiveMatchIndex? = nil, gapRecorder: MatchGapRecorder? = nil,
    clock: @escaping @Sendable () -> Date = { Date() }
) -> Router<AppRequestContext> {
    let matchIndex = matchIndex ?? LiveMatchIndex(store: store)
    let gapRecorder = gapRecorder ?? MatchGapRecorder(database: store.database)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: BearerAuthentication(accounts: AccountStore(database: store.database)))
    HealthRoutes(store: store).register(on: router)
    DirectoryRoutes(store: store).register(on: router)
    MatchRoutes(index: matchIndex, gaps: gapRecorder).register(on: router)
    ReferralRoutes(referrals: ReferralStore(database: store.database), clock: clock).register(on: router)
    AvailabilityRoutes(directory: store, index: matchIndex, clock: clock).register(on: router)
    ReportRoutes(database: store.database, gapRecorder: gapRecorder, clock: clock).register(on: router)
    WebRoutes(store: store, matchIndex: matchIndex, gapRecorder: gapRecorder, clock: clock).register(on: router)
    return router
}

/// The server plus its background work: the match index is built at start-up and follows changes
/// other instances commit; match gaps are written in batches (and on graceful shutdown, which
/// reaches these services after the HTTP server has stopped).
public func buildApplication(
    store: DirectoryStore, configuration: ServerConfiguration, logger: Logger
) -> some ApplicationProtocol {
    let matchIndex = LiveMatchIndex(store: store)
    let gapRecorder = MatchGapRecorder(database: store.database, logger: logger)
    return Application(
        router: buildRouter(store: store, matchIndex: matchIndex, gapRecorder: gapRecorder),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "closeloop"),
        services: [MatchGapRecorderService(recorder: gapRecorder), MatchIndexFollower(index: matchIndex, store: store, logger: logger)],
        logger: logger)
}

/// Keeps one instance's match index current with the database (see `Database.changeSignals`).
struct MatchIndexFollower: Service {
    let index: LiveMatchIndex
    let store: DirectoryStore
    let logger: Logger

    func run() async throws {
        await index.prepare(logger: logger)
        let signals = store.database.changeSignals(logger: logger)
        await cancelWhenGracefulShutdown {
            await index.follow(signals, logger: logger)
        }
    }
}
