import Hummingbird
import Logging
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

/// All routes, shared by the running server and the tests' router client.
public func buildRouter(store: DirectoryStore) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    HealthRoutes(store: store).register(on: router)
    DirectoryRoutes(store: store).register(on: router)
    MatchRoutes(store: store, index: LiveMatchIndex(store: store)).register(on: router)
    return router
}

public func buildApplication(
    store: DirectoryStore, configuration: ServerConfiguration, logger: Logger
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(store: store),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "closeloop"),
        logger: logger)
}
