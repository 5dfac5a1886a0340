import Foundation
import Referrals
import Storage
import Testing
import TestSupport
import Workflows

/// Issue 21 item 6 at the use-case layer: an action without the version the caller saw is refused
/// before anything is read or written, whichever front end asks and whichever engine stores it.
@Suite("Referral actions need a version")
struct ReferralVersionRequiredTests {
    @Test(arguments: TestBackend.available)
    func anActionWithoutAVersionIsRefusedAndWritesNothing(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.consentedStudent()
            let referral = try await world.sentReferral(student)
            await #expect(throws: ReferralStoreError.versionRequired) {
                try await world.actions.apply(ReferralCommand(.contactAttempt), toReferral: referral.id, expectedVersion: nil,
                                              by: world.partner, now: UseCaseWorld.now)
            }
            let stored = try await world.actions.referral(id: referral.id, visibleTo: world.coordinator, now: UseCaseWorld.now)
            #expect(stored.version == 1)
            #expect(stored.events.map(\.action) == [.send])
        }
    }
}
