import Directory

/// Reads enrollment from HSDS free text: `wait_time` ("28 days", "2-3 weeks", "no wait") and
/// `application_process` ("Walk in or call", "Apply online").
enum EnrollmentText {
    /// Weeks of waiting, rounded up; 0 for "none"/"no wait"; nil when the text gives no duration.
    static func waitWeeks(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        let lowered = LowercasedText(text)
        if lowered.containsAny(["no wait", "immediate"]) || lowered.bytes == Array("none".utf8) || text == "0" { return 0 }
        // The longest figure in "2-3 weeks" is what a family should plan for.
        guard let amount = AgeText.wholeNumbers(in: text).max() else { return nil }
        let days: Int
        if lowered.containsAny(["month", "mes"]) {
            days = amount * 30
        } else if lowered.containsAny(["week", "semana"]) {
            days = amount * 7
        } else if lowered.containsAny(["day", "día", "dia"]) {
            days = amount
        } else {
            return nil
        }
        return (days + 6) / 7
    }

    static func intakeMethods(_ text: String) -> [IntakeMethod] {
        guard !text.isEmpty else { return [] }
        let lowered = LowercasedText(text)
        var methods: Set<IntakeMethod> = []
        if lowered.contains("walk") { methods.insert(.walkIn) }
        if lowered.containsAny(["call", "phone"]) { methods.insert(.phone) }
        if lowered.containsAny(["online", "website", "http"]) { methods.insert(.online) }
        if lowered.contains("school") && lowered.contains("referr") { methods.insert(.schoolReferral) }
        return methods.sorted()
    }
}
