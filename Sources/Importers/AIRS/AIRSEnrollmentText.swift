import Directory
import Foundation

/// Reads how families get in: intake methods from `<ApplicationProcess>`, and whether enrollment is
/// open, waitlisted or closed from that and the service description (AIRS has no status element for it).
/// Text that says none of these leaves the status unknown.
enum AIRSEnrollmentText {
    static func enrollment(intake: [String], description: String) -> Enrollment {
        enrollment(intake: intake, methods: intakeMethods(intake), description: description)
    }

    /// The same, with the intake methods already read from `intake` (they repeat across a feed).
    static func enrollment(intake: [String], methods: [IntakeMethod], description: String) -> Enrollment {
        let text = LowercasedText((intake + [description]).joined(separator: " "))
        if text.containsAny(closedPhrases) {
            return Enrollment(status: .closed, intakeMethods: methods)
        }
        if mentionsWaitlist(text) {
            return Enrollment(status: .waitlist, waitlistWeeks: waitWeeks(text), intakeMethods: methods)
        }
        return Enrollment(status: text.containsAny(openPhrases) ? .open : nil, intakeMethods: methods)
    }

    /// "Walk in or call", "Apply online at https://…", "Referral from the school counselor".
    static func intakeMethods(_ texts: [String]) -> [IntakeMethod] {
        let text = LowercasedText(texts.joined(separator: " "))
        var methods: Set<IntakeMethod> = []
        if text.containsAny(["walk-in", "walk in", "walkin", "drop-in", "drop in"]) { methods.insert(.walkIn) }
        if ["call", "calls", "calling", "phone", "telephone"].contains(where: text.containsWord) { methods.insert(.phone) }
        if text.containsWord("online") || text.containsAny(["http", "www.", "website"]) { methods.insert(.online) }
        if text.containsWord("school") && text.contains("referr") { methods.insert(.schoolReferral) }
        return methods.sorted()
    }

    /// Weeks to plan for: the number right before "week(s)" or "month(s)" ("2-3 weeks" → 3,
    /// "about 2 months" → 9). Nil when the text gives no duration.
    static func waitWeeks(_ text: LowercasedText) -> Int? {
        let words = text.bytes.split(whereSeparator: { [.space, .newline, .comma, .period, .openParen, .closeParen].contains($0) })
        var longest: Int?
        for (index, word) in words.enumerated() where index > 0 {
            let daysPerUnit: Int
            if word.starts(with: "week".utf8) { daysPerUnit = 7 } else if word.starts(with: "month".utf8) { daysPerUnit = 30 } else { continue }
            // "2-3" → 3; spelled numbers ("two weeks") too.
            let previous = String(decoding: words[index - 1], as: UTF8.self)
            guard let last = previous.split(separator: "-").last,
                  let amount = Int(last) ?? spelledNumbers[String(last)] else { continue }
            longest = max(longest ?? 0, (amount * daysPerUnit + 6) / 7)
        }
        return longest
    }

    private static func mentionsWaitlist(_ text: LowercasedText) -> Bool {
        // Every phrase below contains "wait": most texts are done with one scan.
        guard text.contains("wait") else { return false }
        var rest = text
        for negated in ["no waitlist", "no wait list", "no waiting list", "no wait-list", "no wait"] { rest = rest.removing(negated) }
        return rest.containsAny(["waitlist", "wait list", "wait-list", "waiting list"])
    }

    static let openPhrases = [
        "accepting new clients", "accepting new patients", "accepting new families", "now enrolling", "enrollment is open",
        "open enrollment", "no waitlist", "no wait list", "no waiting list",
    ]

    private static let closedPhrases = [
        "not accepting new", "not currently accepting", "no longer accepting", "closed to new", "enrollment is closed",
        "enrollment closed", "intake is closed", "intake closed", "program is full", "at capacity",
    ]

    private static let spelledNumbers: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "few": 3, "several": 4,
    ]
}

private extension UInt8 {
    static let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), comma = UInt8(ascii: ","), period = UInt8(ascii: ".")
    static let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")")
}
