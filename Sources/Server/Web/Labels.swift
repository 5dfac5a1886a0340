import Directory
import Foundation
import Localization
import Matching
import Referrals
import Storage

/// One `<option>` (or checkbox) of a form: the wire value, what people read, and whether it is chosen.
struct Option: Sendable {
    let value: String
    let label: String
    let selected: Bool

    /// Options for a vocabulary enum, with `chosen` values marked.
    static func list<T: RawRepresentable & CaseIterable>(
        _ type: T.Type, chosen: [String] = [], label: (T) -> String
    ) -> [Option] where T.RawValue == String {
        T.allCases.map { Option(value: $0.rawValue, label: label($0), selected: chosen.contains($0.rawValue)) }
    }
}

/// The words people read for the vocabularies' codes, in the request's language (`PageLanguage`).
enum Labels {
    private static var w: Words { PageLanguage.words }

    /// What a page shows for a facet the service does not state: never a default in its place.
    static var notListed: String { w.t("facet.not_listed") }

    /// Labels read as one phrase ("Call, walk in"): each is written capitalised to stand alone (an
    /// option, a checkbox), so after the first one the capital goes; a catalog label that is a name
    /// (all capitals, "SNAP") keeps it.
    static func inlineList(_ labels: [String]) -> String {
        labels.enumerated().map { index, label in
            guard index > 0, let first = label.first, first.isUppercase,
                  label.dropFirst().first.map({ !$0.isUppercase }) ?? true else { return label }
            return first.lowercased() + label.dropFirst()
        }.joined(separator: ", ")
    }

    static func humanized(_ code: String) -> String {
        let words = code.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// A code's words from the catalog (`prefix.code`), or the code made readable when no catalog
    /// has it (a vocabulary value added after the catalogs were written).
    static func word(_ prefix: String, _ code: String) -> String {
        let key = "\(prefix).\(code)"
        let text = w.t(key)
        return text == key ? humanized(code) : text
    }

    /// A barrier's name: the catalog's (`barrier.<id>`) when it has one, else the vocabulary's label.
    static func barrier(_ id: String, _ label: String) -> String {
        let key = "barrier.\(id)"
        let text = w.t(key)
        return text == key ? label : text
    }

    /// What a follow-up asks for. English is the sentence `FollowUpPolicy` writes (with its dates
    /// and windows); another language says the kind and the day it is due since.
    static func followUp(_ followUp: FollowUp) -> String {
        let key = "follow_up.\(followUp.kind.rawValue)"
        return w.language == "en" || !w.has(key) ? followUp.message : w.t(key, ["since": followUp.dueSince.description])
    }

    /// A waitlist's expected wait: "about 3 weeks", or "not known".
    static func wait(_ wait: ExpectedWait) -> String {
        switch wait {
        case .weeks(let count): w.count("wait.about_weeks", count)
        case .notKnown: w.t("wait.not_known")
        }
    }

    static func state(_ state: ReferralState) -> String { word("state", state.rawValue) }

    static func action(_ action: ReferralAction) -> String { word("action", action.rawValue) }

    static func intensity(_ intensity: Intensity) -> String { word("intensity", intensity.rawValue) }

    static func intensity(stated intensity: Intensity?) -> String { intensity.map(Self.intensity) ?? notListed }

    /// "5–18", "19 and over", "up to 5".
    static func ages(_ ages: AgeRange) -> String {
        switch (ages.min, ages.max) {
        case let (min?, max?): "\(min)–\(max)"
        case let (min?, nil): w.t("ages.min", ["min": String(min)])
        case let (nil, max?): w.t("ages.max", ["max": String(max)])
        case (nil, nil): notListed
        }
    }

    static func domains(_ domains: [Domain]) -> String {
        domains.isEmpty ? notListed : domains.map { word("domain", $0.rawValue) }.joined(separator: ", ")
    }

    /// The languages spoken and whether an interpreter is available, as far as the service says.
    static func languages(_ service: Service) -> String {
        let names = service.languages.map(language).joined(separator: ", ")
        switch (names.isEmpty, service.interpreterAvailable) {
        case (true, true?): return w.t("languages.interpreter_only", ["not_listed": notListed])
        case (true, _): return notListed
        case (false, true?): return w.t("languages.with_interpreter", ["names": names])
        case (false, _): return names
        }
    }

    static func insurance(_ insurance: Insurance) -> String { word("insurance", insurance.rawValue) }

    static func transportation(_ value: FamilyTransportation) -> String { word("family_transportation", value.rawValue) }

    static func enrollment(_ enrollment: Enrollment) -> String {
        switch enrollment.status {
        case .open: enrollment.capacity.map { w.count("enrollment.open_places", $0) } ?? w.t("enrollment.open")
        case .waitlist: enrollment.waitlistWeeks.map { w.t("enrollment.waitlist_about", ["weeks": count($0, "week")]) } ?? w.t("enrollment.waitlist")
        case .closed: w.t("enrollment.closed")
        case nil: notListed
        }
    }

    static func cost(_ cost: Cost) -> String {
        let kind = cost.kind.map { word("cost", $0.rawValue) } ?? w.t("cost.not_listed", ["not_listed": notListed])
        return cost.insurance.isEmpty ? kind : w.t("cost.accepts", ["kind": kind, "insurance": cost.insurance.map(insurance).joined(separator: ", ")])
    }

    /// The language's name in the page's language ("Spanish", "español"); the English name when
    /// the catalog has none for it.
    static func language(_ code: LanguageCode) -> String {
        let key = "language.name.\(code.rawValue)"
        let text = w.t(key)
        return text == key ? code.displayName : text
    }

    static func languageOptions(chosen: [String]) -> [Option] {
        LanguageCode.commonInDistricts.map { (code: $0.rawValue, name: language($0)) }.sorted { $0.name < $1.name }
            .map { Option(value: $0.code, label: $0.name, selected: chosen.contains($0.code)) }
    }

    /// "1 week", "3 weeks": a number with its noun, singular for one, from the catalog's plural
    /// forms (`count.week`); a noun the catalog lacks gets English's rule.
    static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        let key = "count.\(noun)"
        let text = w.count(key, number)
        return text == key ? "\(number) \(number == 1 ? noun : plural ?? noun + "s")" : text
    }

    /// The field a form asks for, as the form names it ("intake date", not `intake_date`).
    static func field(_ name: String) -> String {
        switch name {
        case RequiredField.intakeDate.rawValue: w.t("field.intake_date")
        case RequiredField.firstServiceDate.rawValue: w.t("field.first_service_date")
        case RequiredField.confirmedBy.rawValue: w.t("field.confirmed_by")
        case RequiredField.reason.rawValue: w.t("field.reason")
        case RequiredField.expectedWait.rawValue: w.t("field.expected_wait")
        default: name.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A refused referral change in words for the page; the API keeps its codes and field names.
    static func refusal(_ error: ReferralStoreError) -> String { RefusalWords.referral(error) }

    /// The district's calendar day of an instant (its time zone, not UTC).
    static func day(_ date: Date?) -> String {
        date.map { PageLanguage.display.day($0) } ?? ""
    }

    /// Day, time and zone in the district's time zone ("2026-03-08 14:05 CDT").
    static func dateTime(_ date: Date) -> String { PageLanguage.display.dateTime(date) }

    /// A distance in the district's unit and the page's decimal mark.
    static func distance(km: Double) -> String { PageLanguage.display.distance(km: km, words: w) }
}
