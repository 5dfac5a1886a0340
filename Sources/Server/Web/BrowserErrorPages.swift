import Hummingbird
import Localization

/// Errors that reach the router's edge — an address with no page (404), a body over the upload
/// limit (413), a failure nobody caught (500) — are problem JSON for API clients and an HTML page
/// for a browser: a request that asks for `text/html`, or any request outside `/api/` and
/// `/health` that does not ask for JSON. The pages' own errors are rendered by
/// `WebErrorMiddleware` before they get here; this catches what happens outside them.
struct BrowserErrorPages: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem where Self.wantsHTML(request) {
            var response = try page(problem.status, detail: problem.detail, request: request, context: context)
            if let allow = problem.allow { response.headers[.allow] = allow.joined(separator: ", ") }
            return response
        } catch let error as any HTTPResponseError where Self.wantsHTML(request) {
            return try page(error.status, detail: error.status.reasonPhrase, request: request, context: context)
        }
    }

    static func wantsHTML(_ request: Request) -> Bool {
        let accept = request.headers[.accept]?.lowercased() ?? ""
        if accept.contains("text/html") { return true }
        if accept.contains("json") { return false }
        let path = request.uri.path
        return !(path == "/api" || path.hasPrefix("/api/") || path == "/health" || path == "/hsds" || path.hasPrefix("/hsds/"))
    }

    private func page(_ status: HTTPResponse.Status, detail: String, request: Request, context: AppRequestContext) throws -> Response {
        // No session here: `?lang=` and the browser's Accept-Language choose the language.
        let catalogs = Catalogs.active
        let words = catalogs.words(LanguageChoice.resolve(
            query: request.uri.queryParameters.get("lang"), userSetting: nil, acceptLanguage: request.headers[.acceptLanguage], available: catalogs))
        let (title, message): (String, String)
        switch status {
        case .notFound: (title, message) = (words.t("error.not_found"), words.t("error.no_page"))
        case .contentTooLarge: (title, message) = (words.t("error.too_large"), words.t("error.too_large_text"))
        case .methodNotAllowed: (title, message) = (words.t("error.not_allowed_here"), words.t("error.not_allowed_here_text"))
        case .tooManyRequests: (title, message) = (words.t("error.too_many"), words.t("error.too_many_text"))
        case let status where status.code >= 500: (title, message) = (words.t("error.went_wrong"), words.t("error.went_wrong_edge"))
        // Other client errors carry the API's own wording, which is written for people.
        default: (title, message) = (status.reasonPhrase, detail)
        }
        // No session lookup here: the link goes to "/", which sends a signed-in user to their start page.
        let frameContext = try WebRequestContext(context: context)
        return PageLanguage.$words.withValue(words) {
            renderer.render("error", WebErrorMiddleware.ErrorPage(
                frame: PageFrame(title: title, context: frameContext, path: request.uri.path), message: message,
                backHref: "/", backLabel: words.t("error.start_page")), status: status)
        }
    }
}
