import Foundation

/// Reads dates as 211 exports and spreadsheets write them, with no format given:
///
/// - ISO 8601: `2024-05-08`, `2024-05-08T08:45:00Z`, `2024-05-08 08:45:00.123-05:00`, `20240508`
/// - US, month first: `5/8/2012`, `05/08/2012 08:45:00 AM`, `5/8/12 8:45`, `5-8-2012`
/// - month names (English or Spanish): `8-May-2012`, `08-May-12`, `8 May 2012`, `May 8, 2012`,
///   `Tuesday, May 8, 2012`, `8 de mayo de 2012`
///
/// Two-digit years follow `CivilDate.fullYear` (00–69 → 2000s, 70–99 → 1900s). A date without a time is
/// midnight UTC; a time without a zone is read as UTC. Day-first dates ("08.05.2012", "25/12/2012")
/// are not guessed: give the field a `FeedDateFormat`.
enum FeedDateText {
    /// nil for a blank text; throws with the reason for anything else that is not a date, including
    /// placeholders such as "1900-01-01".
    static func date(_ text: String) throws(UnreadableText) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        var cursor = DateCursor(VocabularyTokens(trimmed), text: text)
        cursor.skipWeekday()
        var civil = try readDay(&cursor)
        try cursor.readTime(into: &civil)
        guard cursor.isAtEnd else { throw cursor.unreadable }
        return try civil.date(for: text)
    }

    private static func readDay(_ cursor: inout DateCursor) throws(UnreadableText) -> CivilDate {
        guard let first = cursor.current else { throw cursor.unreadable }
        if first.isWord, let month = CivilDate.month(named: first.text) {
            // "May 8, 2012", "Aug. 8 2012".
            cursor.advance()
            cursor.skip(".")
            guard let day = cursor.number(digits: 1...2) else { throw cursor.unreadable }
            cursor.skip(",")
            guard let year = cursor.year() else { throw cursor.unreadable }
            return CivilDate(year: year, month: month, day: day)
        }
        guard first.isNumber, let value = first.number else { throw cursor.unreadable }
        let digits = first.text.count
        if digits == 4 {
            // "2024-05-08", "2024/05/08".
            cursor.advance()
            guard let separator = cursor.separator(["-", "/"]), let month = cursor.number(digits: 1...2),
                  cursor.skip(separator), let day = cursor.number(digits: 1...2) else { throw cursor.unreadable }
            return CivilDate(year: value, month: month, day: day)
        }
        if digits == 8 {
            cursor.advance()
            return CivilDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
        }
        guard digits <= 2 else {
            throw UnreadableText(
                text: cursor.text, reason: "is a number, not a date (a spreadsheet's day count? give the field a date format)")
        }
        cursor.advance()
        if cursor.current?.text == "." {
            throw UnreadableText(
                text: cursor.text, reason: "may put the day or the month first; give the field a date format such as dd.MM.yyyy")
        }
        // "5/8/2012", "5-8-12": month first, as US spreadsheets write it.
        if let separator = cursor.current?.text, separator == "/" || separator == "-", cursor.peek(1)?.isNumber == true {
            cursor.advance()
            guard let second = cursor.number(digits: 1...2), cursor.skip(separator), let year = cursor.year() else {
                throw cursor.unreadable
            }
            if value > 12 && second <= 12 {
                throw UnreadableText(text: cursor.text, reason: "puts the day first; give the field a date format such as dd/MM/yyyy")
            }
            return CivilDate(year: year, month: value, day: second)
        }
        // "8-May-2012", "8 May 2012", "8 de mayo de 2012".
        _ = cursor.separator(["-", "/"])
        cursor.skip("de")
        guard let word = cursor.current, word.isWord, let month = CivilDate.month(named: word.text) else { throw cursor.unreadable }
        cursor.advance()
        cursor.skip(".")
        _ = cursor.separator(["-", "/", ","])
        cursor.skip("de")
        guard let year = cursor.year() else { throw cursor.unreadable }
        return CivilDate(year: year, month: month, day: value)
    }
}

/// Walks the tokens of a date.
struct DateCursor {
    let tokens: VocabularyTokens
    let text: String
    private(set) var index = 0

    init(_ tokens: VocabularyTokens, text: String) {
        self.tokens = tokens
        self.text = text
    }

    var current: VocabularyTokens.Token? { tokens.indices.contains(index) ? tokens[index] : nil }
    /// Nothing left but perhaps a closing period.
    var isAtEnd: Bool {
        index >= tokens.count || (index == tokens.count - 1 && tokens[index].text == ".")
    }

    /// The token `offset` places ahead, without moving.
    func peek(_ offset: Int) -> VocabularyTokens.Token? {
        tokens.indices.contains(index + offset) ? tokens[index + offset] : nil
    }

    var unreadable: UnreadableText {
        UnreadableText(
            text: text,
            reason: "is not a date this importer reads (2024-05-08, 5/8/2024, 8-May-2012, May 8, 2012; give the field a date format for others)")
    }

    mutating func advance() { index += 1 }

    /// Skips `text` when it is next; says whether it was.
    @discardableResult
    mutating func skip(_ text: String) -> Bool {
        guard current?.text == text else { return false }
        index += 1
        return true
    }

    /// One of `separators` when it is next.
    mutating func separator(_ separators: [String]) -> String? {
        guard let text = current?.text, separators.contains(text) else { return nil }
        index += 1
        return text
    }

    mutating func number(digits: ClosedRange<Int>) -> Int? {
        guard let token = current, token.isNumber, digits.contains(token.text.count) else { return nil }
        index += 1
        return token.number
    }

    /// A four-digit year, or a two-digit one by the pivot rule.
    mutating func year() -> Int? {
        guard let token = current, token.isNumber, let value = token.number else { return nil }
        switch token.text.count {
        case 4: index += 1; return value
        case 2: index += 1; return CivilDate.fullYear(twoDigit: value)
        default: return nil
        }
    }

    /// "Tuesday, May 8, 2012": the weekday adds nothing.
    mutating func skipWeekday() {
        guard let token = current, token.isWord, CivilDate.weekdayWords.contains(token.text) else { return }
        index += 1
        skip(".")
        skip(",")
    }

    /// An optional time: "T08:45:00Z", " 8:45", " 08:45:00 AM", " 08:45:00.820-05:00", " 5:30 p.m.".
    mutating func readTime(into civil: inout CivilDate) throws(UnreadableText) {
        guard current != nil else { return }
        if current?.text == "t" { index += 1 }
        guard let hour = number(digits: 1...2) else { return }
        guard skip(":"), let minute = number(digits: 2...2) else { throw unreadable }
        civil.hour = hour
        civil.minute = minute
        if skip(":") {
            guard let second = number(digits: 2...2) else { throw unreadable }
            civil.second = second
            if current?.text == ".", tokens.indices.contains(index + 1), tokens[index + 1].isNumber {
                let digits = tokens[index + 1].text
                civil.fraction = Double("0." + digits) ?? 0
                index += 2
            }
        }
        try readMeridiem(into: &civil)
        try readZone(into: &civil)
    }

    private mutating func readMeridiem(into civil: inout CivilDate) throws(UnreadableText) {
        var isAfternoon: Bool?
        if let word = current?.text, word == "am" || word == "pm" {
            isAfternoon = word == "pm"
            index += 1
        } else if let word = current?.text, word == "a" || word == "p", tokens.matches([".", "m"], at: index + 1) {
            isAfternoon = word == "p"
            index += 3
            skip(".")
        }
        guard let isAfternoon else { return }
        guard (1...12).contains(civil.hour) else { throw UnreadableText(text: text, reason: "has an hour \(civil.hour) with AM/PM") }
        civil.hour = civil.hour % 12 + (isAfternoon ? 12 : 0)
    }

    private mutating func readZone(into civil: inout CivilDate) throws(UnreadableText) {
        if let word = current?.text, ["z", "utc", "gmt"].contains(word) {
            index += 1
            return
        }
        guard let sign = current?.text, sign == "+" || sign == "-" else { return }
        index += 1
        guard let token = current, token.isNumber, let value = token.number else { throw unreadable }
        index += 1
        var hours = value, minutes = 0
        if token.text.count == 4 {
            hours = value / 100
            minutes = value % 100
        } else if skip(":") {
            guard let minuteValue = number(digits: 2...2) else { throw unreadable }
            minutes = minuteValue
        }
        guard hours <= 14, minutes < 60 else { throw unreadable }
        civil.utcOffset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
