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
        let items: [InboxItem]
        let hasItems: Bool
    }

    struct InboxItem {
        let row: ReferralRow
        let actions: [ActionForm]
        let hasActions: Bool
    }

    @Sendable func inbox(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(Self.roles, request)
        let query = context.queryForm(request)
        let showingAll = query["show"] == "all"
        let now = services.clock()
        let filter = ReferralFilter(states: showingAll ? [] : ReferralLists.stillOpenForPartners, limit: 200)
        // In the order a partner should work through them, as the API's inbox.
        let found = try await services.useCases.lists.inbox(filter, for: user, now: now)
        let rows = try await ReferralRowBuilder(services: services).rows(found, for: user)
        let items = zip(found, rows).map { due, row in
            let actions = ActionForms.forms(for: due.referral, user: user, returnTo: "/partner/inbox" + (showingAll ? "?show=all" : ""),
                                            consentCoversOrganization: true, today: services.useCases.consents.today(now), showNote: false)
                .filter { $0.action != ReferralAction.markEnteredInError.rawValue }
            return InboxItem(row: row, actions: actions, hasActions: !actions.isEmpty)
        }
        return services.renderer.render("inbox", InboxPage(
            frame: PageFrame(title: "Referral inbox", context: context, path: request.uri.path, notice: Notice.text(query["notice"])),
            showingAll: showingAll, openCount: found.filter { $0.referral.state == .referred }.count, items: items, hasItems: !items.isEmpty))
    }
}
