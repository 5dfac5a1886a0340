import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// What the referral store itself decides about who reads what — pseudonyms, the partner's view
/// through the consent in force, revoking a consent, the audit line of a list read — tested at the
/// Storage layer on both engines (the API and page tests reach the same code only through HTTP).
@Suite("Referral store: pseudonyms, partner views, revoking consent")
struct ReferralPrivacyStoreTests {
    static let now = ReferralFixture.now

    @Test(arguments: TestBackend.available)
    func aStudentsPseudonymIsStableForOneOrganizationAndDiffersForAnother(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let student = fixture.studentID
            let first = try await fixture.referrals.pseudonym(ofStudent: student, forOrganization: ReferralFixture.organizationID)
            #expect(first.hasPrefix("pst_") && first.count == 4 + 32)
            #expect(!first.contains(student))
            // The key is kept in the database: another handle on it (another server instance) names the student alike.
            let otherHandle = ReferralStore(database: fixture.store.database)
            #expect(try await otherHandle.pseudonym(ofStudent: student, forOrganization: ReferralFixture.organizationID) == first)
            // Two partners cannot join their records on it.
            #expect(try await otherHandle.pseudonym(ofStudent: student, forOrganization: ReferralFixture.otherOrganizationID) != first)
            let another = try await fixture.registerStudent(NewStudent(districtStudentID: "100234568", schoolID: ReferralFixture.schoolID))
            #expect(try await fixture.referrals.pseudonym(ofStudent: another.id, forOrganization: ReferralFixture.organizationID) != first)
        }
    }

    @Test(arguments: TestBackend.available)
    func aPartnerReadsTheReferralUnderItsPseudonymWithOnlyTheSharedFields(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let sent = try await fixture.sent()
            let pseudonym = try await fixture.referrals.pseudonym(ofStudent: fixture.studentID, forOrganization: ReferralFixture.organizationID)

            let partner = try await fixture.referrals.view(of: sent, for: fixture.user(.partner), now: Self.now)
            #expect(partner.studentKey == pseudonym)
            #expect(partner.coveredByConsent)
            #expect(partner.barrier == "anxiety" && partner.tier == 2)
            // The consent shares grade and languages: not the note, the school, the age or the district's id.
            #expect(partner.student == StudentRecord(grade: "7", languages: [.spanish]))
            #expect(partner.note == nil && partner.schoolID == nil)

            let coordinator = try await fixture.referrals.view(of: sent, for: fixture.user(.coordinator), now: Self.now)
            #expect(coordinator.studentKey == fixture.studentID)
            #expect(coordinator.student?.districtStudentID == ReferralFixture.districtStudentID && coordinator.student?.age == 12)
            #expect(coordinator.note == sent.note && coordinator.schoolID == ReferralFixture.schoolID)

            // Lists carry no student fields, for anyone.
            let listed = try await fixture.referrals.views(of: [sent], for: fixture.user(.partner), now: Self.now)
            #expect(listed.map(\.studentKey) == [pseudonym])
            #expect(listed.map(\.student) == [nil])
        }
    }

    @Test(arguments: TestBackend.available)
    func revokingAConsentCutsThePartnersViewOnceAndIsAudited(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let sent = try await fixture.sent()
            let consent = try #require(try await store.consents(studentID: fixture.studentID).first)
            let revokedAt = Self.now.addingTimeInterval(60)

            let revoked = try await store.revokeConsent(id: consent.id, studentID: fixture.studentID, by: fixture.user(.coordinator), now: revokedAt)
            #expect(revoked.consent.revokedAt == revokedAt)
            #expect(try await store.consents(studentID: fixture.studentID).first?.consent.revokedAt == revokedAt)
            // A second revocation changes nothing: the first moment stands, and there is one audit line.
            let again = try await store.revokeConsent(
                id: consent.id, studentID: fixture.studentID, by: fixture.user(.admin), now: revokedAt.addingTimeInterval(60))
            #expect(again.consent.revokedAt == revokedAt)
            let lines = try await store.auditLog(by: fixture.user(.admin)).filter { $0.action == "consent.revoke" }
            #expect(lines.map(\.actorID) == [fixture.user(.coordinator).id])
            #expect(lines.first?.detail == "consent \(consent.id); organizations \(ReferralFixture.organizationID)")

            // Before the revocation the partner read the student; after it, only its own record.
            #expect(try await store.view(of: sent, for: fixture.user(.partner), now: Self.now).coveredByConsent)
            let after = try await store.view(of: sent, for: fixture.user(.partner), now: revokedAt.addingTimeInterval(120))
            #expect(!after.coveredByConsent)
            #expect(after.student == nil && after.barrier == nil && after.tier == nil)
            #expect(after.studentKey == (try await store.pseudonym(ofStudent: fixture.studentID, forOrganization: ReferralFixture.organizationID)))
        }
    }

    /// The reply to an action is encoded from one read (the referral, its maker's contact and the
    /// student's consents joined): it says what the separate reads say, for every person, while the
    /// consent that covers the partner changes, and for a referral that does not exist.
    @Test(arguments: TestBackend.available)
    func theReplyLensFromOneReadAgreesWithTheSeparateReads(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let coordinator = fixture.user(.coordinator)
            try await fixture.accounts.setProfile(UserProfile(displayName: "Ana Ruiz", phone: "515-555-0100"), userID: coordinator.id,
                                                  by: coordinator, now: Self.now)
            let sent = try await fixture.sent()
            let pseudonym = try await store.pseudonym(ofStudent: fixture.studentID, forOrganization: ReferralFixture.organizationID)
            let contact = CoordinatorContact(userID: coordinator.id, name: "Ana Ruiz", email: ReferralFixture.email(.coordinator),
                                             phone: "515-555-0100")
            func expectAgreement(at instant: Date, partnerSees consent: Consent?) async throws {
                for person in ReferralFixture.Person.allCases {
                    let user = fixture.user(person)
                    let reply = try await store.replyLens(forReferral: sent.id, user: user, now: instant)
                    #expect(reply.lens == (try await store.lens(forReferral: sent.id, user: user, now: instant)), "\(person)")
                    #expect(reply.coordinator == contact, "\(person)")
                }
                #expect(try await store.replyLens(forReferral: sent.id, user: fixture.user(.partner), now: instant).lens
                        == .partner(consent: consent, pseudonym: pseudonym))
                #expect(try await store.replyLens(forReferral: sent.id, user: coordinator, now: instant).lens == .whole)
            }
            let first = try #require(try await store.consents(studentID: fixture.studentID).first)
            try await expectAgreement(at: Self.now, partnerSees: first.consent)

            // A second consent, then the first revoked: the partner reads through the second.
            let second = Consent(organizationIDs: [ReferralFixture.organizationID], givenBy: "Jorge Lopez (father)", method: .verbal,
                                 sharedFields: [.age], givenOn: CalendarDate(Self.now), expiresOn: nil)
            _ = try await store.addConsent(second, studentID: fixture.studentID, by: coordinator, now: Self.now.addingTimeInterval(60))
            _ = try await store.revokeConsent(id: first.id, studentID: fixture.studentID, by: coordinator, now: Self.now.addingTimeInterval(120))
            try await expectAgreement(at: Self.now.addingTimeInterval(180), partnerSees: second)

            // A referral that does not exist: a lens that shows a partner nothing, and no contact.
            let missing = try await store.replyLens(forReferral: "ref_missing", user: fixture.user(.partner), now: Self.now)
            #expect(missing.lens == .partner(consent: nil, pseudonym: "") && missing.coordinator == nil)
            let missingWhole = try await store.replyLens(forReferral: "ref_missing", user: coordinator, now: Self.now)
            #expect(missingWhole.lens == .whole && missingWhole.coordinator == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func revokingAConsentIsRefusedWithTheReason(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let consent = try #require(try await store.consents(studentID: fixture.studentID).first)
            await #expect(throws: ReferralStoreError.forbidden(Permission.recordConsent.refusal)) {
                _ = try await store.revokeConsent(id: consent.id, studentID: fixture.studentID, by: fixture.user(.partner), now: Self.now)
            }
            // Another school's coordinator is told the student does not exist.
            await #expect(throws: ReferralStoreError.notFound(kind: "student", id: fixture.studentID)) {
                _ = try await store.revokeConsent(id: consent.id, studentID: fixture.studentID, by: fixture.user(.otherCoordinator), now: Self.now)
            }
            // A consent of another student cannot be revoked through this one.
            let other = try await fixture.registerStudent(
                NewStudent(districtStudentID: "100234569", schoolID: ReferralFixture.schoolID), consentingTo: [ReferralFixture.organizationID])
            let othersConsent = try #require(try await store.consents(studentID: other.id).first)
            await #expect(throws: ReferralStoreError.notFound(kind: "consent", id: othersConsent.id)) {
                _ = try await store.revokeConsent(id: othersConsent.id, studentID: fixture.studentID, by: fixture.user(.coordinator), now: Self.now)
            }
            #expect(try await store.consents(studentID: fixture.studentID).allSatisfy { $0.consent.revokedAt == nil })
            #expect(try await store.consents(studentID: other.id).allSatisfy { $0.consent.revokedAt == nil })
        }
    }

    @Test(arguments: TestBackend.available)
    func everyIdempotentReferralWriteKeepsItsReply(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let coordinator = fixture.user(.coordinator)
            func write<R: Sendable>(_ key: String, _ reply: @escaping @Sendable (R) -> String) -> IdempotentWrite<R> {
                IdempotentWrite(userID: coordinator.id, key: key, fingerprint: "fp-\(key)", status: 201) { reply($0) }
            }
            let consent = try await store.addConsent(
                Consent(organizationIDs: [ReferralFixture.otherOrganizationID], givenBy: "father", method: .verbal, sharedFields: [.age],
                        givenOn: CalendarDate(Self.now)),
                studentID: fixture.studentID, by: coordinator, now: Self.now, idempotency: write("k-consent") { (stored: StoredConsent) in stored.id })
            let referral = try await store.createReferral(
                NewReferral(studentID: fixture.studentID, serviceID: ReferralFixture.otherServiceID, barrier: "food_insecurity"),
                by: coordinator, now: Self.now, idempotency: write("k-referral") { (made: Referral) in made.id })
            _ = try await store.revokeConsent(
                id: consent.id, studentID: fixture.studentID, by: coordinator, now: Self.now,
                idempotency: write("k-revoke") { (stored: StoredConsent) in "revoked \(stored.id)" })
            #expect(try await store.storedReply(userID: coordinator.id, key: "k-consent")?.body == consent.id)
            #expect(try await store.storedReply(userID: coordinator.id, key: "k-referral")?.body == referral.id)
            #expect(try await store.storedReply(userID: coordinator.id, key: "k-revoke")?.body == "revoked \(consent.id)")
            #expect(try await store.storedReply(userID: coordinator.id, key: "k-revoke")?.fingerprint == "fp-k-revoke")
        }
    }

    @Test(arguments: TestBackend.available)
    func aListReadLeavesOneAuditLineWithItsCount(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let partner = fixture.user(.partner)
            try await fixture.referrals.auditListRead("referral.list", count: 17, by: partner, now: Self.now)
            let lines = try await fixture.referrals.auditLog(by: fixture.user(.admin)).filter { $0.action == "referral.list" }
            #expect(lines.count == 1)
            #expect(lines.first.map { [$0.actorID, $0.role, $0.organizationID, $0.detail] }
                == [partner.id, "partner", ReferralFixture.organizationID, "17 rows"])
            #expect(lines.first?.at == Self.now)
        }
    }
}
