import Directory
import Foundation
import Hummingbird
import Referrals
import Storage
import Workflows

/// The partner's inbox (referrals sent to the organization, with the allowed responses inline) and
/// the availability form for each of the organization's services.
struct PartnerPages: Sendable {
    let services: WebServices
    static let roles: Set<Role> = [.partner, .admin]

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("partner/inbox", use: inbox)
        let availability = AvailabilityPage(services: services)
        web.get("partner/services", use: availability.show)
        web.post("partner/services/:id/availability", use: availability.update)
    }

    struct InboxPage {
        let frame: PageFrame
        let showingAll: Bool
        let openCount: Int
        /// "1 referral is waiting for your answer." in words, not "1 referrals" (a stored value: templates read stored properties).
        let waiting: String
        let items: [InboxItem]
        let hasItems: Bool
        let search: String
        let showAllHref: String
        let showOpenHref: String
        /// "Referrals 21–40 of 57".
        let range: String?
        let previousHref: String?
        let nextHref: String?
    }

    /// Cards per inbox page.
    static let pageSize = 20

    struct InboxItem {
        let row: ReferralRow
        let actions: [ActionForm]
        let hasActions: Bool
    }

    @Sendable func inbox(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(Self.roles, request)
        let query = context.queryForm(request)
        let showingAll = query["show"] == "all"
        let search = (query["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let pageNumber = max(1, query["page"].flatMap(Int.init) ?? 1)
        let now = services.clock()
        let filter = ReferralFilter(states: showingAll ? [] : ReferralLists.stillOpenForPartners, limit: 500)
        // In the order a partner should work through them, as the API's inbox.
        let found = try await services.useCases.lists.inbox(filter, for: user, now: now)
        let rows = try await ReferralRowBuilder(services: services).rows(found, for: user)
        // The search reads what the card shows: referral number, need, service, school, state.
        let matching = zip(found, rows).filter { _, row in
            search.isEmpty || [row.id, row.barrier, row.service, row.school, row.state].contains { $0.localizedCaseInsensitiveContains(search) }
        }
        let start = min((pageNumber - 1) * Self.pageSize, max(0, matching.count - 1) / Self.pageSize * Self.pageSize)
        let shown = matching.dropFirst(start).prefix(Self.pageSize)
        func href(page: Int?, all: Bool) -> String {
            "/partner/inbox" + WebPaths.query([("show", all ? "all" : nil), ("q", search), ("page", page.map(String.init))])
        }
        let here = href(page: pageNumber > 1 ? start / Self.pageSize + 1 : nil, all: showingAll)
        // The cards shown carry what the partner decides on before Accept: the student fields the
        // consent shares and the coordinator's note when shared (read for these cards only).
        let cards = try await ReferralRowBuilder(services: services).rows(shown.map(\.0), for: user, withStudents: true)
        let items = zip(shown, cards).map { pair, row in
            let due = pair.0
            let actions = ActionForms.forms(for: due.referral, user: user, returnTo: here,
                                            consentCoversOrganization: true, today: services.useCases.consents.today(now), showNote: false)
                .filter { $0.action != ReferralAction.markEnteredInError.rawValue }
            return InboxItem(row: row, actions: actions, hasActions: !actions.isEmpty)
        }
        let currentPage = start / Self.pageSize + 1
        let waitingCount = found.filter { $0.referral.state == .referred }.count
        return services.renderer.render("inbox", InboxPage(
            frame: PageFrame(title: context.words.t("inbox.title"), context: context, path: request.uri.path, notice: Notice.text(query["notice"])),
            showingAll: showingAll, openCount: waitingCount,
            waiting: context.words.count("count.referral_waiting", waitingCount),
            items: items, hasItems: !items.isEmpty,
            search: search, showAllHref: href(page: nil, all: true), showOpenHref: href(page: nil, all: false),
            range: matching.isEmpty ? nil : context.words.t("inbox.range", ["first": String(start + 1), "last": String(start + shown.count), "total": String(matching.count)]),
            previousHref: currentPage > 1 ? href(page: currentPage - 1, all: showingAll) : nil,
            nextHref: start + shown.count < matching.count ? href(page: currentPage + 1, all: showingAll) : nil))
    }
}
