import Foundation
import Hummingbird
import Storage
import Workflows

/// Turns what page handlers throw into HTML: a redirect to the login page, or an error page with
/// the right status, the user's navigation and a way back. Nothing internal leaks into a 500 page.
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let renderer: PageRenderer

    struct ErrorPage {
        let frame: PageFrame
        let message: String
        let backHref: String
        let backLabel: String
    }

    func handle(
        _ request: Request, context: WebRequestContext, next: (Request, WebRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as WebPageError {
            switch error {
            case .signInRequired(let returnTo):
                return PageRenderer.seeOther("/login?next=" + WebPaths.queryEscaped(returnTo))
            case .forbidden(let message):
                return page(.forbidden, context.words.t("error.not_allowed"), message, context: context, request: request)
            case .notFound(let message):
                return page(.notFound, context.words.t("error.not_found"), message, context: context, request: request)
            case .csrfRejected:
                return page(.forbidden, context.words.t("error.csrf_title"), context.words.t("error.csrf"),
                            context: context, request: request)
            case .badForm(let message):
                return page(.badRequest, context.words.t("error.form_unreadable"), message, context: context, request: request)
            }
        } catch let error as ReferralStoreError {
            switch error {
            case .forbidden: return page(.forbidden, context.words.t("error.not_allowed"), RefusalWords.text(error), context: context, request: request)
            case .notFound: return page(.notFound, context.words.t("error.not_found"), RefusalWords.text(error), context: context, request: request)
            default: return page(.unprocessableContent, context.words.t("error.not_saved"), RefusalWords.text(error), context: context, request: request)
            }
        } catch let violation as InputLimitViolation {
            return page(.unprocessableContent, context.words.t("error.not_saved"), RefusalWords.text(violation), context: context, request: request)
        } catch let error as StoreError where Problem(storeError: error) != nil {
            // The API's 503 + Retry-After for a busy store, 409 for a unique key taken at the same moment.
            let problem = Problem(storeError: error)!
            var response = page(problem.status, problem.title, error.description, context: context, request: request)
            if let seconds = problem.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
            return response
        } catch let error as HTTPError {
            return page(error.status, error.status.reasonPhrase, error.body ?? error.status.reasonPhrase, context: context, request: request)
        } catch {
            context.logger.error("page failed", metadata: ["error": "\(StoreError.loggable(error))", "path": "\(request.uri.path)"])
            return page(.internalServerError, context.words.t("error.went_wrong"), context.words.t("error.went_wrong_text"),
                        context: context, request: request)
        }
    }

    private func page(
        _ status: HTTPResponse.Status, _ title: String, _ message: String, context: WebRequestContext, request: Request
    ) -> Response {
        let home = context.user.map { WebPaths.home(for: $0.role) } ?? "/login"
        return renderer.render("error", ErrorPage(
            frame: PageFrame(title: title, context: context, path: request.uri.path), message: message,
            backHref: home, backLabel: context.user == nil ? context.words.t("login.title") : context.words.t("error.back_home")), status: status)
    }
}
