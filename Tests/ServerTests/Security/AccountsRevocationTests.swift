import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// Issue 21 item 2: access can be taken back. A token that no longer signs in is a 401 whose code
/// says why; disabling a user from the admin page ends their browser sessions and stops their
/// tokens on the very next request; a password reset shows a generated password once and ends the
/// user's other sessions; only administrators open these pages, and every form needs the session's
/// CSRF token. Before, tokens could not be revoked at all and nothing could disable a user.
@Suite("Security: users, tokens and sessions can be revoked")
struct AccountsRevocationTests {
    static func problemCode(_ response: TestResponse) throws -> String? {
        try json(response)["code"] as? String
    }

    /// What axe checks first on a form page: every visible input has a label naming it, every table a caption.
    static func expectLabelledInputs(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let inputs = html.components(separatedBy: "<input").dropFirst().map { $0.prefix { $0 != ">" } }
        for input in inputs where !input.contains(#"type="hidden""#) {
            let id = input.range(of: #"id="[^"]+""#, options: .regularExpression).map { String(input[$0].dropFirst(4).dropLast()) }
            #expect(id.map { html.contains(#"<label for="\#($0)""#) } == true, "input without a label: \(input)", sourceLocation: sourceLocation)
        }
        // Every table is named: by its <caption>, or (a caption kept above a scroll box) by aria-labelledby.
        #expect(html.components(separatedBy: "<table").count
                    == html.components(separatedBy: "<caption>").count + html.components(separatedBy: "<table aria-labelledby=").count - 1,
                sourceLocation: sourceLocation)
    }

    @Test(arguments: TestBackend.available)
    func aTokenThatNoLongerSignsInIsA401ThatSaysWhy(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let accounts = AccountStore(database: world.store.database)
            let coordinator = world.users["coordinator"]!, admin = world.users["admin"]!
            let token = try await accounts.issueToken(userID: coordinator.id, expiresAt: Date().addingTimeInterval(3_600))
            #expect(try await client.call(.get, "/api/v1/referrals", token: token).status == .ok)

            let expired = try await accounts.issueToken(userID: coordinator.id, expiresAt: Date().addingTimeInterval(-60))
            let expiredResponse = try await client.call(.get, "/api/v1/referrals", token: expired)
            #expect(expiredResponse.status == .unauthorized)
            #expect(try Self.problemCode(expiredResponse) == "token_expired")
            #expect(expiredResponse.headers[.wwwAuthenticate] == "Bearer")
            #expect(expiredResponse.headers[.contentType] == "application/problem+json")

            let unknown = try await client.call(.get, "/api/v1/referrals", token: "clt_" + String(repeating: "a", count: 64))
            #expect(unknown.status == .unauthorized)
            #expect(try Self.problemCode(unknown) == "unauthorized")

            let revoked = try await accounts.issueToken(userID: coordinator.id, expiresAt: nil, by: admin, now: Date())
            _ = try await accounts.revokeTokens(ids: [revoked.info.id], ofUser: coordinator.id, by: admin, now: Date())
            let revokedResponse = try await client.call(.get, "/api/v1/referrals", token: revoked.token)
            #expect(revokedResponse.status == .unauthorized)
            #expect(try Self.problemCode(revokedResponse) == "token_revoked")

            _ = try await accounts.setDisabled(true, userID: coordinator.id, by: admin, now: Date())
            let disabled = try await client.call(.get, "/api/v1/referrals", token: token)
            #expect(disabled.status == .unauthorized)
            #expect(try Self.problemCode(disabled) == "user_disabled")
            _ = try await accounts.setDisabled(false, userID: coordinator.id, by: admin, now: Date())
            #expect(try await client.call(.get, "/api/v1/referrals", token: token).status == .ok)
        }
    }

    /// The bearer check is one read per request and nothing is remembered between requests: a token
    /// that just worked is refused on the very next request once revoked, and its user's other token
    /// once the user is disabled.
    @Test(arguments: TestBackend.available)
    func aTokenThatJustWorkedIsRefusedOnTheVeryNextRequestOnceRevoked(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let accounts = AccountStore(database: world.store.database)
            let coordinator = world.users["coordinator"]!, admin = world.users["admin"]!
            let first = try await accounts.issueToken(userID: coordinator.id, expiresAt: nil, by: admin, now: Date())
            let second = try await accounts.issueToken(userID: coordinator.id, expiresAt: nil, by: admin, now: Date())
            #expect(try await client.call(.get, "/api/v1/referrals", token: first.token).status == .ok)
            _ = try await accounts.revokeTokens(ids: [first.info.id], ofUser: coordinator.id, by: admin, now: Date())
            let revoked = try await client.call(.get, "/api/v1/referrals", token: first.token)
            #expect(revoked.status == .unauthorized)
            #expect(try Self.problemCode(revoked) == "token_revoked")

            #expect(try await client.call(.get, "/api/v1/referrals", token: second.token).status == .ok)
            _ = try await accounts.setDisabled(true, userID: coordinator.id, by: admin, now: Date())
            let disabled = try await client.call(.get, "/api/v1/referrals", token: second.token)
            #expect(disabled.status == .unauthorized)
            #expect(try Self.problemCode(disabled) == "user_disabled")
        }
    }

    @Test(arguments: TestBackend.available)
    func disablingOnTheAdminPageEndsTheUsersSessionAndTokensAtOnce(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let coordinator = world.users["coordinator"]!
            let token = try await AccountStore(database: world.store.database)
                .issueToken(userID: coordinator.id, expiresAt: Date().addingTimeInterval(3_600))
            let user = PageBrowser(client)
            #expect(try await user.login(world.email("coordinator")).status == .seeOther)
            #expect(try await user.get("/coordinator").status == .ok)

            let admin = PageBrowser(client)
            #expect(try await admin.login(world.email("admin")).location == "/district")
            let list = try await admin.get("/admin/users")
            #expect(list.status == .ok)
            #expect(list.html.contains(#"<a href="/admin/users" aria-current="page">Users</a>"#))
            #expect(list.html.contains(#"<th scope="col">Status</th>"#))
            #expect(list.html.contains(#"<a href="/admin/users/\#(coordinator.id)">\#(world.email("coordinator"))</a>"#))
            let page = try await admin.get("/admin/users/\(coordinator.id)")
            #expect(page.status == .ok && page.html.contains("Disable this user"))
            for html in [list.html, page.html] { Self.expectLabelledInputs(html) }

            let disabled = try await admin.post("/admin/users/\(coordinator.id)/disable", [])
            #expect(disabled.status == .seeOther)
            #expect(disabled.location == "/admin/users/\(coordinator.id)?notice=disabled")
            let after = try await admin.get(disabled.location!)
            #expect(after.html.contains("User disabled") && after.html.contains("Enable this user") && after.html.contains("Disabled since"))

            // The user's very next request: signed out, the token refused, the password refused.
            #expect(try await user.get("/coordinator").location == "/login?next=%2Fcoordinator")
            let api = try await client.call(.get, "/api/v1/referrals", token: token)
            #expect(api.status == .unauthorized)
            #expect(try Self.problemCode(api) == "user_disabled")
            let again = try await PageBrowser(client).login(world.email("coordinator"))
            #expect(again.status == .unauthorized && again.html.contains("That email and password do not match an account."))

            #expect(try await admin.post("/admin/users/\(coordinator.id)/enable", []).location == "/admin/users/\(coordinator.id)?notice=enabled")
            #expect(try await PageBrowser(client).login(world.email("coordinator")).status == .seeOther)
            #expect(try await client.call(.get, "/api/v1/referrals", token: token).status == .ok)

            let audit = try await world.referrals.auditLog(by: world.users["admin"]!).filter { $0.action.hasPrefix("user.") }
            #expect(audit.map(\.action) == ["user.disable", "user.enable"])
            #expect(audit.allSatisfy { $0.actorID == world.users["admin"]!.id && $0.detail.contains(coordinator.id) })
        }
    }

    @Test(arguments: TestBackend.available)
    func onlyAdminsOpenTheUserPagesAndEveryFormNeedsTheSessionsToken(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let partner = world.users["partner"]!, admin = world.users["admin"]!
            let accounts = AccountStore(database: world.store.database)
            #expect(try await PageBrowser(client).get("/admin/users").location == "/login?next=%2Fadmin%2Fusers")

            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            _ = try await coordinator.get("/coordinator")
            #expect(try await coordinator.get("/admin/users").status == .forbidden)
            #expect(try await coordinator.get("/admin/users/\(partner.id)").status == .forbidden)
            #expect(try await coordinator.post("/admin/users/\(partner.id)/disable", []).status == .forbidden)
            #expect(try await coordinator.post("/admin/users/\(partner.id)/password", [("mode", "generate")]).status == .forbidden)

            let browser = PageBrowser(client)
            _ = try await browser.login(world.email("admin"))
            _ = try await browser.get("/admin/users/\(partner.id)")
            #expect(try await browser.post("/admin/users/\(partner.id)/disable", [], csrf: .none).status == .forbidden)
            #expect(try await browser.post("/admin/users/\(partner.id)/disable", [], csrf: .value(String(repeating: "0", count: 64))).status == .forbidden)
            #expect(try await accounts.account(id: partner.id)?.isDisabled == false)

            let own = try await browser.get("/admin/users/\(admin.id)")
            #expect(own.html.contains("This is your own account") && !own.html.contains("Disable this user"))
            let selfDisable = try await browser.post("/admin/users/\(admin.id)/disable", [])
            #expect(selfDisable.status == .forbidden && selfDisable.html.contains("you cannot disable your own account"))
            #expect(try await accounts.account(id: admin.id)?.isDisabled == false)
            #expect(try await browser.get("/admin/users/usr_missing").status == .notFound)
            #expect(try await browser.post("/admin/users/usr_missing/disable", []).status == .notFound)
            // The page escapes what it shows, like every other page.
            #expect(!own.html.contains("<script"))
        }
    }

    @Test(arguments: TestBackend.available)
    func aPasswordResetShowsTheNewPasswordOnceAndEndsTheUsersOtherSessions(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let partner = world.users["partner"]!, admin = world.users["admin"]!
            let user = PageBrowser(client)
            _ = try await user.login(world.email("partner"))
            #expect(try await user.get("/partner/inbox").status == .ok)

            let browser = PageBrowser(client)
            _ = try await browser.login(world.email("admin"))
            _ = try await browser.get("/admin/users/\(partner.id)")
            let reset = try await browser.post("/admin/users/\(partner.id)/password", [("mode", "generate")])
            #expect(reset.status == .ok)
            #expect(reset.headers[.cacheControl] == "no-store")
            let range = try #require(reset.html.range(of: #"<code id="new-password">[A-Za-z2-9-]{19}</code>"#, options: .regularExpression))
            let generated = String(reset.html[range].dropFirst(#"<code id="new-password">"#.count).dropLast("</code>".count))
            #expect(reset.html.contains("1 other browser session ended"))
            // Shown once: the page read again does not carry it.
            let reread = try await browser.get("/admin/users/\(partner.id)")
            #expect(reread.status == .ok && !reread.html.contains(generated))

            #expect(try await user.get("/partner/inbox").location == "/login?next=%2Fpartner%2Finbox")
            #expect(try await PageBrowser(client).login(world.email("partner")).status == .unauthorized)
            // The generated password signs in to the password page only (ForcedPasswordChangeTests).
            #expect(try await PageBrowser(client).login(world.email("partner"), password: generated).location == "/account/password")

            let differ = try await browser.post("/admin/users/\(partner.id)/password",
                                                [("mode", "typed"), ("password", "typed password 1"), ("password_confirmation", "typed password 2")])
            #expect(differ.status == .unprocessableContent && differ.html.contains("the two passwords differ"))

            // An admin setting their own password stays signed in; their other session ends.
            let otherAdminSession = PageBrowser(client)
            _ = try await otherAdminSession.login(world.email("admin"))
            let own = try await browser.post("/admin/users/\(admin.id)/password",
                                             [("mode", "typed"), ("password", "admin password 22"), ("password_confirmation", "admin password 22")])
            #expect(own.location == "/admin/users/\(admin.id)?notice=password_set")
            #expect(try await browser.get("/admin/users").status == .ok)
            #expect(try await otherAdminSession.get("/admin/users").location == "/login?next=%2Fadmin%2Fusers")

            let lines = try await world.referrals.auditLog(by: admin).filter { $0.action == "user.password_reset" }
            #expect(lines.count == 2 && lines.allSatisfy { !$0.detail.contains(generated) && !$0.detail.contains("admin password 22") })
        }
    }

    @Test(arguments: TestBackend.available)
    func aTokenIsRevokedFromTheAdminPage(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let partner = world.users["partner"]!, admin = world.users["admin"]!
            let issued = try await AccountStore(database: world.store.database)
                .issueToken(userID: partner.id, expiresAt: Date().addingTimeInterval(86_400), by: admin, now: Date())
            let browser = PageBrowser(client)
            _ = try await browser.login(world.email("admin"))
            let page = try await browser.get("/admin/users/\(partner.id)")
            #expect(page.html.contains(issued.info.id) && page.html.contains(issued.info.prefix! + "…"))
            let revoked = try await browser.post("/admin/users/\(partner.id)/tokens/\(issued.info.id)/revoke", [])
            #expect(revoked.location == "/admin/users/\(partner.id)?notice=token_revoked")
            let response = try await client.call(.get, "/api/v1/partner/referrals", token: issued.token)
            #expect(response.status == .unauthorized)
            #expect(try Self.problemCode(response) == "token_revoked")
            let twice = try await browser.post("/admin/users/\(partner.id)/tokens/\(issued.info.id)/revoke", [])
            #expect(twice.status == .conflict && twice.html.contains("already revoked or expired"))
        }
    }
}
