import Directory
import Foundation
import Hummingbird
import Localization
import Referrals
import Storage
import Workflows

/// The coordinator's start page, service search, matching and follow-ups.
struct CoordinatorPages: Sendable {
    let services: WebServices
    static let roles: Set<Role> = [.coordinator, .admin]

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("coordinator", use: home)
        web.get("coordinator/services", use: ServiceSearchPage(services: services).show)
        web.get("coordinator/match", use: MatchPage(services: services).show)
        web.get("coordinator/followups", use: followUps)
        web.get("coordinator/referrals", use: ReferralListPage(services: services).show)
    }

    struct HomePage {
        let frame: PageFrame
        let dueCount: Int
        let hasDue: Bool
        let due: [ReferralRow]
        let recent: [ReferralRow]
        let hasRecent: Bool
    }

    @Sendable func home(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(Self.roles, request)
        let now = services.clock()
        let builder = ReferralRowBuilder(services: services)
        let due = try await services.useCases.lists.followUps(visibleTo: user, now: now)
        let recent = try await services.useCases.lists.list(ReferralFilter(limit: 15), visibleTo: user, now: now)
        let recentRows = try await builder.rows(recent, for: user)
        return services.renderer.render("coordinator-home", HomePage(
            frame: PageFrame(title: context.words.t("home.title"), context: context, path: request.uri.path),
            dueCount: due.count, hasDue: !due.isEmpty, due: try await builder.rows(Array(due.prefix(5)), for: user),
            recent: recentRows, hasRecent: !recentRows.isEmpty))
    }

    struct FollowUpsPage {
        let frame: PageFrame
        let count: Int
        let attention: String
        let hasRows: Bool
        let rows: [ReferralRow]
        /// Check-ins due for phone-only families: asked by phone from the referral page.
        let phoneCheckIns: [PhoneLine]
        let hasPhoneCheckIns: Bool
    }

    struct PhoneLine {
        let href: String
        let text: String
    }

    /// The check-ins due by phone on referrals the user may read, oldest due first.
    func phoneCheckIns(for user: User, words: Words, now: Date) async throws -> [PhoneLine] {
        var lines: [PhoneLine] = []
        for checkIn in try await FamilyCheckIns(database: services.directory.database).dueByPhone(referralIDs: nil, for: user, now: now) {
            guard (try? await services.useCases.actions.referral(id: checkIn.referralID, visibleTo: user, now: now)) != nil else { continue }
            lines.append(PhoneLine(
                href: "/referrals/\(WebPaths.queryEscaped(checkIn.referralID))#phone-check-in",
                text: words.t("phone_checkin.list_line", ["service": checkIn.serviceName, "referral": checkIn.referralID, "day": Labels.day(checkIn.dueAt)])))
        }
        return lines
    }

    @Sendable func followUps(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(Self.roles, request)
        let due = try await services.useCases.lists.followUps(visibleTo: user, now: services.clock())
        let rows = try await ReferralRowBuilder(services: services).rows(due, for: user)
        let phone = try await phoneCheckIns(for: user, words: context.words, now: services.clock())
        return services.renderer.render("followups", FollowUpsPage(
            frame: PageFrame(title: context.words.t("home.followups_due"), context: context, path: request.uri.path), count: rows.count,
            attention: context.words.count("count.needs_attention", rows.count),
            hasRows: !rows.isEmpty, rows: rows, phoneCheckIns: phone, hasPhoneCheckIns: !phone.isEmpty))
    }
}
