import Foundation

/// Reads `last_modified`, `assured_date` and spreadsheet "last verified" dates:
/// ISO 8601 dates and date-times (with `T` or a space, optional fractional seconds, `Z` or an offset)
/// and US "MM/DD/YYYY". A date without a time is midnight UTC.
/// Parsed by hand: `ISO8601DateFormatter` accepts one shape per configuration and is slow per row.
///
/// No CSV reader uses this any more (they read through `StatedAges`, `FeedDateText` and `StatedLanguages`);
/// only the AIRS reader does. Delete it once that reader has moved to the shared vocabulary.
enum FeedDate {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        if let date = isoDate(bytes) { return date }
        return usDate(bytes)
    }

    private static func isoDate(_ b: [UInt8]) -> Date? {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = number(b, 0, 4), let month = number(b, 5, 2), let day = number(b, 8, 2) else { return nil }
        var seconds = 0.0
        var index = 10
        if index < b.count {
            guard b[index] == UInt8(ascii: "T") || b[index] == UInt8(ascii: " "), b.count >= index + 6,
                  let hour = number(b, index + 1, 2), b[index + 3] == UInt8(ascii: ":"),
                  let minute = number(b, index + 4, 2), hour < 24, minute < 60 else { return nil }
            seconds = Double(hour * 3600 + minute * 60)
            index += 6
            if index + 3 <= b.count, b[index] == UInt8(ascii: ":"), let second = number(b, index + 1, 2), second < 61 {
                seconds += Double(second)
                index += 3
                if index < b.count, b[index] == UInt8(ascii: ".") {
                    index += 1
                    var fraction = 0.0, scale = 0.1
                    while index < b.count, let digit = number(b, index, 1) {
                        fraction += Double(digit) * scale
                        scale /= 10
                        index += 1
                    }
                    seconds += fraction
                }
            }
            if index < b.count {
                if b[index] == UInt8(ascii: "Z") && index + 1 == b.count {
                    index += 1
                } else if b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-"), b.count == index + 6 || b.count == index + 5 {
                    let sign = b[index] == UInt8(ascii: "-") ? -1.0 : 1.0
                    guard let offsetHours = number(b, index + 1, 2) else { return nil }
                    let minuteStart = b.count == index + 6 ? index + 4 : index + 3
                    guard let offsetMinutes = number(b, minuteStart, 2) else { return nil }
                    seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
                    index = b.count
                } else {
                    return nil
                }
            }
        }
        return date(year: year, month: month, day: day, seconds: seconds)
    }

    /// "3/1/2024" or "03/01/2024": month first, as US spreadsheets write it.
    private static func usDate(_ b: [UInt8]) -> Date? {
        let parts = b.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        // Lengths first: a twenty-digit month would overflow while being read.
        guard parts.count == 3, parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2,
              let month = number(Array(parts[0]), 0, parts[0].count), let day = number(Array(parts[1]), 0, parts[1].count),
              let year = number(Array(parts[2]), 0, 4) else { return nil }
        return date(year: year, month: month, day: day, seconds: 0)
    }

    /// Up to 9 digits (no field of a date has more), so the value cannot overflow.
    private static func number(_ b: [UInt8], _ start: Int, _ length: Int) -> Int? {
        guard length > 0, length <= 9, start + length <= b.count else { return nil }
        var value = 0
        for byte in b[start..<(start + length)] {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    private static func date(year: Int, month: Int, day: Int, seconds: Double) -> Date? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), year >= 1900 else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: Double(days) * 86_400 + seconds)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
