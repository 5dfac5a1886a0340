import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// Issue 21 (harden2, item 7): a demo user an administrator disabled must not break the next demo
/// seed. Before, the seed looked users up among the active ones only, missed the disabled one and
/// tried to add it again: "email already exists".
@Suite("Security: demo seeding keeps disabled users disabled")
struct DemoSeedAccountsTests {
    static let now = Date(timeIntervalSince1970: 1_795_446_000)

    @Test(arguments: TestBackend.available)
    func aSecondDemoSeedKeepsADisabledUserDisabled(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let first = try await DemoReferrals.fill(store, DemoReferralOptions(referrals: 20, seed: 1, now: Self.now, writer: .store))
            let admin = try #require(first.logins.first { $0.user.role == .admin }).user
            let coordinator = try #require(first.logins.first { $0.user.role == .coordinator }).user
            let accounts = AccountStore(database: store.database)
            // The sign-in coordinator has a name and a (fictional) phone for the partner's cards (issue 22 item 2).
            let profile = try #require(try await accounts.profile(userID: coordinator.id))
            #expect(profile.displayName != nil && profile.phone?.contains("555-01") == true)
            _ = try await accounts.setDisabled(true, userID: coordinator.id, by: admin, now: Self.now)
            let tokensBefore = try await accounts.tokens(ofUser: coordinator.id).count
            let usersBefore = try await accounts.accounts().count

            let second = try await DemoReferrals.fill(store, DemoReferralOptions(referrals: 20, seed: 2, now: Self.now, writer: .store))
            #expect(second.referrals == 20)
            #expect(try await accounts.accounts().count == usersBefore, "no user added twice")
            let kept = try #require(try await accounts.account(idOrEmail: coordinator.email))
            #expect(kept.isDisabled && kept.user.id == coordinator.id)
            #expect(try await accounts.tokens(ofUser: coordinator.id).count == tokensBefore, "no new token for a disabled user")
            #expect(!second.logins.contains { $0.user.id == coordinator.id }, "a disabled user is not offered as a login")
            #expect(Set(second.logins.map(\.user.role)) == [.partner, .district, .admin])
            // The others still sign in with the demo password.
            #expect(try await accounts.verifyPassword(email: admin.email, password: DemoReferralOptions.defaultPassword, now: Self.now) != nil)
            #expect(try await accounts.verifyPassword(email: coordinator.email, password: DemoReferralOptions.defaultPassword, now: Self.now) == nil)
        }
    }
}
