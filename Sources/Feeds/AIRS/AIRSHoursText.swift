import Directory
import Foundation

/// Reads the hours AIRS exports write as text: a day element's "9:00am-5:00pm" and `<Notes>` like
/// "Mon-Fri 9:00am-5:00pm; Sat 10am-2pm". Day and time words are read by the shared `ScheduleText`.
enum AIRSHoursText {
    typealias TimeSpan = ScheduleText.TimeSpan

    /// The time spans of one day: "9:00am-5:00pm", "9am-12pm, 1pm-5pm", "24 hours".
    /// Empty for "Closed" or blank; nil when the text is not readable as times.
    static func spans(_ text: String) -> [TimeSpan]? {
        let keywords = LowercasedText(text)
        if keywords.contains("closed") || text.allSatisfy(\.isWhitespace) { return [] }
        if isAroundTheClock(keywords) { return [(TimeOfDay(hour: 0)!, TimeOfDay(hour: 24)!)] }
        let parts = ScheduleText.words(text).split(separator: "and").map { $0.joined(separator: " ") }
            .flatMap { $0.split(whereSeparator: { ",&;".contains($0) }) }
        var spans: [TimeSpan] = []
        for part in parts {
            guard let span = ScheduleText.span(String(part)) else { return nil }
            spans.append(span)
        }
        return spans.isEmpty ? nil : spans
    }

    /// A week written out: "Mon-Fri 9:00am-5:00pm; Sat 10am-2pm", "Monday, Wednesday 3-6pm",
    /// "Tue & Thu 9am-12pm, 1pm-5pm". Nil when any part cannot be read, so a half-understood
    /// schedule is reported rather than imported as if complete. Remarks such as
    /// "closed on holidays" are skipped (a text of remarks only gives no hours, and is not an error).
    static func weeklyHours(_ text: String) -> [OpeningHours]? {
        let keywords = LowercasedText(text)
        if isAroundTheClock(keywords) && keywords.containsAny(["7 days", "daily", "24/7"]) {
            return ScheduleText.hours(days: Weekday.allCases, opens: TimeOfDay(hour: 0)!, closes: TimeOfDay(hour: 24)!)
        }
        var hours: [OpeningHours] = []
        // Days named before a time they share: "Mon, Wed 3-6pm" splits into "Mon" and "Wed 3-6pm".
        var pendingDays: [Weekday] = []
        // Days of the previous entry, for a second span: "Mon-Fri 9am-12pm, 1pm-5pm".
        var previousDays: [Weekday]?
        for piece in text.lowercased().split(whereSeparator: { ";\n,".contains($0) }) {
            let segment = piece.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
            if segment.isEmpty || isRemark(LowercasedText(segment)) { continue }
            guard let firstDigit = segment.firstIndex(where: \.isNumber) else {
                guard let days = ScheduleText.weekdays(dayText(segment)) else { return nil }
                pendingDays += days
                continue
            }
            let named = dayText(String(segment[..<firstDigit]))
            let days: [Weekday]
            if named.isEmpty {
                guard let earlier = pendingDays.isEmpty ? previousDays : pendingDays else { return nil }
                days = earlier
            } else {
                guard let found = ScheduleText.weekdays(named) else { return nil }
                days = pendingDays + found
            }
            pendingDays = []
            guard let span = ScheduleText.span(String(segment[firstDigit...])) else { return nil }
            hours += ScheduleText.hours(days: days, opens: span.opens, closes: span.closes)
            previousDays = days
        }
        guard pendingDays.isEmpty else { return nil }
        return hours
    }

    private static func isAroundTheClock(_ text: LowercasedText) -> Bool {
        text.containsAny(["24 hours", "24 hrs", "24/7", "24-hour"])
    }

    /// Remarks that add no opening: "closed on holidays", "closed weekends".
    private static func isRemark(_ segment: LowercasedText) -> Bool {
        segment.containsAny(["closed", "holiday"])
    }

    /// The day words of an entry without the glue around them: "Mon-Fri:" and "Mon-Fri from" → "mon-fri".
    private static func dayText(_ text: String) -> String {
        var words = text.split(whereSeparator: { $0 == ":" || $0.isWhitespace }).map(String.init)
        while let last = words.last, ["from", "at", "open", "opens", "hours"].contains(last) { words.removeLast() }
        while let first = words.first, ["open", "hours", "every"].contains(first) { words.removeFirst() }
        return words.joined(separator: " ")
    }
}
