import Foundation
import Referrals
import Storage
import Testing
import TestSupport
import Workflows

/// Issue 21 item 7 at the use-case layer: the open referral's id comes back, on both engines.
@Suite("Duplicate referrals")
struct DuplicateReferralWorkflowTests {
    @Test(arguments: TestBackend.available)
    func aSecondOpenReferralToTheServiceIsRefusedWithTheFirstsID(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.consentedStudent()
            let input = NewReferral(studentID: student.id, serviceID: world.service.id, barrier: "anxiety")
            let first = try await world.actions.start(input, by: world.coordinator, now: UseCaseWorld.now)
            // Sent and accepted is still open.
            _ = try await world.actions.apply(ReferralCommand(.send), toReferral: first.id, expectedVersion: 0, by: world.coordinator, now: UseCaseWorld.now)
            await #expect(throws: ReferralStoreError.openReferralExists(id: first.id)) {
                try await world.actions.start(input, by: world.coordinator, now: UseCaseWorld.now)
            }
            var second = input
            second.duplicateReason = String(repeating: "x", count: ReferralNote.maximumLength + 1)
            await #expect(throws: InputLimitViolation.self) {
                try await world.actions.start(second, by: world.coordinator, now: UseCaseWorld.now)
            }
            second.duplicateReason = "the family asked for a second intake at the evening clinic"
            let made = try await world.actions.start(second, by: world.coordinator, now: UseCaseWorld.now)
            #expect(made.id != first.id)
        }
    }
}
