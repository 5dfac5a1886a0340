import Foundation
import Testing

@testable import Referrals

@Suite("Referral lifecycle and history")
struct LifecycleTests {
    @Test func happyPathFromDraftToClosedFoldsIntoTheRightHistory() throws {
        let machine = ReferralMachine()
        var history = ReferralHistory()
        #expect(history.state == .draft)
        #expect(history.version == 0)

        func step(
            _ command: ReferralCommand, _ role: Role, _ actor: String, at: String, consent: Bool = false
        ) throws {
            let event = try machine.decide(
                command, history: history, role: role, actorID: actor, consentCoversOrganization: consent,
                now: Fixtures.instant(at))
            history = history.appending(event)
        }

        try step(ReferralCommand(.send), .coordinator, "coord-1", at: "2025-06-02T14:00:00Z", consent: true)
        try step(ReferralCommand(.accept, note: "room on Thursdays"), .partner, "partner-1", at: "2025-06-03T16:30:00Z")
        try step(
            ReferralCommand(.schedule, intakeDate: Fixtures.day("2025-06-12")), .partner, "partner-1",
            at: "2025-06-04T10:00:00Z")
        // The family asked to move it: a reschedule replaces the intake date.
        try step(
            ReferralCommand(.schedule, intakeDate: Fixtures.day("2025-06-16")), .coordinator, "coord-1",
            at: "2025-06-10T09:00:00Z")
        try step(
            ReferralCommand(.confirmConnection, firstServiceDate: Fixtures.day("2025-06-16"), confirmedBy: .family),
            .partner, "partner-1", at: "2025-06-17T08:00:00Z")
        try step(ReferralCommand(.close), .coordinator, "coord-1", at: "2025-07-01T12:00:00Z")

        #expect(history.state == .closed)
        #expect(history.version == 6)
        #expect(history.events.map(\.sequence) == [1, 2, 3, 4, 5, 6])
        #expect(history.events.map(\.action) == [.send, .accept, .schedule, .schedule, .confirmConnection, .close])
        #expect(history.events.map(\.from) == [.draft, .referred, .accepted, .scheduled, .scheduled, .connected])
        #expect(history.events.map(\.to) == [.referred, .accepted, .scheduled, .scheduled, .connected, .closed])
        #expect(history.sentAt == Fixtures.instant("2025-06-02T14:00:00Z"))
        #expect(history.lastPartnerResponseAt == Fixtures.instant("2025-06-17T08:00:00Z"))
        #expect(history.intakeDate == Fixtures.day("2025-06-16"))
        #expect(history.connectedAt == Fixtures.instant("2025-06-17T08:00:00Z"))
        #expect(history.firstServiceDate == Fixtures.day("2025-06-16"))
        #expect(history.confirmedBy == .family)
        #expect(history.waitlistedAt == nil)
        #expect(history.contactAttemptCount == 0)
        #expect(history.lastEventAt == Fixtures.instant("2025-07-01T12:00:00Z"))
        #expect(history.state.fhirTaskStatus == .completed)

        // Folding the stored events from scratch gives the same answer as appending one by one.
        #expect(ReferralHistory(events: history.events) == history)
    }

    @Test func foldingOrdersEventsBySequence() {
        let events = [
            Fixtures.event(3, .waitlist, .accepted, .waitlisted, role: .partner, at: "2025-06-04T10:00:00Z"),
            Fixtures.event(1, .send, .draft, .referred, role: .coordinator, at: "2025-06-02T10:00:00Z"),
            Fixtures.event(2, .accept, .referred, .accepted, role: .partner, at: "2025-06-03T10:00:00Z"),
        ]
        let history = ReferralHistory(events: events)
        #expect(history.state == .waitlisted)
        #expect(history.version == 3)
        #expect(history.events.map(\.sequence) == [1, 2, 3])
        #expect(history.sentAt == Fixtures.instant("2025-06-02T10:00:00Z"))
        #expect(history.waitlistedAt == Fixtures.instant("2025-06-04T10:00:00Z"))
        #expect(history.lastPartnerResponseAt == Fixtures.instant("2025-06-04T10:00:00Z"))
    }

    @Test func decideAcceptsRawEventsAndNumbersTheNextOne() throws {
        let events = [Fixtures.event(1, .send, .draft, .referred, role: .coordinator, at: "2025-06-02T10:00:00Z")]
        let event = try ReferralMachine().decide(
            ReferralCommand(.waitlist, expectedWait: .weeks(4)), history: events, role: .partner, actorID: "partner-2",
            consentCoversOrganization: false, now: Fixtures.instant("2025-06-03T10:00:00Z"))
        #expect(event.sequence == 2)
        #expect(event.from == .referred)
        #expect(event.to == .waitlisted)
        #expect(event.actorID == "partner-2")
    }

    @Test func adminCanMarkAnyReferralEnteredInErrorOnce() throws {
        for state in ReferralState.allCases where state != .enteredInError {
            let event = Fixtures.attempt(
                ReferralCommand(.markEnteredInError), on: Fixtures.history(in: state), as: .admin
            )
            .success
            #expect(event?.to == .enteredInError, "from \(state)")
        }
        let error = Fixtures.attempt(
            ReferralCommand(.markEnteredInError), on: Fixtures.history(in: .enteredInError), as: .admin
        ).failure
        #expect(error == .illegal(from: .enteredInError, action: .markEnteredInError, allowed: []))
        #expect(error?.message == "cannot mark_entered_in_error a referral that is entered_in_error; allowed: none")
    }

    @Test func fixturePathsReachTheirStates() {
        for state in ReferralState.allCases {
            let history = Fixtures.history(in: state)
            #expect(history.state == state)
            #expect(history.version == Fixtures.path(to: state).count)
        }
        #expect(Fixtures.history(in: .unreachable).contactAttemptCount == 3)
    }
}
