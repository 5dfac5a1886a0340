import Foundation
import Hummingbird
import Localization
import Storage
import Workflows

/// The HTML pages for coordinators, partners and the district, registered beside the JSON API.
/// They run in their own route group with a cookie session and CSRF checks; the API's routes
/// never see the cookie and keep authenticating with bearer tokens only.
struct WebRoutes: Sendable {
    let services: WebServices

    init(store: DirectoryStore, useCases: UseCases, clock: @escaping @Sendable () -> Date,
         configuration: WebConfiguration = .fromEnvironment(), clientLimits: ClientLimits = ClientLimits()) {
        services = WebServices(
            directory: store, referrals: ReferralStore(database: store.database), accounts: AccountStore(database: store.database),
            sessions: SessionStore(database: store.database), useCases: useCases, renderer: PageRenderer(catalogs: Catalogs.active),
            cookies: SessionCookies(configuration: configuration), configuration: configuration, clock: clock,
            clientLimits: clientLimits, loginThrottle: LoginThrottle(database: store.database, policy: clientLimits.loginThrottle, clock: clientLimits.clock),
            firstRun: FirstRun(accounts: AccountStore(database: store.database)), catalogs: Catalogs.active)
    }

    func register(on router: Router<AppRequestContext>) {
        // Outside the session group: a stylesheet needs no database lookup.
        router.get(RouterPath(stringLiteral: String(StaticAssets.stylesheetPath.dropFirst()))) { _, _ in StaticAssets.stylesheet() }
        let web = router.group(context: WebRequestContext.self)
        web.add(middleware: SessionAuthentication(sessions: services.sessions, timeouts: services.configuration.sessionTimeouts, clock: services.clock))
        web.add(middleware: LanguageMiddleware(catalogs: services.catalogs, referrals: services.referrals))
        web.add(middleware: WebErrorMiddleware(renderer: services.renderer))
        web.add(middleware: CSRFProtection(loginTokens: services.cookies.loginTokens, clock: services.clock))
        web.add(middleware: PasswordChangeGate())
        LoginPages(services: services).register(on: web)
        PasswordChangePage(services: services).register(on: web)
        AccountProfilePage(services: services).register(on: web)
        AccountNotificationsPage(services: services).register(on: web)
        CoordinatorPages(services: services).register(on: web)
        StudentPages(services: services).register(on: web)
        ReferralPages(services: services).register(on: web)
        PartnerPages(services: services).register(on: web)
        DistrictPages(services: services).register(on: web)
        AdminPages(services: services).register(on: web)
        AdminOutboxPage(services: services).register(on: web)
        ServicePages(services: services).register(on: web)
        AccountPage(services: services).register(on: web)
    }
}

/// What every page handler uses: the use cases (shared with the JSON API and the CLI), the stores
/// for what pages only read, the renderer and the clock referrals are judged at.
struct WebServices: Sendable {
    let directory: DirectoryStore
    let referrals: ReferralStore
    let accounts: AccountStore
    let sessions: SessionStore
    let useCases: UseCases
    /// Where the match page queues gaps; the dashboard flushes it before it reads them.
    var gapRecorder: MatchGapRecorder { useCases.gapRecorder }
    let renderer: PageRenderer
    let cookies: SessionCookies
    let configuration: WebConfiguration
    let clock: @Sendable () -> Date
    /// Client addresses and the sign-in throttle (`LoginPages`).
    let clientLimits: ClientLimits
    let loginThrottle: LoginThrottle
    /// Whether the store still needs its first administrator (the sign-in page says how).
    let firstRun: FirstRun
    /// The languages pages can be shown in (`Catalogs.active`: shipped plus `CLOSELOOP_LOCALES_DIR`).
    let catalogs: Catalogs
}
