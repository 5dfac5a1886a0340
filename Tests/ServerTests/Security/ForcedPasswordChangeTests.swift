import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// Issue 21 (harden2, item 6): after an administrator resets a password, the user must choose their
/// own at the next sign-in. Before, the password the administrator had seen (or typed) kept working
/// for good, and sign-in went straight to the user's pages.
@Suite("Security: a reset password must be changed at next sign-in")
struct ForcedPasswordChangeTests {
    @Test(arguments: TestBackend.available)
    func signInAfterAResetLeadsOnlyToThePasswordPage(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let partner = world.users["partner"]!, admin = world.users["admin"]!
            let browser = PageBrowser(client)
            _ = try await browser.login(world.email("admin"))
            _ = try await browser.get("/admin/users/\(partner.id)")
            let given = "given password 123"
            let reset = try await browser.post("/admin/users/\(partner.id)/password",
                                               [("mode", "typed"), ("password", given), ("password_confirmation", given)])
            #expect(reset.location == "/admin/users/\(partner.id)?notice=password_set")

            let user = PageBrowser(client)
            #expect(try await user.login(world.email("partner"), password: given).location == "/account/password")
            // Every other page, and every form, sends the user back to the password page.
            #expect(try await user.get("/partner/inbox").location == "/account/password")
            #expect(try await user.get("/").location == "/account/password")
            let page = try await user.get("/account/password")
            #expect(page.status == .ok && page.html.contains("An administrator set your password"))
            AccountsRevocationTests.expectLabelledInputs(page.html)

            // Refused: a wrong current password, two different new ones, the given one again, a short one.
            for (current, new, again, reason) in [
                ("wrong password 99", "my own password 1", "my own password 1", "the current password is not right"),
                (given, "my own password 1", "my own password 2", "the two passwords differ"),
                (given, given, given, "different from the one you were given"),
                (given, "short", "short", "at least 10 characters"),
            ] {
                let refused = try await user.post("/account/password",
                                                  [("current_password", current), ("password", new), ("password_confirmation", again)])
                #expect(refused.status == .unprocessableContent && refused.html.contains(reason), "\(reason)")
            }
            #expect(try await user.get("/partner/inbox").location == "/account/password")

            let changed = try await user.post("/account/password",
                                              [("current_password", given), ("password", "my own password 1"), ("password_confirmation", "my own password 1")])
            #expect(changed.location == "/partner/inbox")
            #expect(try await user.get("/partner/inbox").status == .ok)
            // The given password no longer signs in; the user's own does, straight to their pages.
            #expect(try await PageBrowser(client).login(world.email("partner"), password: given).status == .unauthorized)
            #expect(try await PageBrowser(client).login(world.email("partner"), password: "my own password 1").location == "/partner/inbox")
            let lines = try await world.referrals.auditLog(by: admin).filter { $0.action == "user.password_change" }
            #expect(lines.count == 1 && !lines[0].detail.contains("my own password 1"))

            // An administrator setting their own password is not sent to change it again.
            let own = try await browser.post("/admin/users/\(admin.id)/password",
                                             [("mode", "typed"), ("password", "admin password 22"), ("password_confirmation", "admin password 22")])
            #expect(own.location == "/admin/users/\(admin.id)?notice=password_set")
            #expect(try await browser.get("/admin/users").status == .ok)
        }
    }
}
