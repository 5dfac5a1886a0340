import Foundation
import Referrals
import Storage
import Testing
import TestSupport
import Workflows

/// The profile partners reach a coordinator by: what `ProfileRules` accepts (pure), and who may
/// change whose profile through `AccountAdministration` (both engines).
@Suite("Accounts: profiles")
struct ProfileWorkflowTests {
    static let now = ReferralFixture.now

    @Test func blanksAreNotStatedAndSpacesAreTidied() throws {
        #expect(try ProfileRules.profile(name: "  Dana   Okafor ", phone: " (515) 555-0123 ") == UserProfile(displayName: "Dana Okafor", phone: "(515) 555-0123"))
        #expect(try ProfileRules.profile(name: "", phone: "   ") == UserProfile())
        #expect(try ProfileRules.profile(name: nil, phone: nil) == UserProfile())
        for phone in ["+1 515 555 0123", "515.555.0123 x12", "515-555-0123 ext. 4", "5550123"] {
            #expect(try ProfileRules.profile(name: nil, phone: phone).phone == phone, "\(phone)")
        }
    }

    @Test func aPhoneMustBeANumberAndANameNotTooLong() {
        for phone in ["call me", "555-01", "515-555-0123 or email", "+1 515 555 0123 4567 8901 2345", "٥١٥٥٥٥٠١٢٣"] {
            #expect(throws: AccountRefusal.self, "\(phone)") { try ProfileRules.profile(name: nil, phone: phone) }
            do {
                _ = try ProfileRules.profile(name: nil, phone: phone)
            } catch {
                if case .invalidProfile(let field, _) = error { #expect(field == "phone") } else { Issue.record("\(error)") }
            }
        }
        #expect(throws: AccountRefusal.self) { try ProfileRules.profile(name: String(repeating: "a", count: 101), phone: nil) }
        #expect(throws: AccountRefusal.self) { try ProfileRules.profile(name: "Dana\u{7}", phone: nil) }
        #expect(AccountRefusal.invalidProfile(field: "phone", message: "x").status == 422)
        #expect(AccountRefusal.invalidProfile(field: "phone", message: "x").code == "invalid_profile")
    }

    @Test(arguments: TestBackend.available)
    func everyoneSetsTheirOwnAndOnlyAnAdminSomeoneElses(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let administration = AccountAdministration(accounts: fixture.accounts)
            let coordinator = fixture.user(.coordinator)
            let saved = try await administration.updateProfile(of: coordinator.id, name: " Dana Okafor", phone: "515-555-0123",
                                                               by: coordinator, now: Self.now)
            #expect(saved == UserProfile(displayName: "Dana Okafor", phone: "515-555-0123"))
            #expect(try await administration.profile(of: coordinator) == saved)
            await #expect(throws: AccountRefusal.notAnAdministrator) {
                try await administration.updateProfile(of: fixture.user(.otherCoordinator).id, name: "X", phone: nil, by: coordinator, now: Self.now)
            }
            let admin = fixture.user(.admin)
            _ = try await administration.updateProfile(of: coordinator.email, name: "Dana O.", phone: "", by: admin, now: Self.now)
            #expect(try await administration.profile(of: coordinator) == UserProfile(displayName: "Dana O.", phone: nil))
            await #expect(throws: AccountRefusal.unknownUser("nobody@example.org")) {
                try await administration.updateProfile(of: "nobody@example.org", name: nil, phone: nil, by: admin, now: Self.now)
            }
            // A refused value changes nothing.
            await #expect(throws: AccountRefusal.self) {
                try await administration.updateProfile(of: coordinator.id, name: "Dana", phone: "not a phone", by: coordinator, now: Self.now)
            }
            #expect(try await administration.profile(of: coordinator) == UserProfile(displayName: "Dana O.", phone: nil))

            // Added with a profile (`closeloop user add --name --phone`).
            let added = try await administration.addUser(
                email: "lee@example.org", role: .partner, organizationID: ReferralFixture.organizationID, schoolIDs: [], password: nil,
                tokenDays: nil, name: "Lee Park", phone: "515 555 0199", by: admin, now: Self.now)
            #expect(try await administration.profile(of: added.user) == UserProfile(displayName: "Lee Park", phone: "515 555 0199"))
            await #expect(throws: AccountRefusal.self) {
                try await administration.addUser(email: "kim@example.org", role: .district, organizationID: nil, schoolIDs: [], password: nil,
                                                 tokenDays: nil, phone: "nope", by: admin, now: Self.now)
            }
            #expect(try await fixture.accounts.account(idOrEmail: "kim@example.org") == nil, "a refused profile adds no user")
            let audited = try await fixture.referrals.auditLog(by: admin).filter { $0.action == "user.profile_update" }
            #expect(audited.map(\.actorID) == [coordinator.id, admin.id])
        }
    }
}
