import Directory
import Foundation

/// The vocabulary each profile field accepts, and how a sheet's (already translated) text becomes a value.
/// Enumerations accept their wire values written loosely ("School based", "school-based" and
/// "school_based" are the same setting); beyond them, the shared vocabulary reads what 211 exports
/// write ("Sliding scale, $0.00 - $120.00", "Grades 6-8", "Interpreters available", "5/8/12 8:45").
enum MappedFieldValue {
    /// Fields whose cells may hold several values separated by the profile's list separator.
    static func isList(_ field: MappingProfile.Field) -> Bool {
        switch field {
        case .languages, .insurance, .domains, .setting, .hours, .taxonomyCodes: true
        default: false
        }
    }

    /// Translates each item of a cell through the profile's `values` and joins them again.
    static func translateList(_ text: String, for field: MappingProfile.Field, in profile: MappingProfile) -> String {
        guard isList(field) else { return profile.translate(text, for: field) }
        let separator = profile.separator(for: field)
        return items(text, separator: separator).map { profile.translate($0, for: field) }.joined(separator: separator)
    }

    static func items(_ text: String, separator: String) -> [String] {
        text.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// nil when `text` (a value the profile itself supplies) reads as the field's vocabulary;
    /// otherwise what is wrong, for a problem message.
    static func check(_ text: String, for field: MappingProfile.Field, in profile: MappingProfile) -> String? {
        let parts = isList(field) ? items(text, separator: profile.separator(for: field)) : [text]
        for part in parts where !isValid(part, for: field, in: profile) {
            return "'\(part)' is not \(expectation(for: field))"
        }
        return nil
    }

    private static func isValid(_ text: String, for field: MappingProfile.Field, in profile: MappingProfile) -> Bool {
        switch field {
        case .organizationName, .organizationID, .serviceID, .serviceName, .description, .address, .city,
             .region, .postalCode, .country, .phone, .email, .url, .taxonomyCodes, .eligibility:
            true
        case .lat: coordinate(text, limit: 90) != nil
        case .lon: coordinate(text, limit: 180) != nil
        case .ageMin, .ageMax: (try? StatedAges.fromBounds(minimum: text, maximum: "")) != nil
        case .waitlistWeeks: waitWeeks(text) != nil
        case .ages: StatedAges.fromAgeField(text) != nil
        case .interpreter: interpreter(text) != nil
        case .lastVerified: (try? date(text, format: profile.dateFormats[.lastVerified])) != nil
        case .languages: if case .stated = language(text) { true } else { false }
        case .domains: enumeration(text, Domain.self) != nil
        case .intensity: intensity(text) != nil
        case .setting: settings(text) != nil
        case .transportation: transportation(text) != nil
        case .cost: cost(text) != nil
        case .insurance: insurance(text) != nil
        case .enrollment: enrollment(text) != nil
        case .hours: ScheduleText.hours(fromEntry: text) != nil
        case .status: status(text) != nil
        }
    }

    /// Words for a problem message: what the field wanted.
    static func expectation(for field: MappingProfile.Field) -> String {
        switch field {
        case .lat: "a latitude (decimal degrees, -90 to 90)"
        case .lon: "a longitude (decimal degrees, -180 to 180)"
        case .ageMin, .ageMax: "an age in years"
        case .waitlistWeeks: "a wait (a whole number of weeks, or '2-3 weeks', '28 days')"
        case .ages: "an age range such as 5-18, 18+, 'Grades 6-8' or 'teens'"
        case .interpreter: "yes or no (add the sheet's word under values.interpreter)"
        case .lastVerified: "a date (2024-05-08, 5/8/2024, 5/8/12 8:45, May 8, 2024; or give date_formats.last_verified)"
        case .languages: "a language (ISO 639-1 code or a language name; add the sheet's word under values.languages)"
        case .domains: "a domain (\(Domain.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .intensity: "an intensity (\(Intensity.allCases.map(\.rawValue).joined(separator: ", ")), or tier 1–3)"
        case .setting: "a setting (\(Setting.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .transportation: "a transportation value (\(Transportation.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .cost: "a cost (\(CostKind.allCases.map(\.rawValue).joined(separator: ", ")), or fee text such as 'Sliding scale, $0 - $120')"
        case .insurance: "an insurance (\(Insurance.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .enrollment: "an enrollment status (\(EnrollmentStatus.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .hours: "opening hours such as 'Mon-Fri 15:00-18:00'"
        case .status: "a status (active, inactive; add the sheet's words under values.status)"
        default: "a value"
        }
    }

    /// The kind of problem an unreadable cell of the field is, for the summary and `--rejects`.
    static func problemKind(for field: MappingProfile.Field) -> ImportProblem.Kind {
        switch field {
        case .ages, .ageMin, .ageMax: .unreadableAges
        case .cost, .insurance: .unreadableCost
        case .languages, .interpreter: .unreadableLanguages
        case .enrollment, .waitlistWeeks: .unreadableEnrollment
        case .hours: .unreadableHours
        case .lastVerified: .unreadableDate
        case .lat, .lon: .unreadableCoordinates
        default: .unreadableValue
        }
    }

    // MARK: - Readers

    static func coordinate(_ text: String, limit: Double) -> Double? {
        guard let value = Double(text), value.isFinite, abs(value) <= limit else { return nil }
        return value
    }

    static func wholeNumber(_ text: String) -> Int? {
        guard let value = Int(text), value >= 0 else { return nil }
        return value
    }

    /// "3", or a wait written out ("2-3 weeks", "28 days", "no wait").
    static func waitWeeks(_ text: String) -> Int? {
        wholeNumber(text) ?? StatedEnrollment.waitWeeks(text)
    }

    static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "1": true
        case "no", "n", "false", "0": false
        default: nil
        }
    }

    /// Yes/no ("None", "Not available" too), or a phrase about interpretation ("Language line
    /// available", "Interpreters on request"). Other words ("Maybe") say nothing: unlike HSDS's
    /// `interpretation_services`, a sheet's column is not known to describe only how it is offered.
    static func interpreter(_ text: String) -> Bool? {
        if let answer = yesNo(text) { return answer }
        if StatedLanguages.interpreterField(text) == false { return false }
        return StatedLanguages.fromFreeText(text)?.interpreterAvailable
    }

    /// What one item of a languages cell says.
    enum LanguageReading {
        case stated(StatedLanguages)
        /// Names that have no ISO 639-1 code ("Hmong", "Creole", "Sign language"), with the reason.
        case dropped([DroppedLanguageName])
        case unreadable
    }

    /// "Spanish", "es", "Haitian Creole", "Kreyòl", "Interpreters available in 150 languages".
    static func language(_ item: String) -> LanguageReading {
        let single = StatedLanguages.language(item)
        if case .success(let code)? = single { return .stated(StatedLanguages(codes: [code])) }
        // Not one name: perhaps several, or a phrase about interpreters.
        if let stated = StatedLanguages.fromLanguageField(item), !stated.codes.isEmpty || stated.interpreterAvailable != nil {
            return .stated(stated)
        }
        if case .failure(let dropped)? = single { return .dropped([dropped]) }
        if let stated = StatedLanguages.fromLanguageField(item), !stated.dropped.isEmpty { return .dropped(stated.dropped) }
        return .unreadable
    }

    /// A cost word ("Free", "sliding_scale") or fee text ("Sliding scale, $0.00 - $120.00", "No charge",
    /// "Medicaid accepted").
    static func cost(_ text: String) -> StatedCost? {
        switch enumeration(text, CostKind.self) {
        case .free: StatedCost(free: true)
        case .slidingScale: StatedCost(slidingScale: true)
        case .fee: StatedCost(fee: true)
        case nil: StatedCost.fromFeeField(text)
        }
    }

    /// An insurance word, or a phrase naming coverage ("Medicaid/CHIP", "uninsured welcome").
    static func insurance(_ item: String) -> [Insurance]? {
        if let value = enumeration(item, Insurance.self) { return [value] }
        guard let stated = StatedCost.fromFeeField(item), !stated.insurance.isEmpty else { return nil }
        return stated.insurance
    }

    /// An enrollment word ("open", "waitlist") or an application-process sentence ("Not accepting new
    /// clients", "Walk in or call", "Waitlist: 6-8 weeks"): its status, wait and ways to apply.
    static func enrollment(_ text: String) -> StatedEnrollment? {
        if let status = enumeration(text, EnrollmentStatus.self) { return StatedEnrollment(status: status) }
        return StatedEnrollment.fromText(text)
    }

    /// A setting word, or a phrase naming settings ("Telehealth", "Home visits").
    static func settings(_ item: String) -> [Setting]? {
        if let value = enumeration(item, Setting.self) { return [value] }
        let named = StatedSetting.settings(in: item)
        return named.isEmpty ? nil : named
    }

    static func transportation(_ text: String) -> Transportation? {
        enumeration(text, Transportation.self) ?? StatedSetting.transportation(in: text)
    }

    /// Whether a status word lists the service: active, or inactive (and HSDS's defunct and
    /// "temporarily closed", which is listed with enrollment closed).
    static func status(_ text: String) -> HSDSServiceStatus? {
        let status = HSDSServiceStatus(text)
        return status == .unknown || text.isEmpty ? nil : status
    }

    /// The field's date format when the profile gives one, else any date `FeedDateText` reads.
    static func date(_ text: String, format: FeedDateFormat?) throws(UnreadableText) -> Date? {
        if let format { return try format.date(text) }
        return try FeedDateText.date(text)
    }

    /// "Tier 2" and "2" are the MTSS tiers coordinators use for intensity.
    static func intensity(_ text: String) -> Intensity? {
        if let value = enumeration(text, Intensity.self) { return value }
        let digits = text.lowercased().replacingOccurrences(of: "tier", with: "").trimmingCharacters(in: .whitespaces)
        return Intensity.allCases.first { String($0.tier) == digits }
    }

    /// Matches a raw value ignoring case and treating spaces and hyphens as underscores.
    static func enumeration<Value: RawRepresentable & CaseIterable>(_ text: String, _: Value.Type) -> Value?
    where Value.RawValue == String {
        let key = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "_" }).joined(separator: "_")
        return Value(rawValue: key)
    }
}
