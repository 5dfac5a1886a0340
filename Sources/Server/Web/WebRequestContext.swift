import Hummingbird
import Localization
import NIOCore
import Referrals
import Storage

/// The request context of the HTML pages: the API's context plus the browser session, kept apart
/// so that a session cookie never authenticates an API call (the API stays bearer-only and so
/// cannot be driven cross-site by a page the user happens to visit).
struct WebRequestContext: ChildRequestContext {
    typealias ParentContext = AppRequestContext
    var coreContext: CoreRequestContextStorage
    /// Set by `SessionAuthentication` when the cookie names a live session.
    var session: WebSession?
    /// The cookie's token, needed to end the session at logout.
    var sessionToken: String?
    /// The decoded body of a form POST, read once by `CSRFProtection`.
    var form = FormData()
    /// The TCP peer, for the login throttle.
    var remoteAddress: SocketAddress?
    /// The page's language (`LanguageMiddleware`): `context.words.t("key")`.
    var words: Words = Catalogs.shipped.words("en")
    /// The district's time zone and distance unit, for every time and distance a page shows.
    var display = DistrictDisplay()

    init(context: AppRequestContext) throws {
        coreContext = context.coreContext
        remoteAddress = context.remoteAddress
    }

    var user: User? { session?.user }
}
