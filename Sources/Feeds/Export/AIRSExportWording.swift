import Directory
import Foundation

/// The text the AIRS exporter writes for what AIRS keeps as free text (fees, intake, hours, languages,
/// phone types, dates), worded the way 211 exports word it and so that `AIRSReader` reads the same
/// facet back: "Sliding scale based on income.", "Call to apply. Waitlist of about 3 weeks.",
/// `<Monday>9:00am-12:00pm, 1:00pm-5:00pm</Monday>`.
enum AIRSExportWording {
    /// `<FeeStructure>`: the cost kind, then the coverage accepted; nil when neither is stated.
    static func fees(_ cost: Cost) -> String? {
        var sentences: [String] = []
        switch cost.kind {
        case .free: sentences.append("Free.")
        case .slidingScale: sentences.append("Sliding scale based on income.")
        case .fee: sentences.append("Fee per visit.")
        case nil: break
        }
        let accepted = cost.insurance.filter { $0 != .uninsured }.map(insuranceName)
        // "Medicaid, CHIP accepted.": a bare "insurance accepted" reads as private insurance.
        if !accepted.isEmpty { sentences.append(accepted.joined(separator: ", ") + " accepted.") }
        if cost.insurance.contains(.uninsured) { sentences.append("Uninsured families served.") }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    private static func insuranceName(_ insurance: Insurance) -> String {
        switch insurance {
        case .medicaid: "Medicaid"
        case .chip: "CHIP"
        case .private: "private insurance"
        case .uninsured: "uninsured"
        }
    }

    /// `<ApplicationProcess>`: how to get in, then whether enrollment is open, closed or waitlisted.
    /// Nil when neither is stated.
    static func applicationProcess(_ enrollment: Enrollment) -> String? {
        var sentences: [String] = enrollment.intakeMethods.sorted().map { method in
            switch method {
            case .walkIn: "Walk in during open hours."
            case .phone: "Call to apply."
            case .online: "Apply online."
            case .schoolReferral: "Referral from the school counselor."
            }
        }
        switch enrollment.status {
        case .open: sentences.append("Accepting new clients.")
        case nil: break
        case .closed: sentences.append("Not accepting new clients; enrollment is closed.")
        case .waitlist:
            sentences.append(enrollment.waitlistWeeks.map { "Waitlist of about \($0) weeks." } ?? "Waitlist.")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// `<TimeOpen>` as one element per day with opening hours, in week order:
    /// ("Monday", "9:00am-12:00pm, 1:00pm-5:00pm").
    static func days(_ hours: [OpeningHours]) -> [(element: String, text: String)] {
        Weekday.allCases.compactMap { day in
            let spans = hours.filter { $0.weekday == day }.sorted { $0.opens < $1.opens }
            guard !spans.isEmpty else { return nil }
            return (day.rawValue.capitalized, spans.map { time($0.opens) + "-" + time($0.closes) }.joined(separator: ", "))
        }
    }

    /// "9:00am", "12:30pm", "12:00am" (midnight, also for 24:00: a closing at midnight reads as the end of the day).
    static func time(_ time: TimeOfDay) -> String {
        let hour = time.minutes / 60 % 24, minute = time.minutes % 60
        let clock = hour == 0 ? 12 : hour > 12 ? hour - 12 : hour
        return String(clock) + ":" + (minute < 10 ? "0" : "") + String(minute) + (hour < 12 ? "am" : "pm")
    }

    /// `<Phone><Type>`.
    static func phoneType(_ kind: Phone.Kind) -> String {
        switch kind {
        case .voice: "Voice"
        case .text: "Text"
        case .fax: "Fax"
        case .hotline: "Hotline"
        }
    }

    /// `<Languages><Name>`: the English name, else the ISO 639-1 code itself (which the reader reads back).
    static func languageName(_ code: LanguageCode) -> String {
        code.englishName ?? code.rawValue
    }

    static let interpretation = "Interpreters available on request"
    static let noInterpretation = "No"
    static let transit = "Public transit stops nearby"
    static let noTransit = "None"

    /// `<DateLastVerified>` as an ISO 8601 UTC date-time ("2026-09-21T12:26:40Z"), milliseconds only
    /// when the date has them. Written by hand: a formatter per record costs more than the record.
    static func date(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        let milliseconds = Int(((interval - whole) * 1000).rounded())
        var seconds = Int(whole)
        if milliseconds == 1000 { seconds += 1 }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(daysSince1970: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if milliseconds > 0 && milliseconds < 1000 { text += "." + pad(milliseconds, 3) }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Year, month, day of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
    private static func civil(daysSince1970 days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
