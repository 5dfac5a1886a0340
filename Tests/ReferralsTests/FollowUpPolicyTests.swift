import Foundation
import Testing

@testable import Referrals

@Suite("Follow-ups")
struct FollowUpPolicyTests {
    let policy = FollowUpPolicy()

    func sent(at: String) -> [ReferralEvent] {
        [Fixtures.event(1, .send, .draft, .referred, role: .coordinator, at: at)]
    }

    @Test func defaults() {
        #expect(policy.partnerResponseBusinessDays == 5)
        #expect(policy.intakeGraceDays == 3)
        #expect(policy.waitlistRecheckDays == 14)
        #expect(policy.holidays.isEmpty)
        #expect(policy.timeZone.secondsFromGMT(for: Fixtures.now) == 0)
    }

    @Test func sentFridayIsDueTheNextFridayAcrossTheWeekend() {
        let history = ReferralHistory(events: sent(at: "2025-06-06T15:00:00Z"))
        #expect(policy.due(history: history, now: Fixtures.instant("2025-06-12T23:59:59Z")) == nil)
        let due = policy.due(history: history, now: Fixtures.instant("2025-06-13T08:00:00Z"))
        #expect(due?.kind == .noPartnerResponse)
        #expect(due?.dueSince == Fixtures.day("2025-06-13"))
        #expect(
            due?.message
                == "sent 2025-06-06 and no response from the partner within 5 business days (due since 2025-06-13)")
        // Still due later; follow-ups do not expire on their own.
        #expect(
            policy.due(history: history, now: Fixtures.instant("2025-06-20T08:00:00Z"))?.dueSince
                == Fixtures.day("2025-06-13"))
    }

    @Test func aHolidayPushesTheDeadline() {
        let juneteenth = FollowUpPolicy(holidays: [Fixtures.day("2025-06-19")])
        let history = ReferralHistory(events: sent(at: "2025-06-13T15:00:00Z"))
        #expect(
            policy.due(history: history, now: Fixtures.instant("2025-06-20T12:00:00Z"))?.dueSince
                == Fixtures.day("2025-06-20"))
        #expect(juneteenth.due(history: history, now: Fixtures.instant("2025-06-20T12:00:00Z")) == nil)
        #expect(juneteenth.due(history: history, now: Fixtures.instant("2025-06-22T12:00:00Z")) == nil, "Sunday")
        #expect(
            juneteenth.due(history: history, now: Fixtures.instant("2025-06-23T00:00:00Z"))?.dueSince
                == Fixtures.day("2025-06-23"))
    }

    @Test func businessDaysAreCountedInTheDistrictsZone() {
        // 03:00 UTC Friday is still Thursday evening in Chicago, so the window starts a day earlier there.
        let history = ReferralHistory(events: sent(at: "2025-06-06T03:00:00Z"))
        let chicago = FollowUpPolicy(timeZone: Fixtures.chicago)
        #expect(
            chicago.due(history: history, now: Fixtures.instant("2025-06-12T18:00:00Z"))?.dueSince
                == Fixtures.day("2025-06-12"))
        #expect(policy.due(history: history, now: Fixtures.instant("2025-06-12T18:00:00Z")) == nil)
    }

    @Test func anyPartnerEventCountsAsAResponseButACoordinatorsDoesNot() {
        let partnerTried =
            sent(at: "2025-06-06T15:00:00Z") + [
                Fixtures.event(2, .contactAttempt, .referred, .referred, role: .partner, at: "2025-06-10T15:00:00Z")
            ]
        #expect(
            policy.due(history: ReferralHistory(events: partnerTried), now: Fixtures.instant("2025-06-16T12:00:00Z"))
                == nil)

        let coordinatorTried =
            sent(at: "2025-06-06T15:00:00Z") + [
                Fixtures.event(2, .contactAttempt, .referred, .referred, role: .coordinator, at: "2025-06-10T15:00:00Z")
            ]
        #expect(
            policy.due(
                history: ReferralHistory(events: coordinatorTried), now: Fixtures.instant("2025-06-16T12:00:00Z"))?
                .kind == .noPartnerResponse)
    }

    @Test func intakeUnconfirmedAfterTheGraceDays() {
        var events =
            sent(at: "2025-06-02T15:00:00Z") + [
                Fixtures.event(2, .accept, .referred, .accepted, role: .partner, at: "2025-06-03T15:00:00Z"),
                Fixtures.event(
                    3, .schedule, .accepted, .scheduled, role: .partner, at: "2025-06-04T15:00:00Z",
                    intakeDate: "2025-06-16"),
            ]
        let scheduled = ReferralHistory(events: events)
        #expect(policy.due(history: scheduled, now: Fixtures.instant("2025-06-18T23:00:00Z")) == nil)
        let due = policy.due(history: scheduled, now: Fixtures.instant("2025-06-19T07:00:00Z"))
        #expect(
            due
                == FollowUp(
                    kind: .intakeUnconfirmed, dueSince: Fixtures.day("2025-06-19"),
                    message: "intake was 2025-06-16 and no one has confirmed the family came (due since 2025-06-19)"))

        // The design's "ask the day after the intake date" is a grace of one day.
        #expect(
            FollowUpPolicy(intakeGraceDays: 1).due(history: scheduled, now: Fixtures.instant("2025-06-17T07:00:00Z"))?
                .dueSince == Fixtures.day("2025-06-17"))

        events.append(
            Fixtures.event(
                4, .schedule, .scheduled, .scheduled, role: .coordinator, at: "2025-06-17T15:00:00Z",
                intakeDate: "2025-06-23"))
        let rescheduled = ReferralHistory(events: events)
        #expect(policy.due(history: rescheduled, now: Fixtures.instant("2025-06-19T07:00:00Z")) == nil)
        #expect(
            policy.due(history: rescheduled, now: Fixtures.instant("2025-06-26T07:00:00Z"))?.dueSince
                == Fixtures.day("2025-06-26"))

        var confirmed = events
        confirmed.append(
            ReferralEvent(
                sequence: 5, action: .confirmConnection, from: .scheduled, to: .connected, actorID: "partner-1",
                role: .partner,
                at: Fixtures.instant("2025-06-24T15:00:00Z"), firstServiceDate: Fixtures.day("2025-06-23"),
                confirmedBy: .partner))
        #expect(
            policy.due(history: ReferralHistory(events: confirmed), now: Fixtures.instant("2025-06-30T07:00:00Z"))
                == nil)
    }

    @Test func waitlistRecheckAfterQuietDays() {
        var events =
            sent(at: "2025-06-02T15:00:00Z") + [
                Fixtures.event(2, .waitlist, .referred, .waitlisted, role: .partner, at: "2025-06-02T18:00:00Z")
            ]
        let waitlisted = ReferralHistory(events: events)
        #expect(policy.due(history: waitlisted, now: Fixtures.instant("2025-06-15T23:00:00Z")) == nil)
        let due = policy.due(history: waitlisted, now: Fixtures.instant("2025-06-16T01:00:00Z"))
        #expect(
            due
                == FollowUp(
                    kind: .waitlistRecheck, dueSince: Fixtures.day("2025-06-16"),
                    message:
                        "waitlisted with nothing recorded since 2025-06-02; check the family is still waiting (due since 2025-06-16)"
                ))

        events.append(
            Fixtures.event(3, .contactAttempt, .waitlisted, .waitlisted, role: .coordinator, at: "2025-06-10T15:00:00Z")
        )
        let touched = ReferralHistory(events: events)
        #expect(policy.due(history: touched, now: Fixtures.instant("2025-06-23T12:00:00Z")) == nil)
        #expect(
            policy.due(history: touched, now: Fixtures.instant("2025-06-24T12:00:00Z"))?.dueSince
                == Fixtures.day("2025-06-24"))
    }

    @Test(arguments: [
        ReferralState.draft, .accepted, .connected, .closed, .declined, .cancelled, .unreachable, .enteredInError,
    ])
    func statesWithoutTimersNeverComeDue(_ state: ReferralState) {
        let history = Fixtures.history(in: state)
        #expect(policy.due(history: history, now: Fixtures.instant("2026-06-01T00:00:00Z")) == nil)
    }

    @Test func followUpCodesWithSnakeCaseKeys() throws {
        let followUp = FollowUp(kind: .waitlistRecheck, dueSince: Fixtures.day("2025-06-16"), message: "m")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(followUp), as: UTF8.self)
        #expect(json == #"{"due_since":"2025-06-16","kind":"waitlist_recheck","message":"m"}"#)
    }
}
