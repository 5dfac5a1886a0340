import Hummingbird
import Storage

/// `GET /health`: 200 when the database answers, 503 (still JSON) when it does not.
/// `GET /api/v1/ping`: a constant answer that touches nothing, so load tests can tell the cost of
/// the HTTP stack from the cost of a route (`/health` queries the database). `POST /api/v1/ping`
/// answers the same and ignores its body, so a load test can send a route's own requests to it and
/// compare like with like: the same client work, the same bytes for the server to read.
struct HealthRoutes: Sendable {
    let store: DirectoryStore

    func register(on router: Router<AppRequestContext>) {
        router.get("health", use: health)
        let api = router.group("api/v1")
        api.get("ping") { _, _ in "pong" }
        api.post("ping") { _, _ in "pong" }
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<HealthResource> {
        let backend = store.database.backend.rawValue
        do {
            try await store.database.ping()
            let counts = try await store.counts()
            let body = HealthResource(
                status: "ok",
                database: .init(backend: backend, reachable: true, migrations: try await store.database.appliedMigrations()),
                counts: CountsResource(
                    organizations: counts.organizations, locations: counts.locations, services: counts.services,
                    barriers: counts.barriers, schools: counts.schools))
            return EditedResponse(status: .ok, response: body)
        } catch {
            context.logger.warning("health check failed", metadata: ["error": "\(error)"])
            let body = HealthResource(
                status: "unavailable",
                database: .init(backend: backend, reachable: false, error: "the database did not answer"))
            return EditedResponse(status: .serviceUnavailable, response: body)
        }
    }
}
