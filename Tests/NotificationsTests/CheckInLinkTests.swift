import Directory
import Foundation
import Notifications
import Referrals
import Testing

/// The check-in link's signature and the message it goes in, without a database.
@Suite("Notifications: family check-in links and words")
struct CheckInLinkTests {
    static let secret = "checkin-test-secret"
    static let claims = CheckInClaims(referralID: "ref_123", purpose: .afterScheduled,
                                      expiresAt: Date(timeIntervalSince1970: 1_796_000_000), nonce: "00112233445566778899aabbccddeeff")

    @Test func aTokenVerifiesOnlyWithItsSecretAndUnchanged() throws {
        let token = CheckInLink.token(for: Self.claims, secret: Self.secret)
        #expect(try CheckInLink.verify(token, secret: Self.secret) == Self.claims)
        #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }, "URL-safe")
        #expect(throws: CheckInTokenError.badSignature) { try CheckInLink.verify(token, secret: "other") }
        // Any changed claim breaks the signature: re-encode the claims with another referral id.
        let parts = token.split(separator: ".").map(String.init)
        for changed in ["ref_124\nafter_scheduled\n1796000000\n00112233445566778899aabbccddeeff",
                        "ref_123\nafter_referred\n1796000000\n00112233445566778899aabbccddeeff",
                        "ref_123\nafter_scheduled\n1899999999\n00112233445566778899aabbccddeeff"] {
            let encoded = Data(changed.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(throws: CheckInTokenError.badSignature) { try CheckInLink.verify("\(parts[0]).\(encoded).\(parts[2])", secret: Self.secret) }
        }
        for mangled in ["", "v1", "v1.a.b.c", "v2.\(parts[1]).\(parts[2])", "v1.\(parts[1]).", "v1.!!.\(parts[2])"] {
            #expect(throws: CheckInTokenError.malformed) { try CheckInLink.verify(mangled, secret: Self.secret) }
        }
    }

    @Test func theMessageNamesTheServiceAndHoldsTheLinkAndNothingElse() throws {
        let planner = CheckInPlanner(schedule: CheckInSchedule(businessDays: 3), baseURL: "https://closeloop.example.org/", secret: Self.secret)
        // Friday 27 November 2026 16:00 UTC: three business days later is Wednesday 2 December.
        let sentAt = Date(timeIntervalSince1970: 1_795_446_000 + 4 * 86_400 + 3_600)
        let event = ReferralEvent(sequence: 1, action: .send, from: .draft, to: .referred, actorID: "usr-c", role: .coordinator, at: sentAt,
                                  note: "Student disclosed self-harm thoughts")
        let contact = FamilyContact(channel: .email, address: "family@home.example", language: LanguageCode(rawValue: "vi")!)
        let draft = try #require(planner.draft(for: event, referralID: "ref_9", serviceName: "Teen Clinic\r\nBcc: x@evil.example",
                                               contact: contact, nonce: "abcd"))
        #expect(draft.recipient == "family@home.example")
        #expect(draft.channel == .email)
        #expect(CalendarDate(draft.dueAt) == CalendarDate("2026-12-02"))
        #expect(draft.claims.expiresAt == draft.dueAt.addingTimeInterval(14 * 86_400))
        #expect(draft.language.rawValue == "en", "no Vietnamese table yet: English")
        #expect(!draft.subject.contains("\n") && !draft.subject.contains("\r"))
        #expect(draft.body.contains("https://closeloop.example.org/check-in/"))
        #expect(!draft.body.contains("self-harm") && !draft.body.contains("ref_9"))
        let token = String(draft.body[draft.body.range(of: "/check-in/")!.upperBound...].prefix { !$0.isWhitespace })
        #expect(try CheckInLink.verify(token, secret: Self.secret).referralID == "ref_9")
        // Only send and a first schedule start a check-in; a reschedule or an accept does not.
        let accept = ReferralEvent(sequence: 2, action: .accept, from: .referred, to: .accepted, actorID: "p", role: .partner, at: sentAt)
        #expect(planner.draft(for: accept, referralID: "ref_9", serviceName: "x", contact: contact) == nil)
        let reschedule = ReferralEvent(sequence: 4, action: .schedule, from: .scheduled, to: .scheduled, actorID: "p", role: .partner, at: sentAt)
        #expect(planner.draft(for: reschedule, referralID: "ref_9", serviceName: "x", contact: contact) == nil)
        #expect(planner.draft(for: event, referralID: "ref_9", serviceName: "x", contact: nil) == nil)
        let phone = FamilyContact(channel: .phone, address: "555 010 2030", language: LanguageCode(rawValue: "en")!)
        #expect(planner.draft(for: event, referralID: "ref_9", serviceName: "x", contact: phone)?.channel == .sms)
    }
}
