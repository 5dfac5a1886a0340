import Crypto
import Foundation

/// The login form's CSRF token. There is no session yet to hold one, so the server makes it and
/// signs it: 32 hex digits of nonce, 16 of expiry (Unix seconds) and 64 of HMAC-SHA256 over both.
/// The form carries it in a hidden field and the browser in a cookie; a sign-in is accepted only
/// when the two are equal, the signature is this server's and the token has not expired. A value
/// a client (or a cross-site page) makes up fails the signature.
struct LoginFormTokens: Sendable {
    static let lifetime: TimeInterval = 3600
    private static let nonceDigits = 32, expiryDigits = 16, macDigits = 64

    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made per signature).
    private let key: Data

    init(secret: Data?) {
        key = secret ?? SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    func issue(now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<Self.nonceDigits / 2).map { _ in Self.hex(UInt8.random(in: .min ... .max, using: &generator)) }.joined()
        let expiry = String(UInt64(max(0, now.timeIntervalSince1970 + Self.lifetime)), radix: 16)
        let padded = String(repeating: "0", count: Self.expiryDigits - expiry.count) + expiry
        return nonce + padded + mac(nonce + padded)
    }

    /// Whether `token` is one this server issued and it is still within its hour.
    func isValid(_ token: String, now: Date) -> Bool {
        let digits = Array(token.utf8)
        guard digits.count == Self.nonceDigits + Self.expiryDigits + Self.macDigits,
              digits.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return false }
        let signed = String(token.prefix(Self.nonceDigits + Self.expiryDigits))
        guard CSRFProtection.constantTimeEquals(mac(signed), String(token.suffix(Self.macDigits))),
              let expiry = UInt64(signed.suffix(Self.expiryDigits), radix: 16) else { return false }
        return Double(expiry) > now.timeIntervalSince1970
    }

    private func mac(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(("closeloop-login-form|" + text).utf8), using: SymmetricKey(data: key)).map(Self.hex).joined()
    }

    private static func hex(_ byte: UInt8) -> String {
        String(format: "%02x", byte)
    }
}
