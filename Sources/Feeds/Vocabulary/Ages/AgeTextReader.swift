/// Reads the ages a text states. Grades are read first and their numbers set aside; then age
/// phrases ("5-18", "18+", "under 21", "up to age 17", "6 months to 5 years", "mayores de 18");
/// then, in an age field only, age words ("adult", "teens"). Ages stated in numbers win over
/// grades, grades over words. Several phrases widen each other.
struct AgeTextReader {
    private let tokens: VocabularyTokens
    /// Free text: a phrase counts only next to a word that makes its numbers ages.
    private let requiresCue: Bool

    init(_ tokens: VocabularyTokens, requiresCue: Bool) {
        self.tokens = tokens
        self.requiresCue = requiresCue
    }

    func read() -> StatedAges? {
        let grades = SchoolGrades(in: tokens, wholeField: !requiresCue)
        let spans = ageSpans(skipping: grades.used)
        if let widest = Self.widest(spans) { return requiresCue ? coversEveryoneNamed(widest) : widest }
        // In free text, grades are ages only when the text speaks of school-age people: "secondary
        // school completion for Grades 11 and 12" at an adult education centre is a level of study.
        if !requiresCue || AgeWords.schoolAgePeople.contains(where: tokens.has),
           let widest = Self.widest(grades.ranges.map { range in
               let ages = SchoolGrades.ages(of: range)
               return StatedAges(min: ages.min, max: ages.max, fromGrades: true)
           }) {
            return requiresCue ? coversEveryoneNamed(widest) : widest
        }
        if AgeWords.everyAge.contains(where: tokens.contains) { return StatedAges(min: 0, max: nil) }
        return requiresCue ? nil : Self.widest(groupWordSpans())
    }

    /// Free text that also names people the ages leave out speaks of several programs, and its
    /// ages are one program's, not the service's: "outreach to adults … the youth program serves
    /// youth up to age 25" (a real 211 record) states no age range for the whole service. Only a
    /// whole class outside counts (adults beyond a finite top age, children below a bottom age of
    /// adults): the usual approximate overlap ("youth ages 13 to 24") does not.
    private func coversEveryoneNamed(_ ages: StatedAges) -> StatedAges? {
        for group in groupWordSpans() {
            if ages.max != nil, group.max == nil { return nil }
            if let bottom = ages.min, let top = group.max, top < bottom { return nil }
        }
        return ages
    }

    private static func widest(_ spans: [StatedAges]) -> StatedAges? {
        guard let first = spans.first else { return nil }
        return spans.dropFirst().reduce(first) { $0.widened(with: $1) }
    }

    // MARK: - Age phrases

    private func ageSpans(skipping used: Set<Int>) -> [StatedAges] {
        var spans: [StatedAges] = []
        var index = 0
        while index < tokens.count {
            if !used.contains(index), mayStartAPhrase(index), let (span, end) = phrase(at: index),
               !(index..<end).contains(where: used.contains) {
                if let span { spans.append(span) }
                index = end
            } else {
                index += 1
            }
        }
        return spans
    }

    /// A number, or a word an age phrase can open with ("under", "birth", "between", "six").
    private func mayStartAPhrase(_ index: Int) -> Bool {
        tokens[index].isNumber || Self.openingWords.contains(tokens[index].text)
    }

    private static let openingWords: Set<String> = Set(prefixes.map { $0.0[0] })
        .union(AgeWords.birth).union(AgeWords.spelledNumbers.keys).union(["between", "entre", "from", "de", "desde"])

    /// The age phrase starting at `start` and the index after it. The span is nil when the phrase
    /// was recognised but states no usable range ("ages 18-5"), so its numbers are not read again.
    private func phrase(at start: Int) -> (StatedAges?, Int)? {
        var index = start
        var cued = hasCue(before: start)
        // "between 5 and 12", "from 3 to 5", "de 5 a 12 años", "entre 5 y 12".
        var allowsAnd = false
        if ["between", "entre"].contains(tokens.text(at: index)) {
            allowsAnd = true
            index += 1
        } else if ["from", "de", "desde"].contains(tokens.text(at: index)) {
            index += 1
        }
        if let (bound, operatorEnd, operatorCues) = prefixOperator(at: index) {
            guard let (value, valueEnd, unitCues) = ageValue(at: operatorEnd, allowSpelled: true),
                  !isNotAnAge(at: valueEnd) else { return nil }
            cued = cued || operatorCues || unitCues || tokens[operatorEnd - 1].text == "age"
            guard !requiresCue || cued else { return nil }
            return (Self.checked(Self.span(value.years, bound)), valueEnd)
        }
        guard let (low, lowEnd, lowCues) = ageValue(at: index, allowSpelled: cued || !requiresCue) else { return nil }
        cued = cued || lowCues || low.isBirth

        // A range: "5-18", "5 to 18", "birth to age 19", "6 months to 5 years".
        if isRangeConnector(at: lowEnd, allowsAnd: allowsAnd) {
            // "3- to 5-year-olds": the hyphen of a suspended compound, then the connector.
            let isSuspendedHyphen = tokens.text(at: lowEnd) == "-" && ["to", "through"].contains(tokens.text(at: lowEnd + 1))
            var highStart = isSuspendedHyphen ? lowEnd + 2 : lowEnd + 1
            if AgeWords.cues.contains(tokens.text(at: highStart)) {
                highStart += 1
                cued = true
            }
            if let (high, highEnd, highCues) = ageValue(at: highStart, allowSpelled: cued || !requiresCue) {
                cued = cued || highCues
                let (suffix, suffixEnd, suffixCues) = suffixOperator(at: highEnd)
                guard !requiresCue || cued || suffixCues else { return nil }
                guard !isNotAnAge(at: highEnd) else { return nil }
                // "0-18 months": a unit written once applies to both numbers.
                var lowYears = low.years
                if low.unit == nil, high.unit == .months { lowYears = low.value / 12 }
                var span = StatedAges(min: lowYears, max: high.years)
                if suffix == .minimum { span.max = nil }
                return (Self.checked(span), suffix == nil ? highEnd : suffixEnd)
            }
        }
        // "18+", "19 and over", "5 years and older", "21 and under", "18 años o más".
        let (suffix, suffixEnd, suffixCues) = suffixOperator(at: lowEnd)
        if let suffix {
            guard !requiresCue || cued || suffixCues || low.unit != nil else { return nil }
            guard !low.isBirth, !isNotAnAge(at: lowEnd) else { return nil }
            return (Self.checked(Self.span(low.years, suffix)), suffixEnd)
        }
        // One age: "age 12", "5 years old", a field holding "12".
        guard !low.isBirth, !isNotAnAge(at: lowEnd) else { return nil }
        if requiresCue {
            guard cued || lowCues else { return nil }
        } else {
            guard cued || lowCues || isWholeFieldNumber(from: start, to: lowEnd) else { return nil }
        }
        return (Self.checked(StatedAges(min: low.years, max: low.years)), lowEnd)
    }

    /// One open-ended bound: "18+" is 18 up, "up to 5" is 5 down, "under 21" is 20 down.
    private static func span(_ years: Int, _ bound: Bound) -> StatedAges {
        switch bound {
        case .minimum: StatedAges(min: years, max: nil)
        case .maximum: StatedAges(min: nil, max: years)
        case .below: StatedAges(min: nil, max: years - 1)
        }
    }

    private static func checked(_ span: StatedAges) -> StatedAges? {
        var span = span
        if let max = span.max, max >= StatedAges.openMaximum { span.max = nil }
        if let min = span.min, min > AgeWords.oldestAge { return nil }
        if let min = span.min, let max = span.max, min > max { return nil }
        if let max = span.max, max < 0 { return nil }
        return span
    }

    // MARK: - Numbers

    enum Unit { case years, months }

    struct AgeValue {
        var value: Int
        var unit: Unit?
        var isBirth = false
        var years: Int { unit == .months ? value / 12 : value }
    }

    /// A number with its unit at `index`: "5", "5 years", "6 months", "six", "birth", "18yrs".
    /// The flag says the words around it make it an age ("years old", "years of age", "de edad").
    private func ageValue(at index: Int, allowSpelled: Bool) -> (AgeValue, Int, Bool)? {
        guard tokens.indices.contains(index) else { return nil }
        let token = tokens[index]
        var value: AgeValue
        var end = index + 1
        if token.isNumber, !token.isOrdinal, let number = token.number {
            guard !["$", "#", "%"].contains(tokens.text(at: index - 1)) else { return nil }
            value = AgeValue(value: number)
            // "2.5 years": the whole years.
            if tokens.text(at: end) == ".", tokens.indices.contains(end + 1), tokens[end + 1].isNumber, !tokens[end + 1].followsSpace {
                end += 2
            }
        } else if AgeWords.birth.contains(token.text) {
            return (AgeValue(value: 0, isBirth: true), index + 1, true)
        } else if allowSpelled, let number = AgeWords.spelledNumbers[token.text] {
            value = AgeValue(value: number)
        } else {
            return nil
        }
        guard value.value <= 999 else { return nil }
        var cues = false
        let unit = tokens.text(at: end)
        if AgeWords.yearUnits.contains(unit) || AgeWords.monthUnits.contains(unit) {
            value.unit = AgeWords.monthUnits.contains(unit) ? .months : .years
            end += 1
            if tokens.text(at: end) == "." { end += 1 }
            // "years old", "years of age", "años de edad".
            if tokens.text(at: end) == "old" || tokens.text(at: end) == "olds" {
                end += 1
                cues = true
            } else if tokens.matches(["of", "age"], at: end) || tokens.matches(["de", "edad"], at: end) {
                end += 2
                cues = true
            }
        } else if tokens.matches(["-", "year", "-", "old"], at: end) || tokens.matches(["-", "year", "-", "olds"], at: end) {
            value.unit = .years
            end += 4
            cues = true
        } else if tokens.matches(["-", "month", "-", "old"], at: end) || tokens.matches(["-", "month", "-", "olds"], at: end) {
            value.unit = .months
            end += 4
            cues = true
        } else if tokens.text(at: end) == "y" && tokens.text(at: end + 1) == "/" && tokens.text(at: end + 2) == "o" {
            value.unit = .years
            end += 3
            cues = true
        }
        return (value, end, cues)
    }

    /// Words after a number that show it is a time, an amount or a count rather than an age.
    private func isNotAnAge(at index: Int) -> Bool {
        let next = tokens.text(at: index)
        // "9 a.m.", "5 p.m."
        if next == "a" || next == "p" { return tokens.matches([".", "m"], at: index + 1) }
        return Self.notAgeFollowers.contains(next)
    }

    private static let notAgeFollowers: Set<String> = [
        ":", "%", "am", "pm", "noon", "percent", "hours", "hour", "hrs", "minutes", "min", "days", "day", "weeks", "week",
        "sessions", "dollars", "miles", "mile", "km", "people", "persons", "spots", "beds", "units", "times", "per", "x",
    ]

    /// A field holding only a number and perhaps "years": "12", "12 years".
    private func isWholeFieldNumber(from start: Int, to end: Int) -> Bool {
        (0..<start).allSatisfy { AgeWords.cues.contains(tokens.text(at: $0)) || tokens.text(at: $0) == ":" }
            && (end..<tokens.count).allSatisfy { tokens.text(at: $0) == "." }
    }

    // MARK: - Operators

    enum Bound { case minimum, maximum, below }

    /// "under", "up to (and including) (age)", "over", "at least", "mayores de", "<", "≥" before a number.
    private func prefixOperator(at index: Int) -> (Bound, Int, Bool)? {
        for (phrase, bound, cues) in Self.prefixes where tokens.matches(phrase, at: index) {
            var end = index + phrase.count
            var cued = cues
            if AgeWords.cues.contains(tokens.text(at: end)) {
                end += 1
                cued = true
            }
            return (bound, end, cued)
        }
        return nil
    }

    /// Phrases that share a first word come longest first; the flag marks phrases that only ever
    /// speak of age.
    private static let prefixes: [([String], Bound, Bool)] = [
        (["up", "to", "and", "including"], .maximum, false), (["younger", "than"], .below, true),
        (["older", "than"], .minimum, true), (["no", "older", "than"], .maximum, true),
        (["no", "younger", "than"], .minimum, true), (["less", "than"], .below, false), (["more", "than"], .minimum, false),
        (["at", "least"], .minimum, false), (["up", "to"], .maximum, false), (["mayores", "de"], .minimum, true),
        (["menores", "de"], .below, true), (["mas", "de"], .minimum, false), (["menos", "de"], .below, false),
        (["hasta"], .maximum, false), (["under"], .below, false), (["below"], .below, false), (["over"], .minimum, false),
        (["above"], .minimum, false), (["through"], .maximum, false), (["until"], .maximum, false),
        (["minimum"], .minimum, false), (["maximum"], .maximum, false), (["min"], .minimum, false), (["max"], .maximum, false),
        (["<", "="], .maximum, false), (["<"], .below, false), ([">", "="], .minimum, false), ([">"], .minimum, false),
        (["≤"], .maximum, false), (["≥"], .minimum, false),
    ]

    /// "+", "and over", "or older", "and under", "o más", "en adelante" after a number.
    private func suffixOperator(at index: Int) -> (Bound?, Int, Bool) {
        for (phrase, bound, cues) in Self.suffixes where tokens.matches(phrase, at: index) {
            return (bound, index + phrase.count, cues)
        }
        return (nil, index, false)
    }

    private static let suffixes: [([String], Bound, Bool)] = [
        (["and", "older"], .minimum, true), (["or", "older"], .minimum, true), (["and", "over"], .minimum, false),
        (["or", "over"], .minimum, false), (["and", "up"], .minimum, false), (["and", "above"], .minimum, false),
        (["or", "above"], .minimum, false), (["or", "more"], .minimum, false), (["plus"], .minimum, false),
        (["+"], .minimum, false), (["y", "mas"], .minimum, false), (["o", "mas"], .minimum, false),
        (["en", "adelante"], .minimum, false), (["and", "younger"], .maximum, true), (["or", "younger"], .maximum, true),
        (["and", "under"], .maximum, false), (["or", "under"], .maximum, false), (["and", "below"], .maximum, false),
        (["or", "less"], .maximum, false), (["y", "menos"], .maximum, false), (["o", "menos"], .maximum, false),
    ]

    private func isRangeConnector(at index: Int, allowsAnd: Bool) -> Bool {
        let text = tokens.text(at: index)
        if ["-", "to", "through", "thru", "until", "till", "a", "al", "hasta"].contains(text) { return true }
        return allowsAnd && (text == "and" || text == "y")
    }

    // MARK: - Cues

    /// An age word or a group of people right before the phrase, skipping small words:
    /// "ages 5-18", "youth 13 to 24", "children under 12", "age: 5", "adults aged 18+".
    private func hasCue(before start: Int) -> Bool {
        var index = start - 1
        var skipped = 0
        while index >= 0, skipped < 3 {
            let text = tokens.text(at: index)
            if AgeWords.cues.contains(text) || AgeWords.groups.contains(text) { return true }
            guard ["of", "the", "between", "from", ":", "(", "is", "are", "be", "must", "who", "de", "entre", "con", "-", ","]
                .contains(text) else { return false }
            skipped += 1
            index -= 1
        }
        return false
    }

    // MARK: - Words

    /// Age words anywhere in an age field: "adult", "Teens and young adults".
    private func groupWordSpans() -> [StatedAges] {
        var spans: [StatedAges] = []
        var index = 0
        while index < tokens.count {
            if let group = AgeWords.groupAges.first(where: { tokens.matches($0.phrase, at: index) }) {
                spans.append(StatedAges(min: group.min, max: group.max))
                index += group.phrase.count
            } else {
                index += 1
            }
        }
        return spans
    }
}
