import Directory

/// What a feed states about getting in: whether enrollment is open, waitlisted or closed (nil when
/// the text does not say), how long the wait is, and how families apply. AIRS has no element for the
/// status, so it is read from `<ApplicationProcess>` and the description; HSDS from `wait_time` and
/// `application_process`.
package struct StatedEnrollment: Hashable, Sendable {
    var status: EnrollmentStatus?
    /// Weeks to plan for; 0 for "no wait".
    var waitlistWeeks: Int?
    var intakeMethods: [IntakeMethod] = []

    var isEmpty: Bool { status == nil && waitlistWeeks == nil && intakeMethods.isEmpty }

    /// Closed wins over a waitlist and a waitlist over open: sending a family to a closed door costs
    /// more than a call to check. "No waiting list" is open.
    static func fromText(_ text: String) -> StatedEnrollment? {
        fromText(VocabularyTokens(text))
    }

    static func fromText(_ tokens: VocabularyTokens) -> StatedEnrollment? {
        var stated = status(in: tokens) ?? StatedEnrollment()
        stated.intakeMethods = intakeMethods(in: tokens)
        return stated.isEmpty ? nil : stated
    }

    /// The status and wait alone, as a description states them (how to apply comes from intake fields).
    package static func status(in tokens: VocabularyTokens) -> StatedEnrollment? {
        var stated = StatedEnrollment()
        if closedPhrases.contains(where: tokens.contains) {
            stated.status = .closed
        } else if mentionsWaitlist(tokens) {
            stated.status = .waitlist
            stated.waitlistWeeks = longestWait(in: tokens)
        } else if noWaitInText.contains(where: tokens.contains) {
            stated.status = .open
            stated.waitlistWeeks = 0
        } else if openPhrases.contains(where: tokens.contains) {
            stated.status = .open
        }
        return stated.isEmpty ? nil : stated
    }

    /// Whether a text may state a status: `status(in:)` finds one only through these phrases.
    static let statusScreen = PhraseScreen(closedPhrases + waitlistPhrases + noWaitInText + openPhrases)

    /// HSDS `wait_time`: "28 days" → 4, "2-3 weeks" → 3, "about 2 months" → 9, "no wait", "none",
    /// "immediate" → 0. nil when the text gives no duration.
    static func waitWeeks(_ text: String) -> Int? {
        let tokens = VocabularyTokens(text)
        let words = tokens.tokens.filter { $0.isWord || $0.isNumber }.map(\.text)
        guard !words.isEmpty else { return nil }
        if ["none", "0", "no", "ninguno", "ninguna"].contains(words.joined(separator: " "))
            || (noWaitInText + noWaitInAField).contains(where: tokens.contains) {
            return 0
        }
        return longestWait(in: tokens)
    }

    /// "Walk in or call", "Apply online at https://…", "Referral from the school counselor".
    static func intakeMethods(in text: String) -> [IntakeMethod] {
        intakeMethods(in: VocabularyTokens(text))
    }

    // MARK: - Reading

    private static func intakeMethods(in tokens: VocabularyTokens) -> [IntakeMethod] {
        let words = Set(tokens.tokens.filter(\.isWord).map(\.text))
        var methods: Set<IntakeMethod> = []
        if walkInPhrases.contains(where: tokens.contains) { methods.insert(.walkIn) }
        if !words.isDisjoint(with: ["call", "calls", "calling", "phone", "telephone", "llame", "llamar"]) { methods.insert(.phone) }
        if !words.isDisjoint(with: ["online", "website", "http", "https", "www", "internet", "linea"]) { methods.insert(.online) }
        if words.contains("school") || words.contains("schools") || words.contains("escuela"),
           words.contains(where: { $0.hasPrefix("refer") || $0.hasPrefix("referr") }) {
            methods.insert(.schoolReferral)
        }
        return methods.sorted()
    }

    private static func mentionsWaitlist(_ tokens: VocabularyTokens) -> Bool {
        for phrase in waitlistPhrases {
            for start in tokens.occurrences(of: phrase) {
                let before = tokens.text(at: start - 1)
                // "no waitlist", "no waiting list", "without a waitlist".
                if before == "no" || (before == "a" && tokens.text(at: start - 2) == "without") || before == "without" { continue }
                return true
            }
        }
        return false
    }

    /// The longest duration in the text, in weeks rounded up: the number (or "two", "a few") right
    /// before "days", "weeks" or "months"; of a range "2-3 weeks", the end.
    private static func longestWait(in tokens: VocabularyTokens) -> Int? {
        var longest: Int?
        for index in tokens.indices {
            let unit = tokens.text(at: index)
            let daysPerUnit: Int
            if ["day", "days", "dia", "dias"].contains(unit) { daysPerUnit = 1 }
            else if ["week", "weeks", "wk", "wks", "semana", "semanas"].contains(unit) { daysPerUnit = 7 }
            else if ["month", "months", "mes", "meses"].contains(unit) { daysPerUnit = 30 }
            else { continue }
            let previous = index - 1
            guard let amount = tokens.number(at: previous) ?? spelledNumbers[tokens.text(at: previous)] else { continue }
            longest = max(longest ?? 0, (amount * daysPerUnit + 6) / 7)
        }
        return longest
    }

    private static let closedPhrases: [[String]] = [
        "not accepting new", "not currently accepting", "no longer accepting", "not taking new", "closed to new",
        "enrollment is closed", "enrollment closed", "intake is closed", "intake closed", "program is full",
        "at capacity", "currently full", "no openings", "no availability", "temporarily closed",
    ].map(VocabularyTokens.phrase)

    private static let waitlistPhrases: [[String]] = [
        "waitlist", "wait list", "wait-list", "waiting list", "waitlisted", "lista de espera",
    ].map(VocabularyTokens.phrase)

    private static let noWaitInText: [[String]] = [
        "no wait", "no waiting", "no waitlist", "no wait list", "no waiting list", "no wait-list", "sin espera",
    ].map(VocabularyTokens.phrase)

    /// In a wait-time field these say no wait too; in a description "immediate family" does not.
    private static let noWaitInAField: [[String]] = ["immediate", "immediately", "same day", "same-day"].map(VocabularyTokens.phrase)

    private static let openPhrases: [[String]] = [
        "accepting new", "currently accepting", "now accepting", "now enrolling", "enrolling now", "open enrollment",
        "enrollment is open", "enrollment open", "taking new clients", "taking new patients", "openings available",
        "spaces available", "space available", "spots available", "inscripciones abiertas",
    ].map(VocabularyTokens.phrase)

    private static let walkInPhrases: [[String]] = [
        "walk-in", "walk in", "walk-ins", "walk ins", "walkin", "walkins", "drop-in", "drop in", "drop-ins", "sin cita",
    ].map(VocabularyTokens.phrase)

    private static let spelledNumbers: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "a": 1, "few": 3, "several": 4, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4,
    ]
}
