/// An ISO 639-1 language code, always two lowercase ASCII letters.
public struct LanguageCode: RawRepresentable, Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts any case ("ES", "es") and rejects anything that is not two letters.
    public init?(rawValue: String) {
        let lowered = rawValue.lowercased()
        guard lowered.count == 2, lowered.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else {
            return nil
        }
        self.rawValue = lowered
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let code = LanguageCode(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(raw)' is not an ISO 639-1 language code")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let english = LanguageCode(rawValue: "en")!
    public static let spanish = LanguageCode(rawValue: "es")!
}
