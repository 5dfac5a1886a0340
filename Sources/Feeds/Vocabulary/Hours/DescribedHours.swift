import Directory

/// Weekly hours that a description states in prose, the way 211 write-ups put them: "Office hours are
/// 9 am to 4:30 pm Monday to Friday", "Hours are from 8:30 am to 12 noon and 1:30 pm to 4:30 pm
/// Monday to Friday", "Office hours 9 am to 9 pm Monday to Thursday, 9:30 am to 5:30 pm Fridays, and
/// 10 am to 4 pm Saturdays", and days first: "Hours: Monday to Friday, 9 am to 5 pm".
///
/// Read only from a sentence that names "hours", and only when what follows reads whole as times
/// followed by the days they apply to. A season ("… Monday to Friday from September to June"), a time
/// zone ("9 am to 5 pm ET"), times without days, or two sentences giving different schedules give
/// nothing: half a schedule imported as the whole would be an invented fact. A trailing "with …"
/// clause ("with some evening appointments available") ends the list.
package enum DescribedHours {
    /// Text without the word "hours" cannot state hours this way.
    static let screen = PhraseScreen([["hours"]])

    package static func weeklyHours(in text: String) -> [OpeningHours]? {
        var found: [OpeningHours]?
        for sentence in sentences(text) {
            guard let hours = weeklyHours(sentence: sentence) else { continue }
            if let earlier = found, earlier != hours { return nil }
            found = hours
        }
        return found
    }

    // MARK: - One sentence

    private static func weeklyHours(sentence: [String]) -> [OpeningHours]? {
        guard let hoursWord = sentence.firstIndex(of: "hours") else { return nil }
        var reader = Reader(words: Array(sentence[(hoursWord + 1)...]))
        reader.skip(while: ["are", "is", "of", "operation", "from", "open", ":"])
        var hours: [OpeningHours] = []
        while true {
            let spans: [ScheduleText.TimeSpan], days: [Weekday]
            if reader.nextIsTime {
                guard let read = reader.spans(), let named = reader.days() else { return nil }
                (spans, days) = (read, named)
            } else {
                // Days first: "Hours: Monday to Friday, 9 am to 5 pm".
                guard let named = reader.days() else { return nil }
                reader.skip(while: [",", ":", "from"])
                guard let read = reader.spans() else { return nil }
                (spans, days) = (read, named)
            }
            for span in spans { hours += ScheduleText.hours(days: days, opens: span.opens, closes: span.closes) }
            reader.skip(while: [",", "and"])
            if reader.atEnd || reader.next == "with" { break }
            guard reader.nextIsTime || reader.nextIsDay else { return nil }
        }
        var seen = Set<OpeningHours>()
        return hours.filter { seen.insert($0).inserted }.sorted { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) }
    }

    /// Sentences as lower-case words, with "," and "-" as words of their own, "a.m." as "am" and
    /// "12 noon" as "noon".
    private static func sentences(_ text: String) -> [[String]] {
        var normalized = text.lowercased()
        for (written, read) in [("a.m.", "am"), ("p.m.", "pm"), ("12 noon", "noon"), ("12 midnight", "midnight"),
                                ("–", " - "), ("—", " - "), ("-", " - "), (",", " , "), (":", ": ")] {
            normalized = normalized.replacingOccurrences(of: written, with: read)
        }
        // "4: 30" from the ":" split above joins again; a ":" that ends a word stays a word of its own.
        normalized = normalized.replacingOccurrences(of: ": ", with: " : ")
        let joinedTimes = rejoinTimes(normalized)
        return joinedTimes.split(whereSeparator: { ".;!?\n".contains($0) }).map { sentence in
            sentence.split(whereSeparator: \.isWhitespace).map(String.init)
        }
    }

    /// "4 : 30" → "4:30": times that the separation of ":" split apart.
    private static func rejoinTimes(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var index = 1
        while index + 1 < words.count {
            if words[index] == ":", words[index - 1].last?.isNumber == true, words[index + 1].first?.isNumber == true {
                words[index - 1] += ":" + words[index + 1]
                words.removeSubrange(index...(index + 1))
            } else {
                index += 1
            }
        }
        return words.joined(separator: " ")
    }

    /// A cursor over a sentence's words after "hours".
    private struct Reader {
        let words: [String]
        var position = 0

        var atEnd: Bool { position >= words.count }
        var next: String? { atEnd ? nil : words[position] }
        var nextIsTime: Bool { next.map(Self.isTime) ?? false }
        var nextIsDay: Bool { next.flatMap(Self.dayWord) != nil }

        mutating func skip(while fillers: Set<String>) {
            while let word = next, fillers.contains(word) { position += 1 }
        }

        /// "9 am to 1 pm", optionally "and 1:30 pm to 4:30 pm" after it.
        mutating func spans() -> [ScheduleText.TimeSpan]? {
            var spans: [ScheduleText.TimeSpan] = []
            repeat {
                if !spans.isEmpty { position += 1 }  // the "and" between two spans
                guard let opens = time() else { return nil }
                guard let word = next, ["to", "-", "until", "till"].contains(word) else { return nil }
                position += 1
                guard let closes = time(), let span = ScheduleText.span(opens + " - " + closes) else { return nil }
                spans.append(span)
            } while next == "and" && position + 1 < words.count && Self.isTime(words[position + 1])
            return spans
        }

        /// "Monday to Friday", "Fridays", "Saturday and Sunday", "daily": nil when no day follows.
        mutating func days() -> [Weekday]? {
            var dayWords: [String] = []
            while let word = next {
                if let day = Self.dayWord(word) {
                    dayWords.append(day)
                } else if ["to", "-", "through", "thru", "and", "&"].contains(word), !dayWords.isEmpty,
                          position + 1 < words.count, Self.dayWord(words[position + 1]) != nil {
                    dayWords.append(word == "&" ? "and" : word)
                } else {
                    break
                }
                position += 1
            }
            guard !dayWords.isEmpty else { return nil }
            return ScheduleText.weekdays(dayWords.joined(separator: " "))
        }

        /// A time as written: "9", "4:30", "9am", optionally followed by "am"/"pm"; "noon", "midnight".
        private mutating func time() -> String? {
            guard let word = next, Self.isTime(word) else { return nil }
            position += 1
            if word == "noon" || word == "midnight" { return word }
            if let meridiem = next, meridiem == "am" || meridiem == "pm" {
                position += 1
                return word + meridiem
            }
            return word
        }

        static func isTime(_ word: String) -> Bool {
            word == "noon" || word == "midnight" || (word.first?.isNumber == true && ScheduleText.time(word) != nil)
        }

        /// A day name as `ScheduleText` reads it ("fridays" → "friday"); one- and two-letter
        /// abbreviations are left out, since in prose they are other words ("do", "mi", "a").
        static func dayWord(_ word: String) -> String? {
            for candidate in [word, word.hasSuffix("s") ? String(word.dropLast()) : word] {
                if candidate == "daily" || candidate == "weekday" || candidate == "weekend" { return candidate }
                if candidate.count >= 3, ScheduleText.weekday(candidate) != nil, candidate.allSatisfy(\.isLetter) {
                    return candidate
                }
            }
            return nil
        }
    }
}
