import Foundation
import NotificationDelivery
import Notifications
import Referrals
import Storage
import Testing
import TestSupport

/// Notification emails in the recipient's language (issue 22, item 5): a partner who chose Spanish
/// gets the new-referral email in Spanish from the real SMTP server (aiosmtpd), subject encoded as
/// RFC 2047; the coordinator with no choice gets the answer in English.
@Suite("Notifications: email in the recipient's language", .timeLimit(.minutes(4)),
       .enabled(if: LoopbackReceiver.python != nil, "python3 is missing: the SMTP server is a Python script"))
struct SpanishEmailTests {
    @Test(arguments: TestBackend.available)
    func aPartnerWhoChoseSpanishGetsTheEmailInSpanish(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let smtp = try LoopbackReceiver(script: "smtp-sink.py")
            defer { smtp.stop() }
            let outbox = OutboxDeliveryTests.outbox(fixture)
            try await outbox.setBaseURL(OutboxDeliveryTests.baseURL)
            try await AccountStore(database: fixture.store.database).setLanguage(userID: fixture.user(.partner).id, to: "es")

            let referral = try await fixture.sent()
            let clock = ManualClock(ReferralFixture.now.addingTimeInterval(5))
            #expect(try await OutboxDeliveryTests.worker(fixture, smtpPort: smtp.port, clock: clock).deliverDue().delivered == 1)
            let received = try smtp.records()
            try #require(received.count == 1)
            #expect(received[0]["rcpt_tos"] as? [String] == ["partner@fixture.example.org"])
            let data = received[0]["data"] as? String ?? ""
            #expect(data.contains("Un coordinador escolar envió a su organización una remisión a"))
            #expect(data.contains("Este mensaje no contiene información de estudiantes."))
            #expect(data.contains("Remisión \(referral.id): \(OutboxDeliveryTests.baseURL)/referrals/\(referral.id)"))
            #expect(!data.contains("A school coordinator sent"))
            let subject = try #require(header("Subject", in: data))
            #expect(subject.hasPrefix("=?utf-8?B?"))
            let decoded = Data(base64Encoded: String(subject.dropFirst("=?utf-8?B?".count).dropLast(2))).map { String(decoding: $0, as: UTF8.self) }
            #expect(decoded?.hasPrefix("Nueva remisión: ") == true)
            #expect(decoded?.hasSuffix("(remisión \(referral.id))") == true)

            // The coordinator chose nothing: the partner's answer reaches them in English.
            _ = try await fixture.referrals.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: 1,
                                                  by: fixture.user(.partner), now: ReferralFixture.now)
            #expect(try await OutboxDeliveryTests.worker(fixture, smtpPort: smtp.port, clock: clock).deliverDue().delivered == 1)
            let answer = try smtp.records().last?["data"] as? String ?? ""
            #expect(answer.contains("The partner accepted your referral to"))
        }
    }
}
