import Directory
import Foundation
import Testing

@testable import Referrals

/// The family's own actions and what they cause, without I/O (issue 22 item 4).
@Suite("Family check-in rules")
struct FamilyCheckInRulesTests {
    static func reported(_ answer: FamilyAnswer, on history: ReferralHistory, at: Date = Fixtures.now) throws -> ReferralHistory {
        let event = try Fixtures.attempt(ReferralCommand(.familyReport, familyAnswer: answer), on: history, as: .family, now: at).get()
        return history.appending(event)
    }

    @Test func aFamilyReportKeepsTheStateAndItsAnswer() throws {
        let history = try Self.reported(.notYet, on: Fixtures.history(in: .accepted))
        #expect(history.state == .accepted)
        #expect(history.events.last?.familyAnswer == .notYet)
        #expect(history.lastFamilyAnswer == .notYet)
        // An answer is required, and only the family gives one.
        #expect(Fixtures.attempt(ReferralCommand(.familyReport), on: Fixtures.history(in: .accepted), as: .family)
            == .failure(.missingFields(["family_answer"])))
        #expect(Fixtures.attempt(ReferralCommand(.familyReport, familyAnswer: .started), on: Fixtures.history(in: .accepted), as: .coordinator)
            == .failure(.forbidden(role: .coordinator, action: .familyReport)))
    }

    @Test func theFamilyConfirmsOnlyForItselfAndOnlyBeforeAnyoneElse() throws {
        let referred = Fixtures.history(in: .referred)
        let own = Fixtures.attempt(
            ReferralCommand(.familyConfirmConnection, firstServiceDate: Fixtures.day("2025-06-20"), confirmedBy: .family), on: referred, as: .family)
        #expect(own.success?.to == .connected)
        #expect(own.success?.confirmedBy == .family)
        let posing = Fixtures.attempt(
            ReferralCommand(.familyConfirmConnection, firstServiceDate: Fixtures.day("2025-06-20"), confirmedBy: .partner), on: referred, as: .family)
        #expect(posing.failure?.code == "invalid_field")
        // Already connected (the partner confirmed): the family's word is recorded, not a second connection.
        let connected = Fixtures.history(in: .connected)
        #expect(Fixtures.attempt(
            ReferralCommand(.familyConfirmConnection, firstServiceDate: Fixtures.day("2025-06-20"), confirmedBy: .family), on: connected, as: .family)
            .failure?.code == "illegal_transition")
        #expect(TransitionTable.allowedActions(from: .connected, role: .family) == [.familyReport])
    }

    @Test func needHelpIsAFollowUpUntilTheSchoolActs() throws {
        let policy = FollowUpPolicy()
        let asked = Fixtures.instant("2025-06-03T18:00:00Z")
        let help = try Self.reported(.needHelp, on: Fixtures.history(in: .accepted), at: asked)
        let due = policy.due(history: help, now: asked.addingTimeInterval(60))
        #expect(due?.kind == .familyNeedsHelp)
        #expect(due?.dueSince == Fixtures.day("2025-06-03"))
        // Not yet is no call for help.
        #expect(policy.due(history: try Self.reported(.notYet, on: Fixtures.history(in: .accepted), at: asked), now: asked)?.kind == nil)
        // A coordinator's contact attempt after the answer settles it.
        let attempt = try Fixtures.attempt(ReferralCommand(.contactAttempt), on: help, as: .coordinator, now: asked.addingTimeInterval(3_600)).get()
        #expect(policy.due(history: help.appending(attempt), now: asked.addingTimeInterval(7_200))?.kind != .familyNeedsHelp)
    }

    @Test func aFamilyContactIsCheckedAndSharedOnlyWhenTheConsentSaysSo() {
        let en = LanguageCodeForTests.english
        #expect(FamilyContact(channel: .email, address: "a@b.example", language: en).problem == nil)
        #expect(FamilyContact(channel: .email, address: "a b@c.example", language: en).problem != nil)
        #expect(FamilyContact(channel: .email, address: "nobody", language: en).problem != nil)
        #expect(FamilyContact(channel: .phone, address: "+1 (555) 010-2030", language: en).problem == nil)
        #expect(FamilyContact(channel: .phone, address: "555-01", language: en).problem != nil)
        #expect(FamilyContact(channel: .phone, address: "call me maybe 5550102030", language: en).problem != nil)
        let contact = FamilyContact(channel: .email, address: "a@b.example", language: en)
        var consent = Consent(organizationIDs: ["org"], givenBy: "mother", method: .written, sharedFields: [.grade],
                              givenOn: Fixtures.day("2025-06-01"), familyContact: contact)
        #expect(consent.sharedFamilyContact == nil)
        let withheld = PartnerView.view(of: Referral.forTests, student: nil, under: consent, pseudonym: "pst")
        #expect(withheld.familyContact == nil)
        consent.sharedFields.insert(.familyContact)
        #expect(PartnerView.view(of: Referral.forTests, student: nil, under: consent, pseudonym: "pst").familyContact == contact)
        #expect(PartnerView.view(of: Referral.forTests, student: nil, under: nil, pseudonym: "pst").familyContact == nil)
    }
}


enum LanguageCodeForTests {
    static let english = LanguageCode(rawValue: "en")!
}

extension Referral {
    static let forTests = Referral(
        id: "ref-1", studentID: "stu-1", serviceID: "svc-1", organizationID: "org", schoolID: "sch-1", barrier: "anxiety",
        state: .referred, version: 1, createdBy: "usr-c", createdAt: Fixtures.start, updatedAt: Fixtures.start)
}
