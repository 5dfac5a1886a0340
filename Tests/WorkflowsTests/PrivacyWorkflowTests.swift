import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport
import Workflows

/// Issue 21 items 1, 2 (consent revocation) and 9 at the use-case layer, on both engines: what the
/// partner reads before and after a revocation, the pseudonym, the district's refusal, the audit.
@Suite("Privacy workflows")
struct PrivacyWorkflowTests {
    @Test(arguments: TestBackend.available)
    func revokingCutsThePartnersViewAtTheInstantItIsRecorded(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.consentedStudent()
            let sent = try await world.sentReferral(student)
            let before = try await world.actions.view(of: sent, for: world.partner, now: UseCaseWorld.now)
            #expect(before.coveredByConsent && before.student == StudentRecord(grade: "8") && before.barrier == "anxiety")
            #expect(before.studentKey != student.id && before.studentKey.hasPrefix("pst_"))

            let consent = try #require(try await world.students.consents(ofStudent: student.id, visibleTo: world.coordinator, now: UseCaseWorld.now).first)
            // Only those who record consent revoke it; another school's coordinator does not find the student.
            await #expect(throws: ReferralStoreError.forbidden(Permission.recordConsent.refusal)) {
                try await world.consents.revoke(consent: consent.id, ofStudent: student.id, by: world.partner, now: UseCaseWorld.now)
            }
            await #expect(throws: ReferralStoreError.notFound(kind: "student", id: student.id)) {
                try await world.consents.revoke(consent: consent.id, ofStudent: student.id, by: world.otherCoordinator, now: UseCaseWorld.now)
            }
            let revokedAt = UseCaseWorld.now.addingTimeInterval(600)
            let revoked = try await world.consents.revoke(consent: consent.id, ofStudent: student.id, by: world.coordinator, now: revokedAt)
            #expect(revoked.consent.revokedAt == revokedAt)
            #expect(try await world.referralStore.consents(studentID: student.id).first?.consent.revokedAt == revokedAt)

            // A read a second earlier still had the consent; a read at that instant has only the partner's own record.
            let justBefore = try await world.actions.view(of: sent, for: world.partner, now: revokedAt.addingTimeInterval(-1))
            #expect(justBefore.coveredByConsent)
            let after = try await world.actions.view(of: sent, for: world.partner, now: revokedAt)
            #expect(!after.coveredByConsent && after.student == nil && after.barrier == nil && after.tier == nil && after.schoolID == nil)
            #expect(after.studentKey == before.studentKey, "the pseudonym is stable")
            #expect(after.referral.state == .referred)
            // The coordinator's view is whole whatever the consent.
            let whole = try await world.actions.view(of: sent, for: world.coordinator, now: revokedAt)
            #expect(whole.studentKey == student.id && whole.barrier == "anxiety")

            let audit = try await world.referralStore.auditLog(studentID: student.id, by: world.admin)
            #expect(audit.filter { $0.action == "consent.revoke" }.map(\.actorID) == [world.coordinator.id])
        }
    }

    @Test(arguments: TestBackend.available)
    func pseudonymsAreStableAndDifferPerOrganization(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.consentedStudent()
            let store = world.referralStore
            let here = try await store.pseudonym(ofStudent: student.id, forOrganization: world.service.organizationID)
            let again = try await ReferralStore(database: world.store.database).pseudonym(ofStudent: student.id, forOrganization: world.service.organizationID)
            let there = try await store.pseudonym(ofStudent: student.id, forOrganization: world.otherOrganizationID)
            #expect(here == again)
            #expect(here != there)
            #expect(!here.contains(student.id) && !here.contains(student.districtStudentID))
            let other = try await world.consentedStudent("S-3999")
            #expect(try await store.pseudonym(ofStudent: other.id, forOrganization: world.service.organizationID) != here)
        }
    }

    @Test(arguments: TestBackend.available)
    func theDistrictIsRefusedStudentLevelReadsAndListsAreAuditedOnce(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.consentedStudent()
            _ = try await world.sentReferral(student)
            await #expect(throws: ReferralStoreError.aggregatesOnly) {
                try await world.lists.list(ReferralFilter(), visibleTo: world.district, now: UseCaseWorld.now)
            }
            await #expect(throws: ReferralStoreError.aggregatesOnly) {
                try await world.students.student(id: student.id, visibleTo: world.district, now: UseCaseWorld.now)
            }
            await #expect(throws: ReferralStoreError.aggregatesOnly) {
                try await world.lists.followUps(visibleTo: world.district, now: UseCaseWorld.now)
            }
            let before = try await world.referralStore.auditLog(by: world.admin, limit: 10_000).count
            let listed = try await world.lists.list(ReferralFilter(), visibleTo: world.coordinator, now: UseCaseWorld.now)
            _ = try await world.lists.inbox(ReferralFilter(), for: world.partner, now: UseCaseWorld.now)
            _ = try await world.lists.followUps(visibleTo: world.admin, now: UseCaseWorld.now)
            let lines = Array(try await world.referralStore.auditLog(by: world.admin, limit: 10_000).dropFirst(before))
            #expect(lines.map(\.action) == ["referral.list", "inbox.read", "followup.list"])
            #expect(lines.first?.detail == "\(listed.count) rows")
            #expect(lines.map(\.actorID) == [world.coordinator.id, world.partner.id, world.admin.id])
        }
    }
}
