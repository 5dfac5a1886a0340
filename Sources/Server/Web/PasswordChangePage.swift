import Foundation
import Hummingbird
import Storage
import Workflows

/// `/account/password`: a signed-in user sets their own password. After an administrator set it
/// (`AccountStore.setPassword` marks the user), sign-in lands here and `PasswordChangeGate` sends
/// every other page here too, until the user has chosen one the administrator does not know.
struct PasswordChangePage: Sendable {
    static let path = "/account/password"
    let services: WebServices

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("account/password", use: show)
        web.post("account/password", use: change)
    }

    struct Page {
        let frame: PageFrame
        let required: Bool
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        _ = try context.requireUser(request)
        return page(context, error: nil, status: .ok)
    }

    @Sendable func change(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        // Passwords are taken as typed (not trimmed), as on the admin page.
        func raw(_ name: String) -> String { context.form.pairs.first { $0.name == name }?.value ?? "" }
        do {
            try await AccountAdministration(accounts: services.accounts).changeOwnPassword(
                of: user, current: raw("current_password"), new: raw("password"), confirmation: raw("password_confirmation"),
                keepingSessionToken: context.sessionToken, now: services.clock())
            return PageRenderer.seeOther(WebPaths.home(for: user.role))
        } catch let refusal as AccountRefusal {
            return page(context, error: context.words.t("password.not_changed", ["problem": RefusalWords.text(refusal)]), status: .unprocessableContent)
        }
    }

    private func page(_ context: WebRequestContext, error: String?, status: HTTPResponse.Status) -> Response {
        let required = context.session?.passwordChangeRequired == true
        return services.renderer.render("password-change", Page(
            frame: PageFrame(title: context.words.t(required ? "password.title_required" : "password.title"), context: context,
                             path: Self.path, error: error),
            required: required), status: status)
    }
}

/// While the signed-in user must choose a new password, every page but the password page and
/// sign-out answers with a redirect to it (303, so a form POST becomes a GET there).
struct PasswordChangeGate: RouterMiddleware {
    typealias Context = WebRequestContext

    func handle(
        _ request: Request, context: WebRequestContext, next: (Request, WebRequestContext) async throws -> Response
    ) async throws -> Response {
        guard context.session?.passwordChangeRequired == true,
              request.uri.path != PasswordChangePage.path, request.uri.path != "/logout" else {
            return try await next(request, context)
        }
        return PageRenderer.seeOther(PasswordChangePage.path)
    }
}
