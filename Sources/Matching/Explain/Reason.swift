/// One reason behind a suggestion ("speaks Spanish", "waitlist about 3 weeks"), as people read it.
///
/// Most reasons are phrases of a fixed catalog, numbered once per process (`catalog`): a
/// suggestion refers to them instead of holding a string, so a response writer can prepare each
/// phrase's bytes once and copy them, rather than encode the same text for every suggestion of
/// every match. Reasons with a number measured for one suggestion (a distance) are `text`.
/// Two reasons are equal when they read the same.
public enum Reason: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// A phrase of `Reason.catalog`, by position (below `catalog.count`).
    case phrase(UInt16)
    case text(String)

    public init(stringLiteral value: String) { self = .text(value) }

    /// Every phrase `Reason.phrase` may refer to, by number.
    public static var catalog: [String] { ReasonPhrases.catalog }

    public var text: String {
        switch self {
        case .phrase(let number): ReasonPhrases.catalog[Int(number)]
        case .text(let text): text
        }
    }

    public var description: String { text }

    public static func == (a: Reason, b: Reason) -> Bool {
        if case .phrase(let x) = a, case .phrase(let y) = b, x == y { return true }
        return a.text == b.text
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public init(from decoder: any Decoder) throws {
        self = .text(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
