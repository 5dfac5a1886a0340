import Foundation
import Notifications
import Referrals
import Testing

/// What to send to whom for each referral event, without a database.
@Suite("Notifications: planning messages")
struct NotificationPlannerTests {
    static let at = Date(timeIntervalSince1970: 1_795_446_000)
    static let planner = NotificationPlanner(links: NotificationLinks(baseURL: "https://closeloop.example.org/"))
    static let partners = [
        NotificationRecipient(userID: "usr-p1", email: "pat@agency.example", preference: .immediately),
        NotificationRecipient(userID: "usr-p2", email: "quiet@agency.example", preference: .off),
        NotificationRecipient(userID: "usr-p3", email: "digest@agency.example", preference: .dailyDigest),
        NotificationRecipient(userID: "usr-p4", email: "ann@agency.example", preference: .immediately),
    ]

    static func event(_ action: ReferralAction, from: ReferralState, to: ReferralState, actor: String, role: Role) -> ReferralEvent {
        ReferralEvent(sequence: 2, action: action, from: from, to: to, actorID: actor, role: role, at: at,
                      note: "Student disclosed self-harm thoughts")
    }

    func plan(_ event: ReferralEvent, _ audience: NotificationAudience) -> [OutboxDraft] {
        var next = 0
        return Self.planner.drafts(for: event, referralID: "ref_42", organizationID: "org-1", serviceName: "Youth Counseling",
                                   audience: audience) {
            next += 1
            return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", next))!
        }
    }

    @Test func sentTellsEachPartnerWhoWantsItNowAndTheWebhook() {
        let drafts = plan(Self.event(.send, from: .draft, to: .referred, actor: "usr-c1", role: .coordinator),
                          NotificationAudience(people: Self.partners, webhookURL: "https://agency.example/hooks/closeloop"))
        #expect(drafts.map(\.recipient) == ["ann@agency.example", "pat@agency.example", "https://agency.example/hooks/closeloop"])
        #expect(drafts.map(\.channel) == [.email, .email, .webhook])
        #expect(Set(drafts.map(\.event)) == [.referralSent])
        #expect(Set(drafts.map(\.deliveryID)).count == 3)
        let email = drafts[0]
        #expect(email.subject == "New referral: Youth Counseling (referral ref_42)")
        #expect(email.body.contains("https://closeloop.example.org/referrals/ref_42"))
        // The event's note is a student fact: it never leaves in a message.
        #expect(!email.body.contains("self-harm"))
        let webhook = drafts[2]
        #expect(webhook.organizationID == "org-1" && webhook.subject == nil)
        let payload = try? JSONDecoder().decode([String: String].self, from: Data(webhook.body.utf8))
        #expect(payload?["delivery_id"] == webhook.deliveryID.uuidString.lowercased())
        #expect(payload?["event"] == "referral.sent" && payload?["referral_id"] == "ref_42")
        #expect(payload?["link"] == "https://closeloop.example.org/referrals/ref_42")
        #expect(!webhook.body.contains("self-harm"))
    }

    @Test(arguments: [
        (ReferralAction.accept, ReferralState.referred, ReferralState.accepted, NotificationEvent.referralAccepted),
        (.decline, .referred, .declined, .referralDeclined),
        (.waitlist, .accepted, .waitlisted, .referralWaitlisted),
        (.schedule, .accepted, .scheduled, .referralScheduled),
        (.confirmConnection, .scheduled, .connected, .referralConnected),
    ])
    func partnerAnswersGoBackToTheCoordinatorOnly(action: ReferralAction, from: ReferralState, to: ReferralState, kind: NotificationEvent) {
        let coordinator = NotificationRecipient(userID: "usr-c1", email: "coord@school.example", preference: .immediately)
        let drafts = plan(Self.event(action, from: from, to: to, actor: "usr-p1", role: .partner),
                          NotificationAudience(people: [coordinator], webhookURL: "https://agency.example/hook"))
        #expect(drafts.count == 1)
        #expect(drafts.first?.recipient == "coord@school.example")
        #expect(drafts.first?.event == kind)
        #expect(drafts.first?.channel == .email)
    }

    @Test func theActorIsNotToldOfTheirOwnActionAndQuietEventsTellNobody() {
        let coordinator = NotificationRecipient(userID: "usr-c1", email: "coord@school.example", preference: .immediately)
        let own = plan(Self.event(.confirmConnection, from: .scheduled, to: .connected, actor: "usr-c1", role: .coordinator),
                       NotificationAudience(people: [coordinator]))
        #expect(own.isEmpty)
        for action in [ReferralAction.contactAttempt, .close, .cancel, .markEnteredInError] {
            #expect(plan(Self.event(action, from: .accepted, to: .accepted, actor: "usr-p1", role: .partner),
                         NotificationAudience(people: [coordinator])).isEmpty)
        }
    }

    @Test func aServiceNameCannotAddAMailHeader() {
        let drafts = Self.planner.drafts(
            for: Self.event(.send, from: .draft, to: .referred, actor: "usr-c1", role: .coordinator), referralID: "ref_1",
            organizationID: "org-1", serviceName: "Food\r\nBcc: everyone@example.org", audience: NotificationAudience(people: Self.partners))
        #expect(drafts.allSatisfy { !($0.subject ?? "").contains("\n") && !($0.subject ?? "").contains("\r") })
    }

    @Test func retriesBackOffExponentiallyThenGiveUp() {
        let policy = RetryPolicy(base: 30, cap: 600, maximumAttempts: 8)
        #expect((1...7).map { policy.delay(afterAttempts: $0) } == [30, 60, 120, 240, 480, 600, 600])
        #expect(policy.delay(afterAttempts: 8) == nil)
    }

    @Test func webhookSignatureIsTheHexHMACOfTheBody() {
        let body = Array(#"{"a":1}"#.utf8)
        // python3 -c "import hmac,hashlib;print(hmac.new(b'secret',b'{\"a\":1}',hashlib.sha256).hexdigest())"
        let expected = "sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494"
        #expect(WebhookSignature.sign(body, secret: "secret") == expected)
        #expect(WebhookSignature.verify(expected, body: body, secret: "secret"))
        #expect(!WebhookSignature.verify(expected, body: Array(#"{"a":2}"#.utf8), secret: "secret"))
        #expect(!WebhookSignature.verify(expected, body: body, secret: "other"))
    }
}
