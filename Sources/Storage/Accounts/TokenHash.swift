import Crypto
import Foundation

/// API tokens are random and shown once; only their SHA-256 is stored, so a copy of the
/// database does not let anyone sign in.
enum TokenHash {
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "clt_" + bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// What is kept of a token's text to recognise it by: `clt_` and its first 8 hex digits (32 of
    /// its 256 random bits), shown in lists and accepted by `closeloop user revoke-token`.
    static func prefix(of token: String) -> String {
        String(token.prefix(prefixLength))
    }

    static let prefixLength = 12

    static func hash(_ token: String) -> String {
        hash(Data(token.utf8))
    }

    static func hash(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func newID(prefix: String) -> String {
        "\(prefix)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    }
}
