import Foundation
import Testing

@testable import Referrals

/// What a partner sees of a referral under each consent state: the pure rules of issue 21 item 1,
/// without a database.
@Suite("Partner view: minimum necessary")
struct PartnerViewTests {
    static let organization = "org-counseling"
    static let given = Fixtures.day("2025-06-01")
    static let studentRecord = StudentRecord(
        districtStudentID: "100234567", schoolID: "sch-hoover", grade: "7", age: 12, languages: nil, groups: [.lowIncome])

    /// Sent by the coordinator with a note, a contact attempt noted by the school, one noted by the
    /// partner; a re-referral after a decline elsewhere.
    static let referral: Referral = {
        let at = Fixtures.start
        let events = [
            ReferralEvent(sequence: 1, action: .send, from: .draft, to: .referred, actorID: "usr-coord", role: .coordinator, at: at,
                          note: "mother works nights; call after 10"),
            ReferralEvent(sequence: 2, action: .contactAttempt, from: .referred, to: .referred, actorID: "usr-coord", role: .coordinator,
                          at: at.addingTimeInterval(3600), note: "school counselor spoke with the family"),
            ReferralEvent(sequence: 3, action: .accept, from: .referred, to: .accepted, actorID: "usr-partner", role: .partner,
                          at: at.addingTimeInterval(7200), note: "intake slot held for Tuesday"),
        ]
        return Referral(
            id: "ref-1", studentID: "stu-stable-id", serviceID: "svc-1", organizationID: organization, schoolID: "sch-hoover",
            barrier: "anxiety", tier: 2, state: .accepted, version: 3, previousReferralID: "ref-declined-elsewhere",
            note: "Family disclosed a diagnosis; see file", createdBy: "usr-coord", createdAt: at, updatedAt: at.addingTimeInterval(7200),
            sentAt: at, events: events)
    }()

    static func consent(_ fields: Set<SharedField>, revokedAt: Date? = nil, expiresOn: String? = nil) -> Consent {
        Consent(organizationIDs: [organization], givenBy: "mother", method: .written, sharedFields: fields, givenOn: given,
                expiresOn: expiresOn.map(Fixtures.day), revokedAt: revokedAt)
    }

    @Test func gradeOnlyConsentSharesGradeAndNothingElse() {
        let view = PartnerView.view(of: Self.referral, student: Self.studentRecord, under: Self.consent([.grade]), pseudonym: "pst_a")
        #expect(view.student == StudentRecord(grade: "7"))
        #expect(view.schoolID == nil, "the school is a field the family may share or not")
        #expect(view.note == nil, "the coordinator's note travels only when shared")
        #expect(view.previousReferralID == nil, "a decline elsewhere is never shown")
        #expect(view.studentKey == "pst_a" && view.studentKey != Self.referral.studentID)
        #expect(view.events.map(\.note) == [nil, nil, "intake slot held for Tuesday"], "school notes hidden, the partner's own kept")
        #expect(view.barrier == "anxiety" && view.tier == 2, "the need referred is the referral itself while consent is in force")
        #expect(view.coveredByConsent)
    }

    @Test func sharedNoteAndSchoolAreShown() {
        let view = PartnerView.view(of: Self.referral, student: Self.studentRecord, under: Self.consent([.note, .school]), pseudonym: "pst_a")
        #expect(view.note == Self.referral.note)
        #expect(view.schoolID == "sch-hoover")
        #expect(view.events.map(\.note) == Self.referral.events.map(\.note))
        #expect(view.previousReferralID == nil, "not even when everything else is shared")
        #expect(view.student?.grade == nil, "grade not named")
    }

    @Test func afterRevocationOnlyItsOwnRecordRemains() {
        let revokedAt = Fixtures.instant("2025-06-20T12:00:00Z")
        let all = Set(SharedField.allCases)
        let consent = Self.consent(all, revokedAt: revokedAt)
        let before = PartnerView.covering([consent], organizationID: Self.organization, on: revokedAt.addingTimeInterval(-1))
        #expect(before == consent)
        let covering = PartnerView.covering([consent], organizationID: Self.organization, on: revokedAt)
        #expect(covering == nil, "effective at the instant of revocation")
        let view = PartnerView.view(of: Self.referral, student: Self.studentRecord, under: covering, pseudonym: "pst_a")
        #expect(view.student == nil && view.schoolID == nil && view.note == nil && view.barrier == nil && view.tier == nil)
        #expect(view.previousReferralID == nil)
        #expect(view.events.map(\.to) == Self.referral.events.map(\.to), "states kept")
        #expect(view.events.map(\.at) == Self.referral.events.map(\.at), "dates kept")
        #expect(view.events.map(\.note) == [nil, nil, "intake slot held for Tuesday"], "its own notes kept")
        #expect(!view.coveredByConsent)
        #expect(view.referral.state == .accepted && view.referral.version == 3)
    }

    @Test func afterExpiryOnlyItsOwnRecordRemains() {
        let consent = Self.consent([.grade, .note], expiresOn: "2025-06-15")
        #expect(PartnerView.covering([consent], organizationID: Self.organization, on: Fixtures.instant("2025-06-14T23:00:00Z")) != nil)
        let covering = PartnerView.covering([consent], organizationID: Self.organization, on: Fixtures.instant("2025-06-15T00:00:00Z"))
        #expect(covering == nil)
        #expect(ReferralLens.partner(consent: covering, pseudonym: "pst_a").view(of: Self.referral, student: Self.studentRecord).note == nil)
    }

    @Test func anotherOrganizationsConsentDoesNotCover() {
        let elsewhere = Consent(organizationIDs: ["org-other"], givenBy: "mother", method: .written, sharedFields: [.grade, .note],
                                givenOn: Self.given)
        #expect(PartnerView.covering([elsewhere], organizationID: Self.organization, on: Fixtures.now) == nil)
    }

    @Test func everyConsentInForceCountsAndARevokedOneNoLonger() {
        let older = Self.consent([.grade, .note])
        let newer = Self.consent([.age])
        #expect(PartnerView.covering([older, newer], organizationID: Self.organization, on: Fixtures.now)?.sharedFields == [.grade, .note, .age])
        #expect(PartnerView.covering([newer, older], organizationID: Self.organization, on: Fixtures.now)?.sharedFields == [.grade, .note, .age])
        let olderRevoked = Self.consent([.grade, .note], revokedAt: Fixtures.start)
        #expect(PartnerView.covering([olderRevoked, newer], organizationID: Self.organization, on: Fixtures.now)?.sharedFields == [.age])
    }

    @Test func schoolStaffSeeTheReferralWhole() {
        let view = ReferralLens.whole.view(of: Self.referral, student: Self.studentRecord)
        #expect(view.studentKey == Self.referral.studentID && view.note == Self.referral.note)
        #expect(view.previousReferralID == Self.referral.previousReferralID && view.events == Self.referral.events)
    }

    @Test func theNoteIsAFieldTheFamilyMayShare() {
        #expect(SharedField(rawValue: "note") == .note)
    }

    @Test func districtReadsAggregatesOnly() {
        #expect(!AccessPolicy(User(id: "d", email: "d@x", role: .district)).allows(.readStudentRecords))
        for role in [Role.coordinator, .partner, .admin] {
            #expect(AccessPolicy(User(id: "u", email: "u@x", role: role)).allows(.readStudentRecords), "\(role)")
        }
    }

    @Test func aReferralOutsideTheScopeIsAProbe() {
        let other = User(id: "p2", email: "p2@x", role: .partner, organizationID: "org-other")
        let own = User(id: "p1", email: "p1@x", role: .partner, organizationID: Self.organization)
        #expect(AccessPolicy(other).isProbe(Self.referral))
        #expect(!AccessPolicy(own).isProbe(Self.referral))
    }
}
