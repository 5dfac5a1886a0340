import Crypto
import Foundation

/// `X-Closeloop-Signature: sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the
/// organization's secret, so the receiver knows the body came from us and was not changed.
public enum WebhookSignature {
    public static let header = "X-Closeloop-Signature"
    public static let timestampHeader = "X-Closeloop-Timestamp"
    public static let deliveryIDHeader = "X-Closeloop-Delivery-Id"
    public static let eventHeader = "X-Closeloop-Event"

    public static func sign<Body: DataProtocol>(_ body: Body, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Constant-time check of a received signature header.
    public static func verify<Body: DataProtocol>(_ header: String, body: Body, secret: String) -> Bool {
        let expected = Array(sign(body, secret: secret).utf8)
        let given = Array(header.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
