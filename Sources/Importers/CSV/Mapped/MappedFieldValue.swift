import Directory
import Foundation

/// The vocabulary each profile field accepts, and how a sheet's (already translated) text becomes a value.
/// Enumerations accept their wire values written loosely: "School based", "school-based" and
/// "school_based" are the same setting.
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
        return items(text, separator: profile.listSeparator).map { profile.translate($0, for: field) }
            .joined(separator: profile.listSeparator)
    }

    static func items(_ text: String, separator: String) -> [String] {
        text.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// nil when `text` is valid for the field; otherwise what is wrong, for a problem message.
    static func check(_ text: String, for field: MappingProfile.Field, listSeparator: String) -> String? {
        let parts = isList(field) ? items(text, separator: listSeparator) : [text]
        for part in parts where !isValid(part, for: field) {
            return "'\(part)' is not \(expectation(for: field))"
        }
        return nil
    }

    private static func isValid(_ text: String, for field: MappingProfile.Field) -> Bool {
        switch field {
        case .organizationName, .organizationID, .serviceID, .serviceName, .description, .address, .city,
             .region, .postalCode, .country, .phone, .email, .url, .taxonomyCodes:
            true
        case .lat: coordinate(text, limit: 90) != nil
        case .lon: coordinate(text, limit: 180) != nil
        case .ageMin, .ageMax, .waitlistWeeks: wholeNumber(text) != nil
        case .ages: AgeText.numericRange(from: text) != nil
        case .interpreter: yesNo(text) != nil
        case .lastVerified: FeedDate.parse(text) != nil
        case .languages: LanguageNames.code(for: text) != nil
        case .domains: enumeration(text, Domain.self) != nil
        case .intensity: intensity(text) != nil
        case .setting: enumeration(text, Setting.self) != nil
        case .transportation: enumeration(text, Transportation.self) != nil
        case .cost: enumeration(text, CostKind.self) != nil
        case .insurance: enumeration(text, Insurance.self) != nil
        case .enrollment: enumeration(text, EnrollmentStatus.self) != nil
        case .hours: ScheduleText.hours(fromEntry: text) != nil
        }
    }

    /// Words for a problem message: what the field wanted.
    static func expectation(for field: MappingProfile.Field) -> String {
        switch field {
        case .lat: "a latitude (decimal degrees, -90 to 90)"
        case .lon: "a longitude (decimal degrees, -180 to 180)"
        case .ageMin, .ageMax: "a whole number of years"
        case .waitlistWeeks: "a whole number of weeks"
        case .ages: "an age range such as 5-18 or 18+"
        case .interpreter: "yes or no (add the sheet's word under values.interpreter)"
        case .lastVerified: "a date (YYYY-MM-DD or MM/DD/YYYY)"
        case .languages: "a language (ISO 639-1 code or English name; add the sheet's word under values.languages)"
        case .domains: "a domain (\(Domain.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .intensity: "an intensity (\(Intensity.allCases.map(\.rawValue).joined(separator: ", ")), or tier 1–3)"
        case .setting: "a setting (\(Setting.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .transportation: "a transportation value (\(Transportation.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .cost: "a cost (\(CostKind.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .insurance: "an insurance (\(Insurance.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .enrollment: "an enrollment status (\(EnrollmentStatus.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .hours: "opening hours such as 'Mon-Fri 15:00-18:00'"
        default: "a value"
        }
    }

    // MARK: - Parsers

    static func coordinate(_ text: String, limit: Double) -> Double? {
        guard let value = Double(text), abs(value) <= limit else { return nil }
        return value
    }

    static func wholeNumber(_ text: String) -> Int? {
        guard let value = Int(text), value >= 0 else { return nil }
        return value
    }

    static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "1": true
        case "no", "n", "false", "0": false
        default: nil
        }
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
        let key = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        return Value(rawValue: key)
    }
}
