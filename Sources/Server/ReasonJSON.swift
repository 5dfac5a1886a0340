import Matching
import Synchronization

/// Match reasons as the API writes them, both forms: the machine form of `reason_codes`
/// (`{"code":…,"values":{…}}`) and the English text of `reasons` as a JSON string. Each reason is
/// written once per process: a match response writes a few hundred distinct reasons over and over,
/// and wording one through the catalog (lookups, placeholder filling) or listing its values costs
/// far more than copying its bytes. Distances are written every time (a measured number rarely
/// repeats) and not kept. Kept because alternating A/B runs showed it pays (docs/PERFORMANCE.md,
/// stops 32 and 33).
final class ReasonJSON: Sendable {
    static let shared = ReasonJSON(words: .english)

    /// One reason's two JSON values in one array, the code's first: one lookup and one retain per reason.
    struct Written: Sendable {
        let bytes: [UInt8]
        let codeCount: Int

        func appendCode(to json: inout JSONBytes) {
            bytes.withUnsafeBytes { json.append(UnsafeRawBufferPointer(rebasing: $0[..<codeCount])) }
        }

        func appendWords(to json: inout JSONBytes) {
            bytes.withUnsafeBytes { json.append(UnsafeRawBufferPointer(rebasing: $0[codeCount...])) }
        }
    }

    private let words: ReasonWords
    private let cache = Mutex<[Reason: Written]>([:])
    /// A bound on what is kept: reasons with a number (an age, weeks, days) are few, but a caller
    /// could send any age.
    private static let limit = 8192

    init(words: ReasonWords) { self.words = words }

    /// `reason`'s machine form and words, as JSON.
    func written(_ reason: Reason) throws -> Written {
        if case .distance = reason { return try write(reason) }
        if let written = cache.withLock({ $0[reason] }) { return written }
        let written = try write(reason)
        cache.withLock { cache in
            if cache.count < Self.limit { cache[reason] = written }
        }
        return written
    }

    private func write(_ reason: Reason) throws -> Written {
        let text = words.text(reason)
        var json = JSONBytes(capacity: text.utf8.count + 96)
        try json.reasonCode(reason)
        let codeCount = json.count
        json.string(text)
        return Written(bytes: json.bytes, codeCount: codeCount)
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
