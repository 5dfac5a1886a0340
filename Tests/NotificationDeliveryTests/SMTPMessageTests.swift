import Foundation
import NotificationDelivery
import Testing

/// What goes over SMTP's DATA, without a server.
@Suite("Notifications: the SMTP message")
struct SMTPMessageTests {
    static let message = SMTPMessage(
        from: "closeloop@district.example", to: "pat@agency.example", subject: "Referral accepted: Café Tutoring",
        body: "First line\n.hidden line\n..two dots\r\nlast", deliveryID: "0b7e0f7e-1111-4a4a-8b8b-222222222222",
        date: Date(timeIntervalSince1970: 1_795_446_000))

    @Test func linesStartingWithADotAreStuffedAndLinesEndInCRLF() {
        let data = Self.message.data
        #expect(data.contains("\r\n..hidden line\r\n"))
        #expect(data.contains("\r\n...two dots\r\n"))
        #expect(data.hasSuffix("last\r\n"))
        #expect(!data.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func headersCarryTheDeliveryIDAndAnEncodedSubject() {
        let data = Self.message.data
        #expect(data.contains("\r\nX-Closeloop-Delivery-Id: 0b7e0f7e-1111-4a4a-8b8b-222222222222\r\n"))
        #expect(data.contains("\r\nTo: pat@agency.example\r\n"))
        #expect(data.contains("Subject: =?utf-8?B?\(Data("Referral accepted: Café Tutoring".utf8).base64EncodedString())?="))
        #expect(data.contains("Date: Mon, 23 Nov 2026 15:00:00 +0000"))
    }

    @Test func addressesThatCouldInjectCommandsAreRefused() {
        #expect(SMTPMessage.isAcceptableAddress("pat@agency.example"))
        for bad in ["pat@agency.example>\r\nRCPT TO:<x@evil.example", "no-at-sign", "a@b@c", "pat <pat@agency.example>", ""] {
            #expect(!SMTPMessage.isAcceptableAddress(bad))
        }
    }
}
