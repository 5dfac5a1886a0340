/// A text's UTF-8 bytes with ASCII letters lower-cased, for keyword searches in free-text columns.
/// Searching bytes keeps the readers off Foundation's string search, which on Linux costs more per
/// call than reading the whole row; keywords are ASCII, so accented letters elsewhere do no harm.
struct LowercasedText {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = text.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether `keyword` (lower case) occurs anywhere.
    func contains(_ keyword: String) -> Bool { firstRange(of: keyword) != nil }

    func containsAny(_ keywords: [String]) -> Bool { keywords.contains(where: contains) }

    /// Whether `word` occurs with no letter or digit right before or after it ("chip", not "chips").
    func containsWord(_ word: String) -> Bool {
        var start = 0
        while let range = firstRange(of: word, from: start) {
            let before = range.lowerBound == 0 ? UInt8(ascii: " ") : bytes[range.lowerBound - 1]
            let after = range.upperBound == bytes.count ? UInt8(ascii: " ") : bytes[range.upperBound]
            if !Self.isAlphanumeric(before) && !Self.isAlphanumeric(after) { return true }
            start = range.lowerBound + 1
        }
        return false
    }

    /// A copy with every occurrence of `keyword` blanked out, so a longer phrase ("no fee") can be
    /// consumed before its parts ("fee") are looked for.
    func removing(_ keyword: String) -> LowercasedText {
        var copy = bytes
        var start = 0
        while let range = firstRange(of: keyword, from: start) {
            for index in range { copy[index] = UInt8(ascii: " ") }
            start = range.upperBound
        }
        return LowercasedText(bytes: copy)
    }

    func firstRange(of keyword: String, from start: Int = 0) -> Range<Int>? {
        // A native string's bytes are read in place: copying the keyword into an array cost an
        // allocation for every keyword of every `containsAny`.
        if let found = keyword.utf8.withContiguousStorageIfAvailable({ firstRange(of: $0, from: start) }) { return found }
        return Array(keyword.utf8).withUnsafeBufferPointer { firstRange(of: $0, from: start) }
    }

    private func firstRange(of needle: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, bytes.count - start >= needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { bytes in
            let first = needle[0]
            var index = start
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == first {
                    var matched = 1
                    while matched < needle.count && bytes[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return index..<(index + needle.count) }
                }
                index += 1
            }
            return nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte >= 0x80
    }
}
