import Foundation
import NotificationDelivery
import Notifications
import Referrals
import Storage
import Testing
import TestSupport

/// The outbox end to end on both engines: rows written with the referral event, delivered by the
/// worker to a real SMTP server (aiosmtpd) and a real webhook receiver that checks the signature,
/// retried with backoff into the dead letters, and sent again with the same delivery id when a
/// worker dies between sending and marking.
@Suite("Notifications: outbox delivery", .timeLimit(.minutes(4)), .enabled(if: LoopbackReceiver.python != nil,
                                                   "python3 is missing: the SMTP server and webhook receiver are Python scripts"))
struct OutboxDeliveryTests {
    static let baseURL = "https://closeloop.example.org"
    static let secret = "whsec-test-0123456789abcdef"

    static func worker(_ fixture: ReferralFixture, smtpPort: Int?, clock: ManualClock,
                       afterSend: @escaping @Sendable (OutboxMessage) async throws -> Void = { _ in }) -> OutboxWorker {
        OutboxWorker(
            store: OutboxStore(database: fixture.store.database),
            configuration: DeliveryConfiguration(
                smtp: smtpPort.map { SMTPConfiguration(host: "127.0.0.1", port: $0, from: "closeloop@district.example", timeout: .seconds(10)) },
                retry: RetryPolicy(base: 30, cap: 600, maximumAttempts: 8), lease: 120),
            clock: clock.function, afterSend: afterSend)
    }

    static func outbox(_ fixture: ReferralFixture) -> OutboxStore { OutboxStore(database: fixture.store.database) }

    @Test(arguments: TestBackend.available)
    func emailsReachTheSMTPServerWithTheRecipientAndALinkOnly(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let smtp = try LoopbackReceiver(script: "smtp-sink.py")
            defer { smtp.stop() }
            try await Self.outbox(fixture).setBaseURL(Self.baseURL)
            let referral = try await fixture.sent()
            let rows = try await Self.outbox(fixture).messages(referralID: referral.id)
            #expect(rows.map(\.recipient) == ["partner@fixture.example.org"])
            #expect(rows.map(\.status) == [.pending])

            let clock = ManualClock(ReferralFixture.now.addingTimeInterval(5))
            let round = try await Self.worker(fixture, smtpPort: smtp.port, clock: clock).deliverDue()
            #expect(round == DeliveryRound(delivered: 1, retrying: 0, dead: 0))
            let received = try smtp.records()
            try #require(received.count == 1)
            #expect(received[0]["rcpt_tos"] as? [String] == ["partner@fixture.example.org"])
            let data = received[0]["data"] as? String ?? ""
            #expect(data.contains("\(Self.baseURL)/referrals/\(referral.id)"))
            #expect(header("X-Closeloop-Delivery-Id", in: data) == rows[0].deliveryID)
            #expect(header("Subject", in: data)?.contains("New referral") == true)
            // No student facts: not the note, the district id, the need or the student's languages.
            for fact in ["absences", ReferralFixture.districtStudentID, "anxiety", "Spanish-speaking"] {
                #expect(!data.contains(fact), "email body leaks \(fact)")
            }
            #expect(try await Self.outbox(fixture).messages(referralID: referral.id).map(\.status) == [.delivered])

            // The partner's answer goes back to the coordinator.
            _ = try await fixture.referrals.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: 1,
                                                  by: fixture.user(.partner), now: ReferralFixture.now)
            #expect(try await Self.worker(fixture, smtpPort: smtp.port, clock: clock).deliverDue().delivered == 1)
            let second = try smtp.records()
            #expect(second.count == 2)
            #expect(second.last?["rcpt_tos"] as? [String] == ["coordinator@fixture.example.org"])
            #expect((second.last?["data"] as? String)?.contains("accepted your referral") == true)
        }
    }

    @Test(arguments: TestBackend.available)
    func rowsAreWrittenOnlyWithTheirEventAndFollowPreferences(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let outbox = Self.outbox(fixture)
            let referral = try await fixture.sent()
            // A refused action (stale version) rolls back: no event, no message.
            await #expect(throws: ReferralStoreError.self) {
                _ = try await fixture.referrals.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: 0,
                                                      by: fixture.user(.partner), now: ReferralFixture.now)
            }
            #expect(try await outbox.messages(referralID: referral.id).count == 1)
            // The coordinator asked for no email: accepting writes nothing for them.
            try await outbox.setPreference(.off, userID: fixture.user(.coordinator).id)
            #expect(try await outbox.preference(userID: fixture.user(.coordinator).id) == .off)
            _ = try await fixture.referrals.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: 1,
                                                  by: fixture.user(.partner), now: ReferralFixture.now)
            #expect(try await outbox.messages(referralID: referral.id).map(\.event) == ["referral.sent"])
            // A draft tells nobody.
            let draft = try await fixture.draft()
            #expect(try await outbox.messages(referralID: draft.id).isEmpty)
            // Turned off, events write nothing; on again, they do.
            try await outbox.setEnabled(false)
            let quiet = try await fixture.sent()
            #expect(try await outbox.messages(referralID: quiet.id).isEmpty)
            try await outbox.setEnabled(true)
            let loud = try await fixture.sent()
            #expect(try await outbox.messages(referralID: loud.id).count == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func webhooksAreSignedAndTheReceiverVerifiesThem(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let receiver = try LoopbackReceiver(script: "webhook-receiver.py", arguments: [Self.secret])
            defer { receiver.stop() }
            let outbox = Self.outbox(fixture)
            try await outbox.setWebhook(OrganizationWebhook(
                organizationID: ReferralFixture.organizationID, url: "http://127.0.0.1:\(receiver.port)/closeloop", secret: Self.secret))
            let referral = try await fixture.sent()
            let hook = try #require(try await outbox.messages(referralID: referral.id).first { $0.channel == .webhook })
            let clock = ManualClock(ReferralFixture.now.addingTimeInterval(5))
            // Without SMTP only webhooks go; the email row stays pending.
            #expect(try await Self.worker(fixture, smtpPort: nil, clock: clock).deliverDue().delivered == 1)
            let records = try receiver.records()
            try #require(records.count == 1)
            #expect(records[0]["verified"] as? Bool == true)
            #expect(records[0]["delivery_id"] as? String == hook.deliveryID)
            #expect(records[0]["event"] as? String == "referral.sent")
            #expect(records[0]["timestamp"] as? String == String(Int(clock.now.timeIntervalSince1970)))
            let body = try JSONSerialization.jsonObject(with: Data((records[0]["body"] as? String ?? "").utf8)) as? [String: Any]
            #expect(body?["referral_id"] as? String == referral.id)
            #expect(body?["delivery_id"] as? String == hook.deliveryID)
            let statuses = Dictionary(uniqueKeysWithValues: try await outbox.messages(referralID: referral.id).map { ($0.channel, $0.status) })
            #expect(statuses == [.webhook: .delivered, .email: .pending])

            // A secret the receiver does not know is refused by it (401), so the check is real.
            try await outbox.setWebhook(OrganizationWebhook(
                organizationID: ReferralFixture.organizationID, url: "http://127.0.0.1:\(receiver.port)/closeloop", secret: "wrong"))
            _ = try await fixture.referrals.apply(ReferralCommand(.cancel), toReferral: referral.id, expectedVersion: 1,
                                                  by: fixture.user(.coordinator), now: ReferralFixture.now)
            let second = try await fixture.sent()
            #expect(try await Self.worker(fixture, smtpPort: nil, clock: clock).deliverDue() == DeliveryRound(delivered: 0, retrying: 1, dead: 0))
            #expect(try receiver.records().last?["verified"] as? Bool == false)
            let failed = try #require(try await outbox.messages(referralID: second.id).first { $0.channel == .webhook })
            #expect(failed.lastError?.contains("401") == true)
        }
    }

    @Test(arguments: TestBackend.available)
    func failuresAreRetriedWithBackoffThenDeadLettered(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let receiver = try LoopbackReceiver(script: "webhook-receiver.py", arguments: [Self.secret, "500"])
            defer { receiver.stop() }
            let outbox = Self.outbox(fixture)
            try await outbox.setWebhook(OrganizationWebhook(
                organizationID: ReferralFixture.organizationID, url: "http://127.0.0.1:\(receiver.port)/hook", secret: Self.secret))
            let referral = try await fixture.sent()
            let clock = ManualClock(ReferralFixture.now.addingTimeInterval(5))
            let worker = Self.worker(fixture, smtpPort: nil, clock: clock)
            var waits: [TimeInterval] = []
            for attempt in 1...8 {
                let round = try await worker.deliverDue()
                #expect(round == (attempt < 8 ? DeliveryRound(retrying: 1) : DeliveryRound(dead: 1)), "attempt \(attempt)")
                // Nothing is due again before its backoff.
                #expect(try await worker.deliverDue().claimed == 0)
                let row = try #require(try await outbox.messages(referralID: referral.id).first { $0.channel == .webhook })
                #expect(row.attempts == attempt)
                if attempt < 8 {
                    waits.append(row.nextAttemptAt.timeIntervalSince(clock.now))
                    clock.advance(by: row.nextAttemptAt.timeIntervalSince(clock.now))
                }
            }
            #expect(waits == [30, 60, 120, 240, 480, 600, 600])
            let dead = try await outbox.messages(status: .dead)
            #expect(dead.map(\.referralID) == [referral.id])
            #expect(dead.first?.lastError?.contains("500") == true)
            let records = try receiver.records()
            #expect(records.count == 8)
            #expect(Set(records.compactMap { $0["delivery_id"] as? String }) == [dead[0].deliveryID])
            // Dead stays dead until an administrator queues it again.
            clock.advance(by: 86_400)
            #expect(try await worker.deliverDue().claimed == 0)
            #expect(try await outbox.retry(id: dead[0].id, now: clock.now))
            #expect(try await worker.deliverDue() == DeliveryRound(retrying: 1))
        }
    }

    @Test(arguments: TestBackend.available)
    func aWorkerKilledBetweenSendAndMarkSendsAgainWithTheSameDeliveryID(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let smtp = try LoopbackReceiver(script: "smtp-sink.py")
            defer { smtp.stop() }
            let referral = try await fixture.sent()
            let clock = ManualClock(ReferralFixture.now.addingTimeInterval(5))
            struct Killed: Error {}
            let dying = Self.worker(fixture, smtpPort: smtp.port, clock: clock) { _ in throw Killed() }
            await #expect(throws: Killed.self) { _ = try await dying.deliverDue() }
            #expect(try smtp.records().count == 1)
            #expect(try await Self.outbox(fixture).messages(referralID: referral.id).map(\.status) == [.pending])

            // Another worker does not take it while the dead one's lease runs, then sends it again.
            let next = Self.worker(fixture, smtpPort: smtp.port, clock: clock)
            #expect(try await next.deliverDue().claimed == 0)
            clock.advance(by: 121)
            #expect(try await next.deliverDue().delivered == 1)
            let records = try smtp.records()
            #expect(records.count == 2)
            let ids = records.map { header("X-Closeloop-Delivery-Id", in: $0["data"] as? String ?? "") }
            #expect(ids[0] != nil && ids[0] == ids[1])
            #expect(try await Self.outbox(fixture).messages(referralID: referral.id).map(\.status) == [.delivered])
        }
    }

    @Test(arguments: TestBackend.available)
    func anUnreachableSMTPServerIsAFailedAttempt(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let referral = try await fixture.sent()
            // A port nothing listens on: bind one, note it, close it.
            let closedPort = try LoopbackReceiver(script: "smtp-sink.py")
            let port = closedPort.port
            closedPort.stop()
            let clock = ManualClock(ReferralFixture.now.addingTimeInterval(5))
            #expect(try await Self.worker(fixture, smtpPort: port, clock: clock).deliverDue() == DeliveryRound(retrying: 1))
            let row = try #require(try await Self.outbox(fixture).messages(referralID: referral.id).first)
            #expect(row.lastError?.contains("cannot connect") == true)
            #expect(row.status == .pending && row.attempts == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func concurrentWorkersNeverClaimTheSameRow(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            for _ in 0..<12 { _ = try await fixture.sent() }
            let outbox = Self.outbox(fixture)
            let now = ReferralFixture.now.addingTimeInterval(5)
            async let first = outbox.claimDue(channels: [.email], now: now, lease: 60, limit: 12)
            async let second = outbox.claimDue(channels: [.email], now: now, lease: 60, limit: 12)
            let (a, b) = try await (first, second)
            #expect(Set(a.map(\.id)).isDisjoint(with: Set(b.map(\.id))))
            #expect(a.count + b.count == 12)
        }
    }
}
