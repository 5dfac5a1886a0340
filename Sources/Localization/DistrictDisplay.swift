import Foundation

/// How far, as the district's families and staff measure it.
public enum DistanceUnit: String, Sendable, CaseIterable, Hashable {
    case kilometers = "km"
    case miles = "mi"

    public static let kilometersPerMile = 1.609344

    /// Miles in the United States and its territories, the UK, Liberia and Myanmar; km elsewhere.
    /// A district with no country set keeps kilometres, as before the setting existed.
    public static func usual(inCountry country: String?) -> DistanceUnit {
        guard let country = country?.uppercased().trimmingCharacters(in: .whitespaces), !country.isEmpty else { return .kilometers }
        return ["US", "USA", "UNITED STATES", "PR", "GU", "VI", "AS", "MP", "GB", "UK", "LR", "MM"].contains(country) ? .miles : .kilometers
    }

    public func value(km: Double) -> Double { self == .miles ? km / Self.kilometersPerMile : km }
    public func kilometers(_ value: Double) -> Double { self == .miles ? value * Self.kilometersPerMile : value }
}

/// The district settings that change how a page shows a number or a time: its time zone (an IANA
/// name, e.g. America/Chicago) and its distance unit. Every time on a page or in a message goes
/// through `dateTime` / `day` here, so none is shown in UTC by accident.
public struct DistrictDisplay: Sendable, Hashable {
    public var timeZone: TimeZone
    public var distanceUnit: DistanceUnit

    public init(timeZone: TimeZone = .gmt, distanceUnit: DistanceUnit = .kilometers) {
        self.timeZone = timeZone
        self.distanceUnit = distanceUnit
    }

    /// "2026-03-08 14:05 CDT": the day as pages write days, the time and the zone's abbreviation.
    public func dateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: date)
    }

    /// The district's calendar day of an instant, YYYY-MM-DD.
    public func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// "2.5 mi" / "4.0 km" in the language's decimal mark ("4,0 km" in Spanish).
    public func distance(km: Double, words: Words) -> String {
        let value = distanceUnit.value(km: km)
        // 9.95 and up rounds to whole numbers: "%.1f" would write "10.0".
        let number = value >= 9.95 ? String(Int(value.rounded())) : String(format: "%.1f", value)
        return words.t("unit.\(distanceUnit.rawValue)", ["value": words.decimal(number)])
    }
}

extension Words {
    /// A number written with a decimal point, with the language's decimal mark.
    public func decimal(_ number: String) -> String {
        let mark = t("number.decimal_mark")
        return mark == "." || mark == "number.decimal_mark" ? number : number.replacingOccurrences(of: ".", with: mark)
    }
}
