import Foundation

/// The source name an import uses when `--source` is not given: the feed's file or folder name
/// without its extension and without the date or version stamp exporters add, so that next week's
/// `export-2026-11-08.xml` is the same source as last week's `export-2026-11-01.xml` (and its
/// re-import updates and withdraws records instead of adding a second copy of the directory).
///
/// Removed, wherever they stand between separators (`-`, `_`, `.`, space) or at either end:
/// dates `2026-11-08`, `2026_11_08`, `20261108`, `11-08-2026`, `8.11.2026`, a month `2026-11`,
/// a time after a date (`2026-11-08T0930`, `20261108_093000`), versions `v2`, `V12`, and copy
/// markers `(1)`. A name that is nothing but such stamps has no default: `--source` is required.
public struct FeedSourceName: Sendable, Hashable {
    /// The name to use.
    public let name: String
    /// The stamps taken out of the file name, in order ("2026-11-08"); empty when it had none.
    public let removed: [String]

    /// The default source for a feed path; nil when the name is only stamps.
    public init?(path: String) {
        var url = URL(fileURLWithPath: path)
        if url.pathExtension.lowercased() == "gz" { url = url.deletingPathExtension() }
        let base = url.deletingPathExtension().lastPathComponent
        self.init(fileName: base.isEmpty ? url.lastPathComponent : base)
    }

    /// The default source for a file name already stripped of its extension.
    public init?(fileName: String) {
        var tokens = Self.tokens(of: fileName)
        var removed: [String] = []
        var index = 0
        while index < tokens.count {
            if let length = Self.stampLength(in: tokens, at: index) {
                let stamp = tokens[index..<(index + length)]
                removed.append(stamp.map(\.text).joined(separator: stamp.first.map { String($0.separatorAfter) } ?? ""))
                tokens.removeSubrange(index..<(index + length))
            } else {
                index += 1
            }
        }
        let name = tokens.enumerated().map { offset, token in
            offset == tokens.count - 1 ? token.text : token.text + String(token.separatorAfter)
        }.joined()
        guard !name.isEmpty else { return nil }
        self.name = name
        self.removed = removed
    }

    // MARK: Tokens

    private struct Token {
        var text: String
        /// The separator that followed it in the name (`-` when it ended the name).
        var separatorAfter: Character
    }

    private static let separators: Set<Character> = ["-", "_", ".", " "]

    /// Splits the name at separators, keeping which separator followed each part; "(1)" is a part of its own.
    private static func tokens(of name: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        func flush(_ separator: Character) {
            if !current.isEmpty { tokens.append(Token(text: current, separatorAfter: separator)) }
            current = ""
        }
        for character in name {
            if separators.contains(character) {
                flush(character)
            } else if character == "(" {
                flush("-")
                current.append(character)
            } else if character == ")" {
                current.append(character)
                flush("-")
            } else {
                current.append(character)
            }
        }
        flush("-")
        return tokens
    }

    /// How many tokens from `index` form one date, time or version stamp; nil when none starts there.
    private static func stampLength(in tokens: [Token], at index: Int) -> Int? {
        let texts = tokens[index...].prefix(4).map(\.text)
        guard let first = texts.first else { return nil }
        if isVersion(first) || isCopyMarker(first) { return 1 }
        var length: Int?
        if let compact = compactDateLength(first) {
            length = compact
        } else if texts.count >= 3, isYear(texts[0]), isMonth(texts[1]), isDay(texts[2]) || isDayAndTime(texts[2]) {
            length = 3
        } else if texts.count >= 3, isDay(texts[0]) || isMonth(texts[0]), isDay(texts[1]) || isMonth(texts[1]),
                  isYear(texts[2]), isMonth(texts[0]) || isMonth(texts[1]) {
            length = 3
        } else if texts.count >= 2, isYear(texts[0]), isMonth(texts[1]), texts.count == 2 || !isNumber(texts[2]) {
            length = 2
        }
        guard var found = length else { return nil }
        // A time right after a date belongs to the stamp: "0930", "093000", "09-30-00".
        if index + found < tokens.count, isTime(tokens[index + found].text) { found += 1 }
        return found
    }

    private static func isNumber(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }

    private static func isYear(_ text: String) -> Bool {
        text.count == 4 && isNumber(text) && (1990...2099).contains(Int(text)!)
    }

    private static func isMonth(_ text: String) -> Bool {
        (1...2).contains(text.count) && isNumber(text) && (1...12).contains(Int(text)!)
    }

    private static func isDay(_ text: String) -> Bool {
        (1...2).contains(text.count) && isNumber(text) && (1...31).contains(Int(text)!)
    }

    /// "20261108", "20261108T0930", "20261108093000": a date written without separators, maybe with a time.
    private static func compactDateLength(_ text: String) -> Int? {
        let parts = text.uppercased().split(separator: "T", maxSplits: 1).map(String.init)
        let date = parts[0]
        guard date.count >= 8, isNumber(date) else { return nil }
        let digits = Array(date)
        let year = String(digits[0..<4]), month = String(digits[4..<6]), day = String(digits[6..<8])
        guard isYear(year), isMonth(month), isDay(day) else { return nil }
        let rest = String(digits[8...])
        guard rest.isEmpty || rest.count == 4 || rest.count == 6 else { return nil }
        if parts.count == 2, !isTime(parts[1]) { return nil }
        return 1
    }

    /// "08T0930": the day of a date with its time.
    private static func isDayAndTime(_ text: String) -> Bool {
        let parts = text.uppercased().split(separator: "T", maxSplits: 1).map(String.init)
        return parts.count == 2 && isDay(parts[0]) && isTime(parts[1])
    }

    private static func isTime(_ text: String) -> Bool {
        let digits = text.hasPrefix("T") || text.hasPrefix("t") ? String(text.dropFirst()) : text
        guard (digits.count == 4 || digits.count == 6), isNumber(digits) else { return false }
        let hour = Int(digits.prefix(2))!, minute = Int(digits.dropFirst(2).prefix(2))!
        return hour < 24 && minute < 60
    }

    private static func isVersion(_ text: String) -> Bool {
        guard text.count >= 2, text.first == "v" || text.first == "V" else { return false }
        return isNumber(String(text.dropFirst()))
    }

    private static func isCopyMarker(_ text: String) -> Bool {
        text.count >= 3 && text.first == "(" && text.last == ")" && isNumber(String(text.dropFirst().dropLast()))
    }
}
