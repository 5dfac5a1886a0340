import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// The district's settings as the referral and account stores keep them side by side in one table:
/// follow-up timers with their defaults, and the default API token lifetime.
@Suite("Referral and account stores: district settings")
struct DistrictSettingsStoreTests {
    @Test(arguments: TestBackend.available)
    func theFollowUpTimersAreTheDefaultsUntilTheDistrictSetsThem(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            #expect(try await store.followUpPolicy() == FollowUpPolicy())
            try await store.setSetting(.intakeGraceDays, to: "5")
            try await store.setSetting(.intakeGraceDays, to: "7")
            try await store.setSetting(.timeZone, to: "America/Chicago")
            // A value that does not read as its kind keeps the default rather than breaking the timers.
            try await store.setSetting(.waitlistRecheckDays, to: "two weeks")
            #expect(try await store.setting(.intakeGraceDays) == "7")
            #expect(try await store.setting(.partnerResponseBusinessDays) == nil)
            let policy = try await store.followUpPolicy()
            #expect(policy == FollowUpPolicy(intakeGraceDays: 7, timeZone: TimeZone(identifier: "America/Chicago")!))
        }
    }

    @Test(arguments: TestBackend.available)
    func theDefaultTokenLifetimeIsKeptBesideTheTimersWithoutDisturbingThem(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            #expect(try await fixture.accounts.defaultTokenDays() == nil)
            try await fixture.referrals.setSetting(.partnerResponseBusinessDays, to: "3")
            try await fixture.accounts.setDefaultTokenDays(30)
            try await fixture.accounts.setDefaultTokenDays(90)
            #expect(try await fixture.accounts.defaultTokenDays() == 90)
            // Another handle on the database reads the same (it is stored, not remembered).
            #expect(try await AccountStore(database: fixture.store.database).defaultTokenDays() == 90)
            #expect(try await fixture.referrals.followUpPolicy() == FollowUpPolicy(partnerResponseBusinessDays: 3))
        }
    }
}
