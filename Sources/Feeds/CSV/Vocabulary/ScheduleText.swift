import Directory
import Foundation

/// Reads days and times the ways feeds write them. Works on bytes: a schedule table has a row per
/// opening, and Foundation's string functions would dominate its reading time.
enum ScheduleText {
    /// One day: ISO number (1 = Monday … 7 = Sunday, and 0 = Sunday as some exports count),
    /// an English or Spanish name or abbreviation, or an iCalendar code ("MO").
    static func weekday(_ text: String) -> Weekday? {
        weekday(token: LowercasedText(foldingAccents(text)).bytes[...])
    }

    /// A list of days: "MO,TU,WE", "Mon-Fri", "Monday, Wednesday", "Sat & Sun", "Lunes a Viernes",
    /// "weekdays". nil when any part is not a day, so a typo is reported rather than silently dropped.
    static func weekdays(_ text: String) -> [Weekday]? {
        let lowered = LowercasedText(foldingAccents(text))
        if lowered.containsAny(["weekday", "entre semana"]) { return Array(Weekday.allCases.prefix(5)) }
        if lowered.containsAny(["weekend", "fin de semana"]) { return [.saturday, .sunday] }
        if lowered.containsAny(["daily", "every day", "diario", "todos los dias"]) { return Weekday.allCases }

        var days: [Weekday] = []
        var rangeStart: Weekday?
        var expectsRangeEnd = false
        for token in tokens(lowered.bytes) {
            switch String(decoding: token, as: UTF8.self) {
            case "and", "y", "&": continue
            case "-", "to", "a", "al", "through", "thru":
                guard rangeStart != nil, !expectsRangeEnd else { return nil }
                expectsRangeEnd = true
                continue
            default: break
            }
            guard let day = weekday(token: token) else { return nil }
            if expectsRangeEnd, let start = rangeStart {
                days.removeLast()
                days += range(from: start, to: day)
                expectsRangeEnd = false
                rangeStart = nil
            } else {
                days.append(day)
                rangeStart = day
            }
        }
        guard !days.isEmpty, !expectsRangeEnd else { return nil }
        return Weekday.allCases.filter(days.contains)
    }

    /// "09:00", "9:00:00", "09:00:00Z", "09:00-05:00" (the offset is dropped: hours are local),
    /// "9am", "9:30 PM", "1700", "17".
    static func time(_ text: String) -> TimeOfDay? {
        var key = LowercasedText(text).bytes.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ".") }
        if key.last == UInt8(ascii: "z") { key.removeLast() }
        // A UTC offset after the minutes: "09:00-05:00", "09:00:00+01:00".
        if let sign = key.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }), sign >= 4 {
            key.removeSubrange(sign...)
        }
        var meridiem: UInt8?
        if key.last == UInt8(ascii: "m"), key.count >= 2, key[key.count - 2] == UInt8(ascii: "a") || key[key.count - 2] == UInt8(ascii: "p") {
            meridiem = key[key.count - 2]
            key.removeLast(2)
        } else if key.last == UInt8(ascii: "a") || key.last == UInt8(ascii: "p") {
            meridiem = key.removeLast()
        }
        let parts = key.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var hour: Int, minute = 0
        if parts.count == 2 || parts.count == 3 {
            guard let h = number(parts[0]), let m = number(parts[1]), parts[1].count == 2 else { return nil }
            hour = h
            minute = m
        } else if parts.count == 1, key.count == 4, let value = number(key[...]) {
            hour = value / 100
            minute = value % 100
        } else if parts.count == 1, key.count <= 2, let value = number(key[...]) {
            hour = value
        } else {
            return nil
        }
        switch meridiem {
        case UInt8(ascii: "a"): if hour == 12 { hour = 0 } else if hour > 12 { return nil }
        case UInt8(ascii: "p"): if hour < 12 { hour += 12 } else if hour > 12 { return nil }
        default: break
        }
        return TimeOfDay(hour: hour, minute: minute)
    }

    typealias TimeSpan = (opens: TimeOfDay, closes: TimeOfDay)

    /// One opening: "9:00am-5:00pm", "9 am to 5 pm", "3-6pm", "9-5", "noon-4pm".
    static func span(_ text: String) -> TimeSpan? {
        let joined = words(text).map { ["to", "until", "till"].contains($0) ? "-" : $0 }.joined(separator: " ")
        let bounds = joined.split(separator: "-").map { bound -> String in
            let word = words(String(bound)).joined(separator: " ")
            return word == "noon" ? "12pm" : word == "midnight" ? "12am" : word
        }
        guard bounds.count == 2, var opens = time(bounds[0]), var closes = time(bounds[1]) else { return nil }
        let openHasMeridiem = hasMeridiem(bounds[0]), closeHasMeridiem = hasMeridiem(bounds[1])
        // "3-6pm": a meridiem written once applies to both ends.
        if !openHasMeridiem && closeHasMeridiem && bounds[1].contains(where: { $0 == "p" }) && opens.minutes < 12 * 60,
           let afternoon = TimeOfDay(hour: opens.minutes / 60 + 12, minute: opens.minutes % 60), afternoon < closes {
            opens = afternoon
        }
        // "9-5" as people write it means 9am to 5pm.
        if !openHasMeridiem && !closeHasMeridiem && closes < opens && closes.minutes < 12 * 60,
           let afternoon = TimeOfDay(hour: closes.minutes / 60 + 12, minute: closes.minutes % 60), afternoon > opens {
            closes = afternoon
        }
        return (opens, closes)
    }

    /// Lower-cased words with every kind of dash made "-": "9AM – 5PM" → ["9am", "-", "5pm"].
    static func words(_ text: String) -> [String] {
        text.lowercased().map { $0 == "–" || $0 == "—" ? "-" : $0 }.split(whereSeparator: \.isWhitespace).map { String($0) }
    }

    private static func hasMeridiem(_ text: String) -> Bool {
        text.contains { $0 == "a" || $0 == "p" }
    }

    /// Opening and closing on the given days. A closing at or before the opening means the service
    /// runs past midnight; the directory's hours are per day, so the day is closed at 24:00.
    static func hours(days: [Weekday], opens: TimeOfDay, closes: TimeOfDay) -> [OpeningHours] {
        let closing = closes <= opens ? TimeOfDay(hour: 24)! : closes
        return days.map { OpeningHours(weekday: $0, opens: opens, closes: closing) }
    }

    /// One spreadsheet entry: "Mon-Fri 15:00-18:00", "Sat 9am-12pm", "Tue, Thu 3:30pm to 6pm".
    static func hours(fromEntry text: String) -> [OpeningHours]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let firstDigit = trimmed.firstIndex(where: \.isNumber),
              let days = weekdays(String(trimmed[..<firstDigit])) else { return nil }
        let times = String(trimmed[firstDigit...]).replacingOccurrences(of: " to ", with: "-")
            .replacingOccurrences(of: " a ", with: "-").replacingOccurrences(of: "–", with: "-")
        let bounds = times.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard bounds.count == 2, var opens = time(bounds[0]), let closes = time(bounds[1]) else { return nil }
        // "3-6pm": the meridiem written once applies to both ends.
        let startHasMeridiem = bounds[0].lowercased().contains(where: { $0 == "a" || $0 == "p" })
        if !startHasMeridiem && bounds[1].lowercased().contains("p") && opens.minutes < 12 * 60,
           let afternoon = TimeOfDay(hour: opens.minutes / 60 + 12, minute: opens.minutes % 60), afternoon < closes {
            opens = afternoon
        }
        return hours(days: days, opens: opens, closes: closes)
    }

    // MARK: - Pieces

    /// Words, with "-" (and the en dash) as a word of its own so "Mon-Fri" reads as Mon, -, Fri.
    private static func tokens(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var tokens: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        func close(_ end: Int) {
            if let begin = start, begin < end { tokens.append(bytes[begin..<end]) }
            start = nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-") {
                close(index)
                tokens.append(bytes[index...index])
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x93 {
                close(index)
                tokens.append([UInt8(ascii: "-")][...])
                index += 2
            } else if separators.contains(byte) {
                close(index)
            } else if start == nil {
                start = index
            }
            index += 1
        }
        close(bytes.count)
        return tokens
    }

    private static let separators: Set<UInt8> = Set(" ,;/&\t\n\r".utf8)

    private static func weekday(token: ArraySlice<UInt8>) -> Weekday? {
        var token = token
        while token.last == UInt8(ascii: ".") { token.removeLast() }
        if let number = number(token) {
            switch number {
            case 1...7: return Weekday.allCases[number - 1]
            case 0: return .sunday
            default: return nil
            }
        }
        return dayNames[String(decoding: token, as: UTF8.self)]
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// "miércoles" → "miercoles"; skipped (it is slow) when the text is plain ASCII.
    private static func foldingAccents(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        return text.folding(options: [.diacriticInsensitive], locale: nil)
    }

    private static func range(from first: Weekday, to last: Weekday) -> [Weekday] {
        let all = Weekday.allCases
        let start = all.firstIndex(of: first)!, end = all.firstIndex(of: last)!
        return start <= end ? Array(all[start...end]) : Array(all[start...] + all[...end])
    }

    private static let dayNames: [String: Weekday] = {
        var names: [String: Weekday] = [:]
        let spellings: [(Weekday, [String])] = [
            (.monday, ["monday", "mon", "mo", "m", "lunes", "lun", "lu", "l"]),
            (.tuesday, ["tuesday", "tue", "tues", "tu", "martes", "mar", "ma"]),
            (.wednesday, ["wednesday", "wed", "we", "w", "miercoles", "mie", "mi"]),
            (.thursday, ["thursday", "thu", "thur", "thurs", "th", "jueves", "jue", "ju", "j"]),
            (.friday, ["friday", "fri", "fr", "f", "viernes", "vie", "vi", "v"]),
            (.saturday, ["saturday", "sat", "sa", "sabado", "sab"]),
            (.sunday, ["sunday", "sun", "su", "domingo", "dom", "do"]),
        ]
        for (day, words) in spellings { for word in words { names[word] = day } }
        return names
    }()
}
