import Foundation
import Referrals
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// The duplicate guard in the store: the reason is kept on the referral row, and a referral that
/// is over (terminal in the state machine) no longer counts as open.
@Suite("Referral store: duplicate guard")
struct ReferralDuplicateGuardTests {
    @Test(arguments: TestBackend.available)
    func theReasonIsStoredAndTerminalReferralsDoNotCount(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let first = try await fixture.draft(duplicateReason: nil)
            await #expect(throws: ReferralStoreError.openReferralExists(id: first.id)) {
                _ = try await fixture.draft(duplicateReason: nil)
            }
            let second = try await fixture.draft(duplicateReason: "  sibling program needs its own referral  ")
            let stored = try await fixture.referrals.sql.select().column("duplicate_reason").from("referrals")
                .where("id", .equal, second.id).first()?.decode(column: "duplicate_reason", as: String?.self)
            #expect(stored == "sibling program needs its own referral")

            for id in [first.id, second.id] {
                _ = try await fixture.referrals.apply(ReferralCommand(.cancel), toReferral: id, expectedVersion: 0,
                                                      by: fixture.user(.coordinator), now: ReferralFixture.now)
            }
            #expect(try await fixture.draft(duplicateReason: nil).state == .draft)
        }
    }
}
