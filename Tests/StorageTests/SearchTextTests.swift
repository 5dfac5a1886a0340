@testable import Storage
import Testing

/// Keyword search compares the stored text with the query folded the same way, so the ASCII fast
/// path must fold exactly as the general one.
@Suite("Search text")
struct SearchTextTests {
    static func general(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test func asciiFoldingMatchesTheGeneralRule() {
        let alphabet = Array("aZ09 \t\n\r\u{0B}\u{0C}-_.,'\"()&/\\Mm")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(SearchText.asciiNormalized(text) == Self.general(text), "\(text.debugDescription)")
        }
        for control in 0..<0x20 {
            let text = "A\(Character(UnicodeScalar(UInt8(control))))B"
            #expect(SearchText.asciiNormalized(text) == Self.general(text), "\(text.debugDescription)")
        }
    }

    @Test func nonASCIITextTakesTheGeneralPath() {
        #expect(SearchText.asciiNormalized("Ünïcode  Center") == nil)
        #expect(SearchText.normalize("  Ünïcode \u{00A0} CENTER\u{2028}x ") == "ünïcode center x")
        #expect(SearchText.normalize("  After-School   TUTORING\n") == "after-school tutoring")
    }
}
