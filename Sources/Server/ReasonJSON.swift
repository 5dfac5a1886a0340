import Matching
import Synchronization

/// The English text of match reasons as JSON strings (the API's `reasons`), each worded once per
/// process: a match response writes a few hundred distinct reasons over and over, and wording one
/// through the catalog (lookups, placeholder filling) costs far more than copying its bytes.
/// Distances are worded every time (a measured number rarely repeats) and not kept. Kept because
/// an alternating A/B showed it pays (docs/PERFORMANCE.md, stop 32).
final class ReasonJSON: Sendable {
    static let shared = ReasonJSON(words: .english)

    private let words: ReasonWords
    private let cache = Mutex<[Reason: [UInt8]]>([:])
    /// A bound on what is kept: reasons with a number (an age, weeks, days) are few, but a caller
    /// could send any age.
    private static let limit = 8192

    init(words: ReasonWords) { self.words = words }

    /// The JSON string (quotes included) of `reason`'s text.
    func json(_ reason: Reason) -> [UInt8] {
        if case .distance = reason { return Self.encoded(words.text(reason)) }
        if let bytes = cache.withLock({ $0[reason] }) { return bytes }
        let bytes = Self.encoded(words.text(reason))
        cache.withLock { cache in
            if cache.count < Self.limit { cache[reason] = bytes }
        }
        return bytes
    }

    private static func encoded(_ text: String) -> [UInt8] {
        var json = JSONBytes(capacity: text.utf8.count + 8)
        json.string(text)
        return json.bytes
    }
}

extension JSONBytes {
    /// A reason's machine form: `{"code":…,"values":{…}}`, keys sorted as `JSONEncoder` sorts them.
    mutating func reasonCode(_ reason: Reason) throws {
        raw("{")
        key("code")
        string(reason.code)
        raw(",")
        key("values")
        raw("{")
        for (position, entry) in reason.values.enumerated() {
            if position > 0 { raw(",") }
            string(entry.key)
            raw(":")
            switch entry.value {
            case .int(let value): self.number(value)
            case .number(let value): try self.number(value)
            case .bool(let flag): flag ? raw("true") : raw("false")
            case .text(let text): string(text)
            case .texts(let texts):
                raw("[")
                for (index, text) in texts.enumerated() {
                    if index > 0 { raw(",") }
                    string(text)
                }
                raw("]")
            }
        }
        raw("}}")
    }
}
