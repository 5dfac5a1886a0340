import Directory
import Foundation

/// What one record's `<TimeOpen>` said, kept as text until the record is complete.
///
/// AIRS 3.0 writes one element per day (`<Monday>9:00am-5:00pm</Monday>`) plus `<Notes>`; some
/// exports give a day its own `<Open>`/`<Close>` children, or pair `<Day>` with `<OpenTime>`/`<CloseTime>`;
/// others put everything in `<Notes>` ("Mon-Fri 9:00am-5:00pm").
struct AIRSHoursDraft: Hashable {
    private struct DayText: Hashable {
        var day: Weekday
        var text: String
    }

    private struct DayTimes: Hashable {
        var day: String
        var opens = ""
        var closes = ""
    }

    private var dayTexts: [DayText] = []
    private var dayTimes: [DayTimes] = []
    private var notes: [String] = []

    var isEmpty: Bool { dayTexts.isEmpty && dayTimes.isEmpty && notes.isEmpty }

    private static let dayElements: [String: Weekday] = [
        "monday": .monday, "tuesday": .tuesday, "wednesday": .wednesday, "thursday": .thursday,
        "friday": .friday, "saturday": .saturday, "sunday": .sunday,
        "mon": .monday, "tue": .tuesday, "wed": .wednesday, "thu": .thursday, "fri": .friday, "sat": .saturday, "sun": .sunday,
    ]
    private static let opening: Set<String> = ["open", "opens", "opentime", "opening", "from", "start", "starttime"]
    private static let closing: Set<String> = ["close", "closes", "closetime", "closing", "to", "end", "endtime"]
    private static let dayName: Set<String> = ["day", "dayofweek", "weekday"]

    /// Reads a field inside `<TimeOpen>` (path relative to it; empty path = `<TimeOpen>` itself).
    mutating func take(_ field: AIRSField) {
        let path = field.path
        guard let first = path.first else {
            if !field.text.isEmpty { notes.append(field.text) }
            return
        }
        if let day = Self.dayElements[first] {
            if path.count == 1 {
                if !field.text.isEmpty { dayTexts.append(DayText(day: day, text: field.text)) }
            } else if path.count == 2 {
                // `<Monday><Open>09:00</Open><Close>17:00</Close></Monday>`
                setTime(field, day: first)
            }
        } else if path.count == 1 && Self.dayName.contains(first) {
            dayTimes.append(DayTimes(day: field.text))
        } else if path.count == 1 && (Self.opening.contains(first) || Self.closing.contains(first)) {
            setTime(field, day: nil)
        } else if path.count == 1 && !field.text.isEmpty {
            // `<Notes>`, `<Description>`, or any other wording of the week.
            notes.append(field.text)
        }
    }

    private mutating func setTime(_ field: AIRSField, day: String?) {
        if let day, dayTimes.last?.day != day { dayTimes.append(DayTimes(day: day)) }
        if dayTimes.isEmpty { dayTimes.append(DayTimes(day: "")) }
        if Self.opening.contains(field.name) { dayTimes[dayTimes.count - 1].opens = field.text }
        if Self.closing.contains(field.name) { dayTimes[dayTimes.count - 1].closes = field.text }
    }

    /// The weekly hours, and the texts that could not be read. Day elements win over notes: when a
    /// feed has both, the notes are remarks ("closed on holidays"), not a second schedule.
    /// `spans` and `weekly` read a day's text and a notes text (`AIRSHoursText`'s, or remembered ones).
    func openingHours(
        spans: (String) -> [AIRSHoursText.TimeSpan]? = AIRSHoursText.spans,
        weekly: (String) -> [OpeningHours]? = AIRSHoursText.weeklyHours
    ) -> (hours: [OpeningHours], unreadable: [String]) {
        var hours: [OpeningHours] = []
        var unreadable: [String] = []
        for entry in dayTexts {
            if let spans = spans(entry.text) {
                hours += spans.flatMap { ScheduleText.hours(days: [entry.day], opens: $0.opens, closes: $0.closes) }
            } else {
                unreadable.append("\(entry.day.rawValue.capitalized): \(entry.text)")
            }
        }
        for entry in dayTimes {
            guard let days = Self.dayElements[entry.day.lowercased()].map({ [$0] }) ?? ScheduleText.weekdays(entry.day),
                  let opens = ScheduleText.time(entry.opens), let closes = ScheduleText.time(entry.closes) else {
                unreadable.append("\(entry.day) \(entry.opens)-\(entry.closes)")
                continue
            }
            hours += ScheduleText.hours(days: days, opens: opens, closes: closes)
        }
        if hours.isEmpty && unreadable.isEmpty {
            for note in notes {
                if let weekly = weekly(note) { hours += weekly } else { unreadable.append(note) }
            }
        }
        return (Self.ordered(hours), unreadable)
    }

    /// In week order, each opening once (a feed may repeat a day in its notes and day elements).
    private static func ordered(_ hours: [OpeningHours]) -> [OpeningHours] {
        var seen = Set<OpeningHours>()
        return hours.filter { seen.insert($0).inserted }.sorted { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) }
    }
}
