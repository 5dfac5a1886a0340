import Foundation
import Testing

@testable import Referrals

@Suite("Transition table")
struct TransitionTableTests {
    /// The lifecycle as DESIGN.md states it, written out independently of `TransitionTable.rows`.
    struct ExpectedRow: Sendable {
        let from: Set<ReferralState>
        let to: ReferralState?  // nil: stays
        let roles: Set<Role>
        let fields: [RequiredField]
    }

    static let expected: [ReferralAction: ExpectedRow] = [
        .send: ExpectedRow(from: [.draft], to: .referred, roles: [.coordinator, .admin], fields: []),
        .accept: ExpectedRow(from: [.referred], to: .accepted, roles: [.partner, .admin], fields: []),
        .decline: ExpectedRow(
            from: [.referred, .accepted, .waitlisted], to: .declined, roles: [.partner, .admin], fields: [.reason]),
        .waitlist: ExpectedRow(from: [.referred, .accepted], to: .waitlisted, roles: [.partner, .admin], fields: [.expectedWait]),
        .schedule: ExpectedRow(
            from: [.accepted, .waitlisted, .scheduled], to: .scheduled, roles: [.partner, .coordinator, .admin],
            fields: [.intakeDate]),
        .confirmConnection: ExpectedRow(
            from: [.accepted, .scheduled], to: .connected, roles: [.partner, .coordinator, .admin],
            fields: [.firstServiceDate, .confirmedBy]),
        .close: ExpectedRow(from: [.connected], to: .closed, roles: [.coordinator, .partner, .admin], fields: []),
        .cancel: ExpectedRow(
            from: [.draft, .referred, .accepted, .waitlisted, .scheduled], to: .cancelled,
            roles: [.coordinator, .admin], fields: []),
        .markUnreachable: ExpectedRow(
            from: [.referred, .accepted, .waitlisted, .scheduled], to: .unreachable,
            roles: [.coordinator, .partner, .admin], fields: []),
        .contactAttempt: ExpectedRow(
            from: [.referred, .accepted, .waitlisted, .scheduled], to: nil, roles: [.coordinator, .partner, .admin],
            fields: []),
        .markEnteredInError: ExpectedRow(
            from: [
                .draft, .referred, .accepted, .waitlisted, .scheduled, .connected, .closed, .declined, .cancelled,
                .unreachable,
            ],
            to: .enteredInError, roles: [.admin], fields: []),
        // The family's check-in answers (DESIGN.md "People in the loop"): no signed-in role may make them.
        .familyReport: ExpectedRow(
            from: [.referred, .accepted, .waitlisted, .scheduled, .connected], to: nil, roles: [.family], fields: [.familyAnswer]),
        .familyConfirmConnection: ExpectedRow(
            from: [.referred, .accepted, .waitlisted, .scheduled], to: .connected, roles: [.family],
            fields: [.firstServiceDate, .confirmedBy]),
    ]

    @Test func everyActionHasExactlyOneRowMatchingTheDesign() {
        #expect(TransitionTable.rows.map(\.action) == ReferralAction.allCases)
        for rule in TransitionTable.rows {
            let row = Self.expected[rule.action]!
            #expect(rule.from == row.from, "\(rule.action)")
            #expect(rule.outcome == (row.to.map { .moves(to: $0) } ?? .stays), "\(rule.action)")
            #expect(rule.roles == row.roles, "\(rule.action)")
            #expect(rule.requiredFields == row.fields, "\(rule.action)")
        }
        #expect(TransitionTable.rule(for: .send).preconditions == [.consentCoversReceivingOrganization])
        #expect(TransitionTable.rule(for: .markUnreachable).preconditions == [.contactAttempts(atLeast: 3)])
        #expect(TransitionTable.rows.filter { !$0.preconditions.isEmpty }.count == 2)
    }

    @Test(arguments: ReferralAction.allCases)
    func rowIsAcceptedForAllowedRolesAndForbiddenForOthers(_ action: ReferralAction) {
        let row = Self.expected[action]!
        for state in row.from {
            let history = Fixtures.history(in: state, contactAttempts: action == .markUnreachable ? 3 : 0)
            for role in Role.allCases {
                let result = Fixtures.attempt(Fixtures.validCommand(action), on: history, as: role)
                if row.roles.contains(role) {
                    let event = result.success
                    #expect(event?.action == action, "\(role) \(action) from \(state): \(String(describing: result))")
                    #expect(event?.from == state)
                    #expect(event?.to == (row.to ?? state))
                    #expect(event?.role == role)
                    #expect(event?.sequence == history.version + 1)
                } else {
                    #expect(
                        result == .failure(.forbidden(role: role, action: action)), "\(role) \(action) from \(state)")
                }
            }
        }
    }

    @Test(arguments: ReferralState.allCases)
    func pairsOutsideTheTableAreIllegalWithTheRolesAllowedList(_ state: ReferralState) {
        let history = Fixtures.history(in: state)
        for action in ReferralAction.allCases where !Self.expected[action]!.from.contains(state) {
            for role in Self.expected[action]!.roles {
                let allowed = ReferralAction.allCases.filter {
                    Self.expected[$0]!.from.contains(state) && Self.expected[$0]!.roles.contains(role)
                }
                let result = Fixtures.attempt(Fixtures.validCommand(action), on: history, as: role)
                #expect(
                    result == .failure(.illegal(from: state, action: action, allowed: allowed)),
                    "\(role) \(action) from \(state)")
            }
        }
    }

    @Test func allowedActionsSpelledOut() {
        #expect(
            ReferralMachine.allowedActions(from: .referred, role: .partner)
                == [.accept, .decline, .waitlist, .markUnreachable, .contactAttempt])
        #expect(
            ReferralMachine.allowedActions(from: .accepted, role: .coordinator)
                == [.schedule, .confirmConnection, .cancel, .markUnreachable, .contactAttempt])
        #expect(ReferralMachine.allowedActions(from: .draft, role: .coordinator) == [.send, .cancel])
        #expect(ReferralMachine.allowedActions(from: .draft, role: .partner) == [])
        #expect(ReferralMachine.allowedActions(from: .connected, role: .partner) == [.close])
        #expect(ReferralMachine.allowedActions(from: .declined, role: .admin) == [.markEnteredInError])
        #expect(ReferralMachine.allowedActions(from: .enteredInError, role: .admin) == [])
        for state in ReferralState.allCases {
            #expect(ReferralMachine.allowedActions(from: state, role: .district) == [], "district is read-only")
        }
    }

    @Test func illegalErrorExplainsItself() {
        let declined = Fixtures.history(in: .declined)
        let error = Fixtures.attempt(ReferralCommand(.accept), on: declined, as: .admin).failure
        #expect(error == .illegal(from: .declined, action: .accept, allowed: [.markEnteredInError]))
        #expect(error?.code == "illegal_transition")
        #expect(error?.message == "cannot accept a referral that is declined; allowed: mark_entered_in_error")

        let partnerError = Fixtures.attempt(ReferralCommand(.accept), on: declined, as: .partner).failure
        #expect(partnerError?.message == "cannot accept a referral that is declined; allowed: none")
    }

    @Test func forbiddenIsReportedBeforeTheStateIsRevealed() {
        // A partner may never send, so it learns nothing about the referral being declined.
        let error = Fixtures.attempt(ReferralCommand(.send), on: Fixtures.history(in: .declined), as: .partner).failure
        #expect(error == .forbidden(role: .partner, action: .send))
        #expect(error?.code == "forbidden")
        #expect(error?.message == "a partner may not send a referral")
        #expect(
            Fixtures.attempt(ReferralCommand(.contactAttempt), on: Fixtures.history(in: .referred), as: .district)
                == .failure(.forbidden(role: .district, action: .contactAttempt)))
    }

    @Test func missingFieldsAreNamedWithWireNames() {
        let referred = Fixtures.history(in: .referred)
        let accepted = Fixtures.history(in: .accepted)
        #expect(
            Fixtures.attempt(ReferralCommand(.decline), on: referred, as: .partner)
                == .failure(.missingFields(["reason"])))
        #expect(
            Fixtures.attempt(ReferralCommand(.schedule), on: accepted, as: .partner)
                == .failure(.missingFields(["intake_date"])))
        let bothMissing = Fixtures.attempt(ReferralCommand(.confirmConnection), on: accepted, as: .coordinator).failure
        #expect(bothMissing == .missingFields(["first_service_date", "confirmed_by"]))
        #expect(bothMissing?.code == "missing_fields")
        #expect(bothMissing?.message == "missing required fields: first_service_date, confirmed_by")
        #expect(
            Fixtures.attempt(
                ReferralCommand(.confirmConnection, firstServiceDate: Fixtures.day("2025-06-10")), on: accepted,
                as: .partner) == .failure(.missingFields(["confirmed_by"])))
    }

    @Test func sendNeedsConsentCoveringTheReceivingOrganization() {
        let draft = Fixtures.history(in: .draft)
        let refused = Fixtures.attempt(ReferralCommand(.send), on: draft, as: .coordinator, consent: false).failure
        #expect(refused == .consentRequired)
        #expect(refused?.code == "consent_required")
        let sent = Fixtures.attempt(ReferralCommand(.send), on: draft, as: .coordinator, consent: true).success
        #expect(sent?.to == .referred)
        // Consent matters for sending only; a partner accepting is not re-checked here.
        #expect(
            Fixtures.attempt(
                ReferralCommand(.accept), on: Fixtures.history(in: .referred), as: .partner, consent: false
            )
            .success?.to == .accepted)
    }

    @Test(arguments: [ReferralState.referred, .accepted, .waitlisted, .scheduled])
    func markUnreachableNeedsThreeContactAttempts(_ state: ReferralState) {
        for attempts in 0..<3 {
            let history = Fixtures.history(in: state, contactAttempts: attempts)
            #expect(history.contactAttemptCount == attempts)
            let error = Fixtures.attempt(ReferralCommand(.markUnreachable), on: history, as: .coordinator).failure
            #expect(error == .notEnoughContactAttempts(recorded: attempts, required: 3))
        }
        let error = Fixtures.attempt(
            ReferralCommand(.markUnreachable), on: Fixtures.history(in: state, contactAttempts: 2), as: .partner
        ).failure
        #expect(error?.code == "not_enough_contact_attempts")
        #expect(error?.message == "mark_unreachable needs at least 3 recorded contact attempts; 2 recorded")

        let ready = Fixtures.history(in: state, contactAttempts: 3)
        let event = Fixtures.attempt(ReferralCommand(.markUnreachable), on: ready, as: .partner).success
        #expect(event?.from == state)
        #expect(event?.to == .unreachable)
    }

    @Test func contactAttemptRecordsAnEventWithoutChangingState() {
        let scheduled = Fixtures.history(in: .scheduled)
        let event = Fixtures.attempt(
            ReferralCommand(.contactAttempt, note: "left voicemail in Spanish"), on: scheduled, as: .partner
        ).success
        #expect(event?.from == .scheduled)
        #expect(event?.to == .scheduled)
        #expect(event?.note == "left voicemail in Spanish")
        let after = scheduled.appending(event!)
        #expect(after.state == .scheduled)
        #expect(after.version == scheduled.version + 1)
        #expect(after.contactAttemptCount == 1)
    }

    @Test func firstServiceDateInTheFutureIsInvalidInTheDistrictsZone() {
        let scheduled = Fixtures.history(in: .scheduled)
        // 02:00 UTC on June 10 is still the evening of June 9 in Chicago.
        let now = Fixtures.instant("2025-06-10T02:00:00Z")
        // Before the fixture's intake (12 June): said on purpose, so only the zone decides here.
        let command = ReferralCommand(
            .confirmConnection, firstServiceDate: Fixtures.day("2025-06-10"), confirmedBy: .family, beforeIntakeConfirmed: true)

        let inChicago = Fixtures.attempt(
            command, on: scheduled, as: .coordinator, now: now, machine: ReferralMachine(timeZone: Fixtures.chicago)
        ).failure
        guard case .invalidField(let name, let message) = inChicago else {
            Issue.record("expected invalidField, got \(String(describing: inChicago))")
            return
        }
        #expect(name == "first_service_date")
        #expect(message.contains("2025-06-10 is in the future"))
        #expect(inChicago?.code == "invalid_field")

        let inUTC = Fixtures.attempt(command, on: scheduled, as: .coordinator, now: now).success
        #expect(inUTC?.to == .connected)
        #expect(inUTC?.firstServiceDate == Fixtures.day("2025-06-10"))
    }

    @Test func eventKeepsOnlyTheFieldsItsActionIsAbout() {
        let referred = Fixtures.history(in: .referred)
        let stray = ReferralCommand(
            .accept, reason: .duplicate, intakeDate: Fixtures.day("2025-06-20"), note: "we have room")
        let event = Fixtures.attempt(stray, on: referred, as: .partner, actorID: "partner-7").success
        #expect(event?.reason == nil)
        #expect(event?.intakeDate == nil)
        #expect(event?.note == "we have room")
        #expect(event?.actorID == "partner-7")
        #expect(event?.at == Fixtures.now)

        let declined = Fixtures.attempt(
            ReferralCommand(.decline, reason: .outOfArea), on: referred, as: .partner
        ).success
        #expect(declined?.reason == .outOfArea)
        #expect(referred.appending(declined!).declineReason == .outOfArea)
    }
}
