import Directory
import Foundation

/// Where a service is delivered and how families reach it, read from its name and description
/// (AIRS has no element for either).
enum AIRSSettingText {
    /// Every setting the text names; none when it names none (not stated, not assumed "community").
    static func settings(in text: String) -> [Setting] {
        settings(in: LowercasedText(text))
    }

    static func settings(in lowered: LowercasedText) -> [Setting] {
        var settings: Set<Setting> = []
        if lowered.containsAny(["telehealth", "telemedicine", "virtual", "video visit", "video call", "by video"])
            || mentionsOnlineDelivery(lowered) {
            settings.insert(.virtual)
        }
        if lowered.containsAny(["home visit", "home-visit", "in-home", "in home", "home-based"]) {
            settings.insert(.homeVisit)
        }
        if lowered.containsAny(["school-based", "school based", "at school", "in schools", "at the school", "at your child's school"]) {
            settings.insert(.schoolBased)
        }
        return settings.sorted()
    }

    /// Rides or fares the service provides win; otherwise a site on a bus line makes it transit
    /// accessible; otherwise the feed said nothing about transportation.
    static func transportation(in text: String, siteIsTransitAccessible: Bool) -> Transportation? {
        transportation(in: LowercasedText(text), siteIsTransitAccessible: siteIsTransitAccessible)
    }

    static func transportation(in lowered: LowercasedText, siteIsTransitAccessible: Bool) -> Transportation? {
        if lowered.containsAny([
            "transportation provided", "transportation is provided", "provides transportation", "free transportation",
            "rides provided", "bus passes", "bus tokens", "transportation available",
        ]) {
            return .provided
        }
        return siteIsTransitAccessible ? .transitAccessible : nil
    }

    /// What a site's transit text (`<BusServiceAccess>`) says: "Routes 7 and 12" a route serves it,
    /// "None" / "No bus service" / "not on a bus line" / "false" none does; nil when the text says
    /// nothing ("", "N/A", "unknown").
    static func transitStatement(_ text: String) -> Bool? {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        guard !lowered.isEmpty, !["n/a", "na", "unknown"].contains(lowered) else { return nil }
        if ["false", "0"].contains(lowered) { return false }
        let words = LowercasedText(lowered)
        return !["no", "not", "none"].contains(where: words.containsWord)
    }

    /// "online" that describes the service ("online counseling"), not how to sign up ("apply online").
    private static func mentionsOnlineDelivery(_ text: LowercasedText) -> Bool {
        var start = 0
        while let found = text.firstRange(of: "online", from: start) {
            let before = LowercasedText(bytes: Array(text.bytes[max(0, found.lowerBound - 20)..<found.lowerBound]))
            let after = LowercasedText(bytes: Array(text.bytes[found.upperBound..<min(text.bytes.count, found.upperBound + 14)]))
            if !before.containsAny(signUpWords) && !after.containsAny(signUpObjects) { return true }
            start = found.upperBound
        }
        return false
    }

    private static let signUpWords = ["apply", "register", "sign up", "enroll", "book", "schedule", "request"]
    private static let signUpObjects = ["application", "form", "referral", "registration"]
}
