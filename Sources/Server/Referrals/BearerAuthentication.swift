import Foundation
import Hummingbird
import Referrals
import Storage

/// Resolves `Authorization: Bearer <token>` to a user. Requests without the header pass through
/// anonymous (the catalog is public); a header with a token that does not sign in is a 401 whose
/// code says why: `unauthorized` (unknown), `token_expired`, `token_revoked`, `user_disabled`.
/// Only the holder of the token learns which, and it tells them what to ask for.
struct BearerAuthentication: RouterMiddleware {
    let accounts: AccountStore
    /// The instant tokens are judged at (the application's clock in tests).
    var clock: @Sendable () -> Date = { Date() }

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthorized }
        let user: User
        switch try await accounts.check(token: String(parts[1]).trimmingCharacters(in: .whitespaces), now: clock()) {
        case .valid(let valid): user = valid
        case .unknown: throw Problem.unauthorized
        case .expired(let at): throw Problem.tokenExpired(at)
        case .revoked: throw Problem.tokenRevoked
        case .userDisabled: throw Problem.userDisabled
        }
        var context = context
        context.user = user
        return try await next(request, context)
    }
}

extension Problem {
    static func tokenExpired(_ at: Date) -> Problem {
        Problem(status: .unauthorized, code: "token_expired", title: "Token expired",
                detail: "this API token expired on \(CalendarDate(at)); ask an administrator for a new one")
    }

    static let tokenRevoked = Problem(
        status: .unauthorized, code: "token_revoked", title: "Token revoked",
        detail: "this API token was revoked; ask an administrator for a new one")

    static let userDisabled = Problem(
        status: .unauthorized, code: "user_disabled", title: "User disabled",
        detail: "the user this API token belongs to is disabled; ask an administrator")
}
