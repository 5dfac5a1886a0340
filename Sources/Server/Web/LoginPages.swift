import Foundation
import Hummingbird
import Storage
import Workflows

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
        /// On a store with no users: how to create the first administrator.
        let firstRun: String?
    }

    @Sendable func showLogin(_ request: Request, context: WebRequestContext) async throws -> Response {
        let query = context.queryForm(request)
        let next = query["next"].flatMap { WebPaths.isLocal($0) ? $0 : nil }
        if let user = context.user { return PageRenderer.seeOther(next ?? WebPaths.home(for: user.role)) }
        let notice = query["notice"] == "signed_out" ? context.words.t("login.signed_out") : nil
        return try await loginPage(request, context: context, next: next ?? "", email: "", notice: notice, error: nil, status: .ok)
    }

    @Sendable func login(_ request: Request, context: WebRequestContext) async throws -> Response {
        let form = context.form
        let next = form["next"].flatMap { WebPaths.isLocal($0) ? $0 : nil }
        let address = services.clientLimits.clientAddress(request, peer: context.remoteAddress)
        // A throttled attempt is answered before the password is checked, right or wrong.
        if let wait = try await services.loginThrottle.wait(account: form["email"] ?? "", address: address) {
            let seconds = max(1, Int(wait.rounded(.up)))
            var response = try await loginPage(request, context: context, next: next ?? "", email: form["email"] ?? "", notice: nil,
                                     error: context.words.t("login.throttled", ["wait": Self.describe(seconds: seconds)]),
                                     status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        guard let email = form["email"], let password = context.form.pairs.first(where: { $0.name == "password" })?.value,
              !password.isEmpty,
              let user = try await services.accounts.verifyPassword(email: email, password: password) else {
            try await services.loginThrottle.recordFailure(account: form["email"] ?? "", address: address)
            // One message for an unknown email and a wrong password: the form does not reveal who has an account.
            return try await loginPage(request, context: context, next: next ?? "", email: form["email"] ?? "",
                             notice: nil, error: context.words.t("login.no_match"), status: .unauthorized)
        }
        try await services.loginThrottle.recordSuccess(account: email)
        // A fresh token at every sign-in (no session fixation); the old session, if any, ends.
        if let old = context.sessionToken { try await services.sessions.end(token: old) }
        let started = try await services.sessions.start(
            userID: user.id, lifetime: services.configuration.sessionLifetime,
            idleTimeout: services.configuration.sessionTimeouts.idle, now: services.clock())
        // A password an administrator set is replaced first (`PasswordChangeGate` holds every other page).
        let mustChange = try await services.accounts.passwordChangeRequired(userID: user.id)
        var response = PageRenderer.seeOther(mustChange ? PasswordChangePage.path : next ?? WebPaths.home(for: user.role))
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

    /// "1 minute", "2 minutes 5 seconds": the wait in words for the page.
    static func describe(seconds: Int) -> String {
        let minutes = seconds / 60, rest = seconds % 60
        let parts = [minutes > 0 ? Labels.count(minutes, "minute") : nil,
                     rest > 0 || minutes == 0 ? Labels.count(rest, "second") : nil]
        return parts.compactMap { $0 }.joined(separator: " ")
    }

    /// The form with a server-signed token (`LoginFormTokens`) in a cookie and a hidden field; the
    /// browser's token is kept while it has half its hour left, so two open tabs both work.
    private func loginPage(
        _ request: Request, context: WebRequestContext, next: String, email: String, notice: String?, error: String?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let now = services.clock()
        let tokens = services.cookies.loginTokens
        let halfLife = now.addingTimeInterval(LoginFormTokens.lifetime / 2)
        let token = request.cookies[SessionCookies.loginCSRFName]?.value.nonEmpty.flatMap { tokens.isValid($0, now: halfLife) ? $0 : nil }
            ?? tokens.issue(now: now)
        var response = services.renderer.render("login", LoginPage(
            frame: PageFrame(title: context.words.t("login.title"), context: context, path: "/login", notice: notice, error: error),
            loginCSRF: token, next: next, email: email,
            firstRun: try await services.firstRun.needsFirstAdministrator() ? FirstRun.instructions : nil), status: status)
        response.setCookie(services.cookies.loginCSRF(token, for: request))
        return response
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
