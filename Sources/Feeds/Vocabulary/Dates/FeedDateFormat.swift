import Foundation

/// A date format a mapping profile gives one field, in the Unicode pattern letters spreadsheets and
/// most tools use: `yyyy` `yy` (year), `MMMM` `MMM` `MM` `M` (month name, abbreviation, number), `dd` `d`,
/// `HH` `H` (24-hour), `hh` `h` with `a` (AM/PM), `mm`, `ss`, `SSS` (fraction), `EEE`/`EEEE` (weekday,
/// ignored), `XXX`/`Z` (zone: "Z", "+02:00", "-0500"). Text in single quotes, and any other character,
/// must appear as written; a space stands for any run of white space.
/// Examples: `dd.MM.yyyy`, `d/M/yy H:mm`, `yyyy-MM-dd'T'HH:mm:ssXXX`, `MMMM d, yyyy`.
struct FeedDateFormat: Hashable, Sendable {
    enum Field: Hashable, Sendable {
        case year4, year2, monthName, monthNumber, day, hour24, hour12, minute, second, fraction, meridiem, weekday, zone
    }

    enum Part: Hashable, Sendable {
        case field(Field)
        case literal(String)
        case space
    }

    let pattern: String
    let parts: [Part]

    /// Throws when the pattern has a letter that is not a pattern letter, or lacks a year, month or day.
    init(_ pattern: String) throws(UnreadableText) {
        self.pattern = pattern
        parts = try Self.parse(pattern)
        let fields = Set(parts.compactMap { if case .field(let field) = $0 { field } else { nil } })
        guard fields.contains(.year4) || fields.contains(.year2), fields.contains(.monthName) || fields.contains(.monthNumber),
              fields.contains(.day) else {
            throw UnreadableText(text: pattern, reason: "is not a date format with a year, a month and a day (for example dd.MM.yyyy)")
        }
        if fields.contains(.hour12) && !fields.contains(.meridiem) {
            throw UnreadableText(text: pattern, reason: "has a 12-hour 'h' without 'a' for AM/PM (use 'H' for 24-hour times)")
        }
    }

    /// nil for a blank text; throws with the reason when the text does not follow the format.
    func date(_ text: String) throws(UnreadableText) -> Date? {
        let scalars = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var civil = CivilDate(year: 0, month: 0, day: 0)
        var isAfternoon: Bool?
        var index = 0
        let mismatch = UnreadableText(text: text, reason: "does not follow the date format '\(pattern)'")
        for part in parts {
            switch part {
            case .space:
                guard index < scalars.count, scalars[index].properties.isWhitespace else { throw mismatch }
                while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
            case .literal(let literal):
                for expected in literal.unicodeScalars {
                    guard index < scalars.count, scalars[index] == expected else { throw mismatch }
                    index += 1
                }
            case .field(let field):
                switch field {
                case .year4: civil.year = try Self.digits(scalars, &index, 4...4, mismatch)
                case .year2: civil.year = CivilDate.fullYear(twoDigit: try Self.digits(scalars, &index, 2...2, mismatch))
                case .monthNumber: civil.month = try Self.digits(scalars, &index, 1...2, mismatch)
                case .day: civil.day = try Self.digits(scalars, &index, 1...2, mismatch)
                case .hour24, .hour12: civil.hour = try Self.digits(scalars, &index, 1...2, mismatch)
                case .minute: civil.minute = try Self.digits(scalars, &index, 2...2, mismatch)
                case .second: civil.second = try Self.digits(scalars, &index, 2...2, mismatch)
                case .fraction:
                    let start = index
                    _ = try Self.digits(scalars, &index, 1...9, mismatch)
                    civil.fraction = Double("0." + String(String.UnicodeScalarView(scalars[start..<index]))) ?? 0
                case .monthName:
                    guard let month = CivilDate.month(named: Self.word(scalars, &index)) else { throw mismatch }
                    civil.month = month
                case .weekday:
                    guard CivilDate.weekdayWords.contains(Self.word(scalars, &index)) else { throw mismatch }
                case .meridiem:
                    let start = index
                    let word = Self.word(scalars, &index)
                    guard word == "am" || word == "pm" else { throw mismatch }
                    isAfternoon = word == "pm"
                    // "p.m.": the closing period of a dotted abbreviation.
                    if index - start > 2, index < scalars.count, scalars[index] == "." { index += 1 }
                case .zone:
                    civil.utcOffset = try Self.zone(scalars, &index, mismatch)
                }
            }
        }
        guard index == scalars.count else { throw mismatch }
        if let isAfternoon {
            guard (1...12).contains(civil.hour) else {
                throw UnreadableText(text: text, reason: "has an hour \(civil.hour) with AM/PM")
            }
            civil.hour = civil.hour % 12 + (isAfternoon ? 12 : 0)
        }
        return try civil.date(for: text)
    }

    // MARK: - Pattern

    private static func parse(_ pattern: String) throws(UnreadableText) -> [Part] {
        let characters = Array(pattern)
        var parts: [Part] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            var run = 1
            while index + run < characters.count, characters[index + run] == character { run += 1 }
            if character == "'" {
                // 'T' is a literal T; '' is a quote.
                guard let close = characters[(index + 1)...].firstIndex(of: "'") else {
                    throw UnreadableText(text: pattern, reason: "has an unclosed quote")
                }
                parts.append(.literal(close == index + 1 ? "'" : String(characters[(index + 1)..<close])))
                index = close + 1
                continue
            }
            if character.isWhitespace {
                parts.append(.space)
                index += run
                continue
            }
            guard character.isLetter && character.isASCII else {
                parts.append(.literal(String(character)))
                index += 1
                continue
            }
            guard let field = field(character, run) else {
                let letters = String(repeating: character, count: run)
                throw UnreadableText(text: pattern, reason: "has '\(letters)', which is not a date pattern letter")
            }
            parts.append(.field(field))
            index += run
        }
        return parts
    }

    private static func field(_ letter: Character, _ run: Int) -> Field? {
        switch (letter, run) {
        case ("y", 4), ("y", 1), ("u", 4): .year4
        case ("y", 2): .year2
        case ("M", 3...), ("L", 3...): .monthName
        case ("M", 1...2), ("L", 1...2): .monthNumber
        case ("d", 1...2): .day
        case ("H", 1...2): .hour24
        case ("h", 1...2): .hour12
        case ("m", 1...2): .minute
        case ("s", 1...2): .second
        case ("S", 1...9): .fraction
        case ("a", 1...2): .meridiem
        case ("E", _): .weekday
        case ("X", _), ("x", _), ("Z", _): .zone
        default: nil
        }
    }

    // MARK: - Text

    private static func digits(
        _ scalars: [Unicode.Scalar], _ index: inout Int, _ count: ClosedRange<Int>, _ mismatch: UnreadableText
    ) throws(UnreadableText) -> Int {
        var value = 0, length = 0
        while index < scalars.count, length < count.upperBound, scalars[index] >= "0", scalars[index] <= "9" {
            value = value * 10 + Int(scalars[index].value) - 48
            length += 1
            index += 1
        }
        guard count.contains(length) else { throw mismatch }
        return value
    }

    /// A run of letters, folded ("Mayo" → "mayo"); a period between letters is skipped ("p.m" → "pm").
    private static func word(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String {
        var word = ""
        while index < scalars.count {
            if scalars[index].properties.isAlphabetic {
                word.unicodeScalars.append(scalars[index])
            } else if scalars[index] == ".", !word.isEmpty, index + 1 < scalars.count, scalars[index + 1].properties.isAlphabetic {
                // "p.m": the period inside the abbreviation.
            } else {
                break
            }
            index += 1
        }
        return word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    private static func zone(
        _ scalars: [Unicode.Scalar], _ index: inout Int, _ mismatch: UnreadableText
    ) throws(UnreadableText) -> Int {
        guard index < scalars.count else { throw mismatch }
        if scalars[index] == "Z" || scalars[index] == "z" {
            index += 1
            return 0
        }
        guard scalars[index] == "+" || scalars[index] == "-" else { throw mismatch }
        let sign = scalars[index] == "-" ? -1 : 1
        index += 1
        let hours = try digits(scalars, &index, 2...2, mismatch)
        if index < scalars.count, scalars[index] == ":" { index += 1 }
        let minutes = index < scalars.count ? try digits(scalars, &index, 2...2, mismatch) : 0
        return sign * (hours * 3600 + minutes * 60)
    }
}
