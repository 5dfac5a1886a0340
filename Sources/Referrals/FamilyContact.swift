import Directory
import Foundation

/// How the family wants to be reached.
public enum FamilyContactChannel: String, Codable, CaseIterable, Sendable, Hashable {
    case phone
    case email
}

/// The family's preferred contact, recorded on a consent when the family agrees to share it
/// (`SharedField.familyContact`). It reaches the partner only under a consent in force that shares
/// it, and it is where the family check-in is sent.
public struct FamilyContact: Codable, Sendable, Hashable {
    public var channel: FamilyContactChannel
    /// An email address or a phone number, as the coordinator wrote it.
    public var address: String
    /// The language to write to the family in.
    public var language: LanguageCode
    /// When to call or write ("weekdays after 5 pm"), free text; nil when not said.
    public var bestTime: String?

    public init(channel: FamilyContactChannel, address: String, language: LanguageCode, bestTime: String? = nil) {
        self.channel = channel
        self.address = address
        self.language = language
        self.bestTime = bestTime
    }

    enum CodingKeys: String, CodingKey {
        case channel, address, language
        case bestTime = "best_time"
    }

    /// Why this contact cannot be used, or nil: an email needs one `@` with text on both sides and
    /// no spaces; a phone number 7 to 15 digits (spaces, dashes, dots, brackets and a leading `+`
    /// allowed around them).
    public var problem: String? {
        let text = address.trimmingCharacters(in: .whitespaces)
        switch channel {
        case .email:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.contains(where: \.isWhitespace) else {
                return "'\(text)' is not an email address"
            }
        case .phone:
            let digits = text.filter(\.isASCII).filter(\.isNumber)
            let allowed = Set("0123456789 -.()+")
            guard (7...15).contains(digits.count), text.allSatisfy(allowed.contains) else {
                return "'\(text)' is not a phone number (7 to 15 digits)"
            }
        }
        return nil
    }
}
