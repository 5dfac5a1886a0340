import Foundation
import NotificationDelivery
import Notifications
import Referrals
import Storage
import Testing
import TestSupport

/// Follow-ups that came due and daily digests, on both engines: each written once to the outbox
/// (never again in a later pass, a restarted server or a second instance), then delivered by the
/// worker to the real SMTP server like any other message.
@Suite("Notifications: follow-up notices and daily digests", .timeLimit(.minutes(4)))
struct TimerNotificationTests {
    static let day: TimeInterval = 86_400
    /// Monday 30 November 2026 15:00 UTC: five business days after the fixture's send.
    static let followUpDue = ReferralFixture.now.addingTimeInterval(7 * day)

    static func outbox(_ fixture: ReferralFixture) -> OutboxStore { OutboxStore(database: fixture.store.database) }

    static func timers(_ fixture: ReferralFixture, at clock: ManualClock) -> NotificationTimers {
        NotificationTimers(store: outbox(fixture), clock: clock.function)
    }

    @Test(arguments: TestBackend.available)
    func aFollowUpThatCameDueIsToldToItsOwnerOnce(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let outbox = Self.outbox(fixture)
            let referral = try await fixture.sent()
            let clock = ManualClock(ReferralFixture.now.addingTimeInterval(6 * Self.day))
            // Friday: not due yet (five business days from Monday is the next Monday).
            #expect(try await Self.timers(fixture, at: clock).pass().followUps == FollowUpNoticeRound())
            clock.advance(by: Self.day)
            #expect(try await Self.timers(fixture, at: clock).pass().followUps == FollowUpNoticeRound(noticed: 1, emailed: 1))
            let notices = try await outbox.messages(referralID: referral.id).filter { $0.event == NotificationEvent.followUpDue.rawValue }
            try #require(notices.count == 1)
            #expect(notices[0].recipient == ReferralFixture.email(.coordinator))
            #expect(notices[0].userID == fixture.user(.coordinator).id)
            #expect(notices[0].body.contains("/referrals/\(referral.id)") && !notices[0].body.contains("absences"))
            #expect(try await outbox.followUpNotices(referralID: referral.id)
                == [FollowUpOccurrence(referralID: referral.id, kind: .noPartnerResponse, dueSince: CalendarDate(Self.followUpDue))])
            // Later passes, and a "restarted" server (new store and timers on the same database), write nothing more.
            clock.advance(by: 3_600)
            #expect(try await Self.timers(fixture, at: clock).pass().followUps == FollowUpNoticeRound())
            let restarted = NotificationTimers(store: OutboxStore(database: fixture.store.database), clock: clock.function)
            #expect(try await restarted.pass().followUps == FollowUpNoticeRound())
            #expect(try await outbox.messages(referralID: referral.id).filter { $0.event == NotificationEvent.followUpDue.rawValue }.count == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func concurrentInstancesClaimEachOccurrenceOnce(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            var referrals: [Referral] = []
            for _ in 0..<6 { referrals.append(try await fixture.sent()) }
            let clock = ManualClock(Self.followUpDue)
            // Four passes at once over one database (on PostgreSQL, on separate pooled connections:
            // FOR UPDATE SKIP LOCKED and the notice's key decide; on SQLite, the one writer).
            let rounds = try await withThrowingTaskGroup(of: FollowUpNoticeRound.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await NotificationTimers(store: OutboxStore(database: fixture.store.database), clock: clock.function).pass().followUps }
                }
                return try await group.reduce(into: [FollowUpNoticeRound]()) { $0.append($1) }
            }
            #expect(rounds.map(\.noticed).reduce(0, +) == referrals.count)
            for referral in referrals {
                let notices = try await Self.outbox(fixture).messages(referralID: referral.id).filter { $0.event == "followup.due" }
                #expect(notices.count == 1, "referral \(referral.id) was told \(notices.count) times")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func anAnsweredReferralOwesNoNoticeAndAnOffOwnerIsNotEmailed(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let outbox = Self.outbox(fixture)
            let answered = try await fixture.sent()
            _ = try await fixture.referrals.apply(ReferralCommand(.accept), toReferral: answered.id, expectedVersion: 1,
                                                  by: fixture.user(.partner), now: ReferralFixture.now)
            let silent = try await fixture.sent()
            try await outbox.setPreference(.off, userID: fixture.user(.coordinator).id)
            let round = try await Self.timers(fixture, at: ManualClock(Self.followUpDue)).pass().followUps
            // The silent one's occurrence is recorded (a digest would count it); nobody is emailed.
            #expect(round == FollowUpNoticeRound(noticed: 1, emailed: 0))
            #expect(try await outbox.followUpNotices(referralID: answered.id).isEmpty)
            #expect(try await outbox.followUpNotices(referralID: silent.id).count == 1)
            #expect(try await outbox.messages(referralID: silent.id).map(\.event) == ["referral.sent"])
        }
    }

    @Test(arguments: TestBackend.available)
    func aDigestReaderGetsOneEmailADayAfterTheHourAndNoneWhenNothingHappened(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let smtp = try LoopbackReceiver(script: "smtp-sink.py")
            defer { smtp.stop() }
            let outbox = Self.outbox(fixture)
            try await outbox.setBaseURL("https://closeloop.example.org")
            let coordinator = fixture.user(.coordinator)
            try await outbox.setPreference(.dailyDigest, userID: coordinator.id)
            try await outbox.setPreference(.dailyDigest, userID: fixture.user(.partner).id)
            let referral = try await fixture.sent()
            _ = try await fixture.referrals.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: 1,
                                                  by: fixture.user(.partner), now: ReferralFixture.now.addingTimeInterval(600))
            // Digest readers get nothing at once.
            #expect(try await outbox.messages(referralID: referral.id).isEmpty)

            // Tuesday 06:59 UTC (the district's zone; hour 7 by default): not yet.
            let tuesday = ReferralFixture.now.addingTimeInterval(Self.day - 8 * 3_600)
            let clock = ManualClock(tuesday.addingTimeInterval(-60))
            #expect(try await Self.timers(fixture, at: clock).pass().digests == DigestRound())
            clock.advance(by: 60)
            #expect(try await Self.timers(fixture, at: clock).pass().digests == DigestRound(claimed: 2, written: 2))
            clock.advance(by: 3 * 3_600)
            #expect(try await Self.timers(fixture, at: clock).pass().digests == DigestRound())

            let digests = try await outbox.messages(status: .pending).filter { $0.event == NotificationEvent.dailyDigest.rawValue }
            #expect(Set(digests.map(\.recipient)) == [ReferralFixture.email(.coordinator), ReferralFixture.email(.partner)])
            let worker = OutboxWorker(
                store: outbox, configuration: DeliveryConfiguration(
                    smtp: SMTPConfiguration(host: "127.0.0.1", port: smtp.port, from: "closeloop@district.example", timeout: .seconds(10))),
                clock: clock.function)
            #expect(try await worker.deliverDue().delivered == 2)
            let received = try smtp.records()
            let toCoordinator = try #require(received.first { $0["rcpt_tos"] as? [String] == [ReferralFixture.email(.coordinator)] })
            let data = toCoordinator["data"] as? String ?? ""
            #expect(header("Subject", in: data)?.contains("daily digest for 2026-11-24") == true)
            #expect(data.contains("1 referral accepted"))
            #expect(data.contains("https://closeloop.example.org/referrals/\(referral.id)"))
            let toPartner = try #require(received.first { $0["rcpt_tos"] as? [String] == [ReferralFixture.email(.partner)] })
            #expect((toPartner["data"] as? String)?.contains("1 new referral") == true)
            for record in received {
                for fact in ["absences", ReferralFixture.districtStudentID, "anxiety"] {
                    #expect(!(record["data"] as? String ?? "").contains(fact), "digest leaks \(fact)")
                }
            }

            // Wednesday: nothing happened since, so the day is claimed and no email is written.
            clock.advance(by: Self.day)
            #expect(try await Self.timers(fixture, at: clock).pass().digests == DigestRound(claimed: 2, written: 0))
            #expect(try await outbox.digests(userID: coordinator.id).map(\.items) == [1, 0])
            #expect(try await outbox.messages(status: .pending).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func theDigestHourIsTheDistrictsInItsTimeZone(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let outbox = Self.outbox(fixture)
            try await fixture.referrals.setSetting(.timeZone, to: "America/Chicago")
            try await outbox.setDigestHour(9)
            #expect(try await outbox.digestSchedule().hour == 9)
            try await outbox.setPreference(.dailyDigest, userID: fixture.user(.partner).id)
            _ = try await fixture.sent(at: ReferralFixture.now.addingTimeInterval(60))
            // Tuesday 14:59 UTC is 08:59 in Chicago: not yet; 15:00 UTC is 09:00.
            let clock = ManualClock(ReferralFixture.now.addingTimeInterval(Self.day - 60))
            #expect(try await Self.timers(fixture, at: clock).pass().digests == DigestRound())
            clock.advance(by: 60)
            #expect(try await Self.timers(fixture, at: clock).pass().digests == DigestRound(claimed: 1, written: 1))
        }
    }
}
