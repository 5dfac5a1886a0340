import Foundation

/// A calendar date and time of day as a feed wrote it, checked and turned into a `Date` without a
/// calendar object (one per row would cost more than the row).
struct CivilDate {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    var fraction = 0.0
    /// Seconds east of UTC the text gave ("-05:00" is -18000); a time without a zone is UTC.
    var utcOffset = 0

    /// Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (the POSIX `strptime` rule).
    static func fullYear(twoDigit year: Int) -> Int {
        year < 70 ? 2000 + year : 1900 + year
    }

    /// The instant, or why the numbers are not a date.
    func date(for text: String) throws(UnreadableText) -> Date {
        guard (1...12).contains(month) else { throw UnreadableText(text: text, reason: "has no month \(month)") }
        guard day >= 1, day <= Self.days(inMonth: month, year: year) else {
            throw UnreadableText(text: text, reason: "has no day \(day) in \(Self.monthNames[month - 1]) \(year)")
        }
        guard hour < 24, minute < 60, second < 61 else { throw UnreadableText(text: text, reason: "has no time \(hour):\(minute)") }
        if isPlaceholder { throw UnreadableText(text: text, reason: "is a placeholder for 'no date'") }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - utcOffset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// Dates exports write for "none": 0001-01-01 and 1900-01-01 (database and iCarol defaults),
    /// 1899-12-30/31 (spreadsheet day zero), 1970-01-01 at midnight (Unix time zero), 9999-12-31.
    private var isPlaceholder: Bool {
        let isUnixZero = year == 1970 && month == 1 && day == 1 && hour == 0 && minute == 0 && second == 0 && fraction == 0
            && utcOffset == 0
        return year < 1900 || (year == 1900 && month == 1 && day == 1) || isUnixZero || year == 9999
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// Month names and abbreviations, English and Spanish, folded.
    static func month(named word: String) -> Int? {
        monthWords[word]
    }

    private static let monthWords: [String: Int] = {
        let spellings: [[String]] = [
            ["january", "jan", "enero", "ene"], ["february", "feb", "febrero"], ["march", "mar", "marzo"],
            ["april", "apr", "abril", "abr"], ["may", "mayo"], ["june", "jun", "junio"], ["july", "jul", "julio"],
            ["august", "aug", "agosto", "ago"], ["september", "sep", "sept", "septiembre", "setiembre", "set"],
            ["october", "oct", "octubre"], ["november", "nov", "noviembre"], ["december", "dec", "diciembre", "dic"],
        ]
        var words: [String: Int] = [:]
        for (index, names) in spellings.enumerated() { for name in names { words[name] = index + 1 } }
        return words
    }()

    static let weekdayWords: Set<String> = [
        "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur", "thurs", "friday", "fri",
        "saturday", "sat", "sunday", "sun", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    ]
}
