import Crypto
import Foundation

/// Why the family is asked: after the referral was sent, and after an intake was scheduled.
public enum CheckInPurpose: String, Sendable, Codable, CaseIterable, Hashable {
    case afterReferred = "after_referred"
    case afterScheduled = "after_scheduled"
}

/// The claims a check-in link carries. The link is the family's only key (no login), so it is
/// signed (HMAC-SHA256 over every claim with the district's check-in secret), it expires, and its
/// nonce names one stored token row that a single answer uses up.
public struct CheckInClaims: Sendable, Hashable {
    public var referralID: String
    public var purpose: CheckInPurpose
    public var expiresAt: Date
    /// 128 random bits, hex: the token row's key.
    public var nonce: String

    public init(referralID: String, purpose: CheckInPurpose, expiresAt: Date, nonce: String) {
        self.referralID = referralID
        self.purpose = purpose
        self.expiresAt = expiresAt
        self.nonce = nonce
    }

    public static func newNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// Why a token from a link cannot be read; what each means to the family is the page's to say.
public enum CheckInTokenError: Error, Sendable, Hashable {
    /// Not a token at all (cut off when copied, a stray character): 400.
    case malformed
    /// Well formed but the signature does not match its claims: changed by someone, 403.
    case badSignature
}

/// `v1.<claims, base64url>.<HMAC-SHA256 of the claims part, base64url>`; the claims are
/// `referral id`, `purpose`, `expiry (Unix seconds)` and `nonce`, joined by line feeds (none of
/// them can hold one).
public enum CheckInLink {
    static let version = "v1"

    public static func token(for claims: CheckInClaims, secret: String) -> String {
        let payload = [claims.referralID, claims.purpose.rawValue, String(Int(claims.expiresAt.timeIntervalSince1970)), claims.nonce]
            .joined(separator: "\n")
        let encoded = base64URL(Data(payload.utf8))
        return "\(version).\(encoded).\(base64URL(mac("\(version).\(encoded)", secret: secret)))"
    }

    /// The claims of a token whose signature holds. Expiry and use are judged by the caller (the
    /// store knows the time and the token row).
    public static func verify(_ token: String, secret: String) throws(CheckInTokenError) -> CheckInClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count <= 1_000, parts.count == 3, parts[0] == version,
              let payload = data(base64URL: String(parts[1])), let given = data(base64URL: String(parts[2])) else {
            throw .malformed
        }
        let expected = mac("\(parts[0]).\(parts[1])", secret: secret)
        guard given.count == expected.count, zip(given, expected).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else {
            throw .badSignature
        }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, let purpose = CheckInPurpose(rawValue: fields[1]), let expiry = Int(fields[2]),
              !fields[0].isEmpty, !fields[3].isEmpty else {
            throw .malformed
        }
        return CheckInClaims(referralID: fields[0], purpose: purpose, expiresAt: Date(timeIntervalSince1970: TimeInterval(expiry)),
                             nonce: fields[3])
    }

    static func mac(_ text: String, secret: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
