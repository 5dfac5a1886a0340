import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// Resolves the session cookie to a signed-in user for the HTML pages. A missing, unknown,
/// expired or idle-too-long cookie leaves the request anonymous; each page decides whether that
/// is enough. Using the session moves its idle end on (`SessionStore.session(token:now:timeouts:)`).
struct SessionAuthentication: RouterMiddleware {
    typealias Context = WebRequestContext
    static let cookieName = "closeloop_session"

    let sessions: SessionStore
    let timeouts: SessionTimeouts
    let clock: @Sendable () -> Date

    func handle(
        _ request: Request, context: WebRequestContext, next: (Request, WebRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty,
              let session = try await sessions.session(token: token, now: clock(), timeouts: timeouts) else {
            return try await next(request, context)
        }
        var context = context
        context.session = session
        context.sessionToken = token
        return try await next(request, context)
    }
}

/// The session cookie and the login form's pre-session CSRF cookie, with the flags that keep them
/// out of scripts (HttpOnly) and out of cross-site POSTs (SameSite=Lax).
struct SessionCookies: Sendable {
    static let loginCSRFName = "closeloop_login_csrf"

    let configuration: WebConfiguration
    /// Signs and checks the login form's token; one key for the application's lifetime.
    let loginTokens: LoginFormTokens

    init(configuration: WebConfiguration) {
        self.configuration = configuration
        loginTokens = LoginFormTokens(secret: configuration.formSecret)
    }

    func isSecure(_ request: Request) -> Bool {
        switch configuration.secureCookies {
        case .always: true
        case .never: false
        case .auto: request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        }
    }

    func session(_ token: String, for request: Request) -> Cookie {
        Cookie(name: SessionAuthentication.cookieName, value: token, maxAge: Int(configuration.sessionLifetime),
               path: "/", secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    /// Tells the browser to drop a cookie now.
    func expired(_ name: String, path: String = "/", for request: Request) -> Cookie {
        Cookie(name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: path,
               secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    /// The login form's server-signed token, which has no session to hold it yet (without it a
    /// site could sign a victim in to an attacker's account).
    func loginCSRF(_ token: String, for request: Request) -> Cookie {
        Cookie(name: Self.loginCSRFName, value: token, maxAge: Int(LoginFormTokens.lifetime), path: "/login",
               secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }
}
