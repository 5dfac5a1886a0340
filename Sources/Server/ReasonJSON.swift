import Matching

/// The English text of match reasons as JSON strings (the API's `reasons`). Each is worded every
/// time: a per-process cache of the bytes was tried but never measured, and a hand-written fast
/// path stays only when an A/B run shows it pays (docs/PERFORMANCE.md).
struct ReasonJSON: Sendable {
    static let shared = ReasonJSON(words: .english)

    private let words: ReasonWords

    init(words: ReasonWords) { self.words = words }

    /// The JSON string (quotes included) of `reason`'s text.
    func json(_ reason: Reason) -> [UInt8] {
        let text = words.text(reason)
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
