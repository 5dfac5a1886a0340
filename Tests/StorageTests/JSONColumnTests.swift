import Directory
import Foundation
@testable import Storage
import Testing

/// The direct writer for lists of codes must give JSONEncoder's text byte for byte: a re-import
/// compares what it would write with what the store holds, and a different spelling of the same
/// list would turn "unchanged" services into "updated" ones.
@Suite("JSON columns")
struct JSONColumnTests {
    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func stringListsMatchJSONEncoder() throws {
        let controls = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        let samples: [[String]] = [
            [], [""], ["LR-8000.0500", "RP-1400"], ["a/b", "quote \" and back\\slash"],
            controls, ["tab\tnew\nline\r", "ümlaut", "日本語", "emoji 🧑‍🏫", "\u{2028}\u{2029}", "\u{7F}"],
        ]
        for sample in samples {
            #expect(JSONColumn.encode(codes: sample) == (try Self.foundation(sample)), "\(sample)")
        }
    }

    @Test func codeListsMatchJSONEncoder() throws {
        #expect(JSONColumn.encode(codes: Domain.allCases) == (try Self.foundation(Domain.allCases)))
        #expect(JSONColumn.encode(codes: Insurance.allCases) == (try Self.foundation(Insurance.allCases)))
        let languages = [LanguageCode.english, .spanish, LanguageCode(rawValue: "vi")!]
        #expect(JSONColumn.encode(codes: languages) == (try Self.foundation(languages)))
        #expect(JSONColumn.encode(codes: [Setting]()) == "[]")
    }
}
