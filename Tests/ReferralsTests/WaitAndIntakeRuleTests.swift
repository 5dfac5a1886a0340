import Foundation
import Testing

@testable import Referrals

/// Issue 22 item 2: a waitlist states the expected wait (weeks, or "not known" on purpose), and a
/// first service dated before the scheduled intake must be confirmed. Both rules are the machine's.
@Suite("Referrals: waitlist wait and first service before intake")
struct WaitAndIntakeRuleTests {
    static let referred = Fixtures.history(in: .referred)

    @Test func aWaitlistWithoutAnExpectedWaitIsRefusedNamingTheField() {
        #expect(Fixtures.attempt(ReferralCommand(.waitlist), on: Self.referred, as: .partner)
            == .failure(.missingFields(["expected_wait_weeks"])))
        var saidNo = ReferralCommand(.waitlist)
        saidNo.expectedWaitNotKnown = false
        #expect(Fixtures.attempt(saidNo, on: Self.referred, as: .partner) == .failure(.missingFields(["expected_wait_weeks"])),
                "false is not a choice of 'not known'")
    }

    @Test func weeksOrNotKnownAreKeptOnTheEventAndTheHistory() throws {
        let weeks = try Fixtures.attempt(ReferralCommand(.waitlist, expectedWait: .weeks(6)), on: Self.referred, as: .partner).get()
        #expect(weeks.expectedWait == .weeks(6))
        #expect(Self.referred.appending(weeks).expectedWait == .weeks(6))
        let unknown = try Fixtures.attempt(ReferralCommand(.waitlist, expectedWait: .notKnown), on: Self.referred, as: .partner).get()
        #expect(unknown.expectedWait == .notKnown)
        // Zero weeks is a wait ("moving now"), not a missing one.
        #expect(try Fixtures.attempt(ReferralCommand(.waitlist, expectedWait: .weeks(0)), on: Self.referred, as: .partner).get().expectedWait == .weeks(0))
        // Only the waitlist keeps a wait: a stray one on an accept is dropped.
        var accept = ReferralCommand(.accept)
        accept.expectedWaitWeeks = 4
        #expect(try Fixtures.attempt(accept, on: Self.referred, as: .partner).get().expectedWait == nil)
    }

    @Test func bothOrAnImpossibleWaitAreRefused() {
        var both = ReferralCommand(.waitlist, expectedWait: .weeks(2))
        both.expectedWaitNotKnown = true
        guard case .failure(.invalidField(let name, _)) = Fixtures.attempt(both, on: Self.referred, as: .partner) else {
            Issue.record("both a wait and 'not known' must be refused"); return
        }
        #expect(name == "expected_wait_weeks")
        for weeks in [-1, 105] {
            guard case .failure(.invalidField(let field, _)) = Fixtures.attempt(
                ReferralCommand(.waitlist, expectedWait: .weeks(weeks)), on: Self.referred, as: .partner) else {
                Issue.record("\(weeks) weeks must be refused"); continue
            }
            #expect(field == "expected_wait_weeks")
        }
    }

    @Test func theWaitTravelsOnTheWireAsWeeksOrNotKnown() throws {
        let event = ReferralEvent(sequence: 2, action: .waitlist, from: .referred, to: .waitlisted, actorID: "p", role: .partner,
                                  at: Fixtures.start, expectedWait: .weeks(3))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let text = String(decoding: try encoder.encode(event), as: UTF8.self)
        #expect(text.contains(#""expected_wait_weeks":3"#))
        #expect(try decoder.decode(ReferralEvent.self, from: Data(text.utf8)) == event)
        var unknown = event
        unknown.expectedWait = .notKnown
        let unknownText = String(decoding: try encoder.encode(unknown), as: UTF8.self)
        #expect(unknownText.contains(#""expected_wait_not_known":true"#) && !unknownText.contains("expected_wait_weeks"))
        #expect(try decoder.decode(ReferralEvent.self, from: Data(unknownText.utf8)) == unknown)
        let command = try decoder.decode(ReferralCommand.self, from: Data(#"{"action":"waitlist","expected_wait_not_known":true}"#.utf8))
        #expect(command.expectedWait == .notKnown)
    }

    /// Accepted, then an intake scheduled for 20 June.
    static func scheduled() throws -> ReferralHistory {
        var history = Fixtures.history(in: .accepted)
        history = history.appending(try ReferralMachine().decide(
            ReferralCommand(.schedule, intakeDate: Fixtures.day("2025-06-20")), history: history, role: .partner, actorID: "p",
            consentCoversOrganization: true, now: Fixtures.instant("2025-06-10T12:00:00Z")))
        return history
    }

    @Test func aFirstServiceBeforeTheScheduledIntakeNeedsAnExplicitYes() throws {
        let history = try Self.scheduled()
        let early = ReferralCommand(.confirmConnection, firstServiceDate: Fixtures.day("2025-06-18"), confirmedBy: .partner)
        #expect(Fixtures.attempt(early, on: history, as: .partner)
            == .failure(.firstServiceBeforeIntake(intake: Fixtures.day("2025-06-20"), firstService: Fixtures.day("2025-06-18"))))
        #expect(TransitionError.firstServiceBeforeIntake(intake: Fixtures.day("2025-06-20"), firstService: Fixtures.day("2025-06-18")).code
            == "first_service_before_intake")
        #expect(ReferralMachine.intakeAfterFirstService(early, history: history) == Fixtures.day("2025-06-20"))
        var confirmed = early
        confirmed.beforeIntakeConfirmed = true
        let event = try Fixtures.attempt(confirmed, on: history, as: .partner).get()
        #expect(event.to == .connected && event.firstServiceDate == Fixtures.day("2025-06-18"))
        var no = early
        no.beforeIntakeConfirmed = false
        #expect(Fixtures.attempt(no, on: history, as: .partner).isFailure, "false is not a yes")
    }

    @Test func onOrAfterTheIntakeOrWithoutOneNeedsNoConfirmation() throws {
        let history = try Self.scheduled()
        for day in ["2025-06-20", "2025-06-25"] {
            let command = ReferralCommand(.confirmConnection, firstServiceDate: Fixtures.day(day), confirmedBy: .family)
            #expect(try Fixtures.attempt(command, on: history, as: .partner).get().to == .connected, "\(day)")
            #expect(ReferralMachine.intakeAfterFirstService(command, history: history) == nil)
        }
        // Accepted and connected without an intake ever scheduled: nothing to be before.
        let accepted = Fixtures.history(in: .accepted)
        let command = ReferralCommand(.confirmConnection, firstServiceDate: Fixtures.day("2025-06-01"), confirmedBy: .partner)
        #expect(try Fixtures.attempt(command, on: accepted, as: .partner).get().to == .connected)
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { true } else { false }
    }
}
