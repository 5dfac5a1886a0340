import Foundation
import Hummingbird
import Storage

/// Sign in with email and password, sign out, and the start page that sends each role home.
struct LoginPages: Sendable {
    let services: WebServices

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("/") { _, context in
            guard let user = context.user else { return PageRenderer.seeOther("/login") }
            return PageRenderer.seeOther(WebPaths.home(for: user.role))
        }
        web.get("login", use: showLogin)
        web.post("login", use: login)
        web.post("logout", use: logout)
    }

    struct LoginPage {
        let frame: PageFrame
        let loginCSRF: String
        let next: String
        let email: String
    }

    @Sendable func showLogin(_ request: Request, context: WebRequestContext) async throws -> Response {
        let query = context.queryForm(request)
        let next = query["next"].flatMap { WebPaths.isLocal($0) ? $0 : nil }
        if let user = context.user { return PageRenderer.seeOther(next ?? WebPaths.home(for: user.role)) }
        let notice = query["notice"] == "signed_out" ? "You have signed out." : nil
        return loginPage(request, context: context, next: next ?? "", email: "", notice: notice, error: nil, status: .ok)
    }

    @Sendable func login(_ request: Request, context: WebRequestContext) async throws -> Response {
        let form = context.form
        let next = form["next"].flatMap { WebPaths.isLocal($0) ? $0 : nil }
        guard let email = form["email"], let password = context.form.pairs.first(where: { $0.name == "password" })?.value,
              !password.isEmpty,
              let user = try await services.accounts.verifyPassword(email: email, password: password) else {
            // One message for an unknown email and a wrong password: the form does not reveal who has an account.
            return loginPage(request, context: context, next: next ?? "", email: form["email"] ?? "",
                             notice: nil, error: "That email and password do not match an account.", status: .unauthorized)
        }
        // A fresh token at every sign-in (no session fixation); the old session, if any, ends.
        if let old = context.sessionToken { try await services.sessions.end(token: old) }
        let started = try await services.sessions.start(userID: user.id, lifetime: services.configuration.sessionLifetime, now: services.clock())
        var response = PageRenderer.seeOther(next ?? WebPaths.home(for: user.role))
        response.setCookie(services.cookies.session(started.token, for: request))
        response.setCookie(services.cookies.expired(SessionCookies.loginCSRFName, path: "/login", for: request))
        return response
    }

    @Sendable func logout(_ request: Request, context: WebRequestContext) async throws -> Response {
        if let token = context.sessionToken { try await services.sessions.end(token: token) }
        var response = PageRenderer.seeOther("/login?notice=signed_out")
        response.setCookie(services.cookies.expired(SessionAuthentication.cookieName, for: request))
        return response
    }

    /// The form with a fresh double-submit token in a cookie and a hidden field.
    private func loginPage(
        _ request: Request, context: WebRequestContext, next: String, email: String, notice: String?, error: String?,
        status: HTTPResponse.Status
    ) -> Response {
        let token = request.cookies[SessionCookies.loginCSRFName]?.value.nonEmpty ?? SessionTokens.random()
        var response = services.renderer.render("login", LoginPage(
            frame: PageFrame(title: "Sign in", context: context, path: "/login", notice: notice, error: error),
            loginCSRF: token, next: next, email: email), status: status)
        response.setCookie(services.cookies.loginCSRF(token, for: request))
        return response
    }
}

enum SessionTokens {
    /// 32 random bytes, hex: unguessable and cookie-safe.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
