import Foundation
import HTTPTypes
import Hummingbird
import Localization
import Storage

/// The language and district display settings of the request being answered. `LanguageMiddleware`
/// sets them on the context (`context.words.t("key")` in a handler) and binds them here for the
/// code that has no context at hand: the renderer's template choice, `Labels`, `PageFrame`. A
/// task-local, so two requests in two languages never see each other's words.
enum PageLanguage {
    @TaskLocal static var words: Words = Catalogs.shipped.words("en")
    @TaskLocal static var display: DistrictDisplay = DistrictDisplay()
    /// Whether the store holds demo data (`DemoDataMarker`): only then does the footer say the data
    /// is synthetic. False where unknown (an error page drawn before the store was read).
    @TaskLocal static var demoData: Bool = false
}

/// Chooses each page's language (`LanguageChoice`: `?lang=`, the user's setting, `Accept-Language`,
/// English) and reads the district's time zone and distance unit, once per page request. Runs
/// after the session is known and before error pages are drawn, so error pages are translated too.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let catalogs: Catalogs
    let referrals: ReferralStore

    func handle(
        _ request: Request, context: WebRequestContext, next: (Request, WebRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let query = request.uri.queryParameters.get("lang")
        let language = LanguageChoice.resolve(
            query: query, userSetting: context.session?.language,
            acceptLanguage: request.headers[.acceptLanguage], available: catalogs)
        context.words = catalogs.words(language)
        // The stylesheet never reaches this group; pages that show no time pay one small read.
        let settings = try await referrals.pageSettings()
        context.display = settings.display
        var response = try await PageLanguage.$words.withValue(context.words) {
            try await PageLanguage.$display.withValue(context.display) {
                try await PageLanguage.$demoData.withValue(settings.holdsDemoData) {
                    try await next(request, context)
                }
            }
        }
        // Pages differ by language: a shared cache must not give one family's language to another.
        if response.headers[.contentType]?.hasPrefix("text/") == true {
            response.headers[.contentLanguage] = language
            response.headers[.vary] = "Accept-Language, Cookie"
        }
        return response
    }
}
