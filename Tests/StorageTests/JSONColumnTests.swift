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

/// The hand-written writers for hours, phones and service areas against JSONEncoder, for the same reason.
@Suite("JSON columns: nested values")
struct NestedJSONColumnTests {
    @Test func openingHoursMatchJSONEncoder() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let hours = (0..<Int.random(in: 0...7, using: &generator)).map { _ in
                OpeningHours(
                    weekday: Weekday.allCases.randomElement(using: &generator)!,
                    opens: TimeOfDay(hour: Int.random(in: 0...11, using: &generator), minute: Int.random(in: 0...59, using: &generator))!,
                    closes: TimeOfDay(hour: Int.random(in: 12...24, using: &generator))!)
            }
            #expect(JSONColumn.encode(hours) == (try JSONColumnTests.foundation(hours)), "\(hours)")
        }
    }

    @Test func phonesMatchJSONEncoder() throws {
        let numbers = ["+1-515-555-0000", "(515) 555 0101 ext. 4", "quote \" back\\slash", "tab\there", "日本 🧑‍🏫", ""]
        for number in numbers {
            for kind in Phone.Kind.allCases {
                for language in [nil, LanguageCode.spanish, LanguageCode(rawValue: "vi")] {
                    let phones = [Phone(number: number, kind: kind, language: language), Phone(number: "311")]
                    #expect(JSONColumn.encode(phones) == (try JSONColumnTests.foundation(phones)), "\(phones)")
                }
            }
        }
        #expect(JSONColumn.encode([Phone]()) == "[]")
    }

    @Test func serviceAreasMatchJSONEncoder() throws {
        let areas = [
            ServiceArea(), ServiceArea(postalCodes: ["50309", "50310"]), ServiceArea(postalCodes: ["a\"b"]),
            ServiceArea(postalCodes: ["50309"], radiusKm: 25), ServiceArea(radiusKm: 2.5), ServiceArea(radiusKm: 0.1),
        ]
        for area in areas {
            #expect(JSONColumn.encode(area) == (try JSONColumnTests.foundation(area)), "\(area)")
        }
    }
}
