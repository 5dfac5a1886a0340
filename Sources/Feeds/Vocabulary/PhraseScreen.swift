/// A first look at a text before a vocabulary reader cuts it into words: whether the text could hold
/// any of the reader's phrases. Most descriptions state no setting, transport, enrollment status,
/// cost or language, and cutting every one into words to learn that cost more than parsing the feed.
///
/// The look only says "maybe" or "no", never more: a phrase can stand in a text only if every run of
/// letters of its words does, and a "maybe" is settled by the reader itself. Letter runs are compared
/// by their first seven letters and their length, so two long words may look alike (one more
/// "maybe", never a wrong "no"). A text with any non-ASCII character is always "maybe": folding
/// ("Hôme" reads "home") is the tokenizer's business.
struct PhraseScreen {
    /// Every letter run of every phrase that can stand in an ASCII text.
    private let runs: Set<UInt64>
    /// Each such phrase as the letter runs it needs.
    private let phrases: [[UInt64]]
    /// ASCII characters whose presence alone makes a text a "maybe" ("$" for an amount).
    private let marks: [UInt8]
    /// Some phrase needs no letters at all, so no text can be ruled out.
    private let alwaysMaybe: Bool

    /// `phrases`: tokenized as `VocabularyTokens.phrase` does (lower case, accents folded).
    init(_ phrases: [[String]], marks: String = "") {
        var needed: [[UInt64]] = []
        var alwaysMaybe = false
        for phrase in phrases {
            // A word with non-ASCII letters cannot be a word of an ASCII text: the phrase is never there.
            guard phrase.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { continue }
            let keys = phrase.flatMap { ScreenedText.letterRuns(Array($0.utf8)) }
            if keys.isEmpty { alwaysMaybe = true }
            needed.append(keys)
        }
        self.phrases = needed
        runs = Set(needed.joined())
        self.marks = Array(marks.utf8)
        self.alwaysMaybe = alwaysMaybe
    }

    /// false only when the text cannot hold any of the phrases.
    func mayMatch(_ text: ScreenedText) -> Bool {
        guard !alwaysMaybe, let keys = text.keys else { return true }
        if marks.contains(where: text.contains) { return true }
        var found: [UInt64] = []
        for key in keys where runs.contains(key) && !found.contains(key) { found.append(key) }
        guard !found.isEmpty else { return false }
        return phrases.contains { $0.allSatisfy(found.contains) }
    }
}

/// A text's lower-cased ASCII letter runs, each packed into a number, read once and shared by every
/// `PhraseScreen` asked about it.
struct ScreenedText {
    /// nil when the text holds a non-ASCII character.
    let keys: [UInt64]?
    /// Which ASCII characters occur, one bit each.
    private let low: UInt64, high: UInt64

    init(_ text: String) {
        var keys: [UInt64] = []
        var low: UInt64 = 0, high: UInt64 = 0
        var ascii = true
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                guard byte < 0x80 else {
                    ascii = false
                    return
                }
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
            keys = Self.letterRuns(bytes)
        }
        self.keys = ascii ? keys : nil
        self.low = low
        self.high = high
    }

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }

    /// Each maximal run of ASCII letters, lower-cased, as its first seven letters and its length.
    static func letterRuns(_ bytes: some Collection<UInt8>) -> [UInt64] {
        var keys: [UInt64] = []
        var key: UInt64 = 0
        var length: UInt64 = 0
        for byte in bytes {
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") {
                if length < 7 { key |= UInt64(lower) << (8 * length) }
                length += 1
            } else if length > 0 {
                keys.append(key | min(length, 255) << 56)
                key = 0
                length = 0
            }
        }
        if length > 0 { keys.append(key | min(length, 255) << 56) }
        return keys
    }
}
