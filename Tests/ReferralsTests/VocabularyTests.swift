import Foundation
import Testing

@testable import Referrals

@Suite("Vocabularies and FHIR mapping")
struct VocabularyTests {
    @Test func wireFormsAreSnakeCase() {
        #expect(
            ReferralState.allCases.map(\.rawValue) == [
                "draft", "referred", "accepted", "waitlisted", "scheduled", "connected", "closed", "declined",
                "cancelled", "unreachable", "entered_in_error",
            ])
        #expect(Role.allCases.map(\.rawValue) == ["coordinator", "partner", "district", "admin", "family"])
        #expect(
            ReferralAction.allCases.map(\.rawValue) == [
                "send", "accept", "decline", "waitlist", "schedule", "confirm_connection", "close", "cancel",
                "mark_unreachable", "contact_attempt", "mark_entered_in_error", "family_reported", "family_confirm_connection",
            ])
        #expect(
            DeclineReason.allCases.map(\.rawValue) == [
                "no_capacity", "not_eligible", "out_of_area", "duplicate", "incomplete", "family_declined",
            ])
        #expect(ConnectionConfirmer.allCases.map(\.rawValue) == ["partner", "family", "coordinator"])
        #expect(ConsentMethod.allCases.map(\.rawValue) == ["written", "verbal", "electronic"])
        #expect(
            StudentGroup.allCases.map(\.rawValue) == [
                "english_learner", "disability", "foster", "homeless", "low_income",
            ])
        #expect(
            SharedField.allCases.map(\.rawValue) == [
                "district_student_id", "grade", "age", "languages", "groups", "school", "note", "family_contact",
            ])
        #expect(
            RequiredField.allCases.map(\.rawValue) == ["reason", "intake_date", "first_service_date", "confirmed_by", "expected_wait_weeks", "family_answer"])
        #expect(
            FollowUpKind.allCases.map(\.rawValue) == ["no_partner_response", "intake_unconfirmed", "waitlist_recheck", "family_needs_help"])
    }

    @Test func fhirTaskStatusFollowsTheGravityGuide() {
        let mapping = Dictionary(uniqueKeysWithValues: ReferralState.allCases.map { ($0, $0.fhirTaskStatus.rawValue) })
        #expect(
            mapping == [
                .draft: "draft", .referred: "requested", .accepted: "accepted", .waitlisted: "on-hold",
                .scheduled: "in-progress", .connected: "completed", .closed: "completed", .declined: "rejected",
                .cancelled: "cancelled", .unreachable: "failed", .enteredInError: "entered-in-error",
            ])
    }

    @Test func openAndTerminalStates() {
        #expect(ReferralState.allCases.filter(\.isOpen) == [.draft, .referred, .accepted, .waitlisted, .scheduled])
        #expect(
            ReferralState.allCases.filter(\.isTerminal) == [
                .closed, .declined, .cancelled, .unreachable, .enteredInError,
            ])
        #expect(!ReferralState.connected.isOpen && !ReferralState.connected.isTerminal)
        // Terminal means only the admin correction remains.
        for state in ReferralState.allCases where state.isTerminal {
            #expect(Set(ReferralMachine.allowedActions(from: state, role: .admin)).isSubset(of: [.markEnteredInError]))
        }
    }
}
