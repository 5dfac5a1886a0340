import Foundation

/// A plain-text email as it goes over SMTP's DATA: headers (the delivery id among them, for the
/// receiver to deduplicate by), CRLF line ends, and dot-stuffing.
public struct SMTPMessage: Sendable, Hashable {
    public static let deliveryIDHeader = "X-Closeloop-Delivery-Id"

    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    public var deliveryID: String
    public var date: Date

    public init(from: String, to: String, subject: String, body: String, deliveryID: String, date: Date) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.deliveryID = deliveryID
        self.date = date
    }

    /// An address goes into a command line and a header: no line breaks, no angle brackets, one `@`.
    public static func isAcceptableAddress(_ address: String) -> Bool {
        !address.isEmpty && address.count <= 254 && address.filter { $0 == "@" }.count == 1
            && !address.unicodeScalars.contains { $0.properties.generalCategory == .control || "<> ,;\"\\".unicodeScalars.contains($0) }
    }

    /// The DATA payload, without the final `.` line: CRLF line ends, lines starting with `.` doubled.
    public var data: String {
        let headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedHeader(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(deliveryID)@closeloop>",
            "\(Self.deliveryIDHeader): \(deliveryID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        return (headers + [""] + Self.lines(body)).map(Self.dotStuffed).joined(separator: "\r\n") + "\r\n"
    }

    static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// RFC 5321 §4.5.2: a line that starts with a period gets one more.
    public static func dotStuffed(_ line: String) -> String { line.hasPrefix(".") ? "." + line : line }

    /// A header value on one line; non-ASCII text as an RFC 2047 encoded word.
    static func encodedHeader(_ text: String) -> String {
        let flat = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
        guard flat.unicodeScalars.contains(where: { !$0.isASCII }) else { return flat }
        return "=?utf-8?B?\(Data(flat.utf8).base64EncodedString())?="
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
