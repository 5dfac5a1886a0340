import Hummingbird
import Storage

/// Resolves `Authorization: Bearer <token>` to a user. Requests without the header pass through
/// anonymous (the catalog is public); a header with an unknown, revoked or expired token is a 401.
struct BearerAuthentication: RouterMiddleware {
    let accounts: AccountStore

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              let user = try await accounts.user(forToken: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw Problem.unauthorized
        }
        var context = context
        context.user = user
        return try await next(request, context)
    }
}
