import Directory

/// Where a service is delivered and how families reach it, as its name and description state it
/// (AIRS has no element for either). Nothing here is a default: a text that names no setting gives
/// no setting, and one that names no transport gives no transportation.
package enum StatedSetting {
    /// Every setting the text names ("telehealth", "home visits", "at your child's school"); empty
    /// when it names none. "Apply online" is how to sign up, not online delivery.
    static func settings(in text: String) -> [Setting] {
        settings(in: VocabularyTokens(text))
    }

    package static func settings(in tokens: VocabularyTokens) -> [Setting] {
        var settings: Set<Setting> = []
        if virtualPhrases.contains(where: tokens.contains) || mentionsOnlineDelivery(tokens) { settings.insert(.virtual) }
        if homePhrases.contains(where: tokens.contains) { settings.insert(.homeVisit) }
        if schoolPhrases.contains(where: tokens.contains) { settings.insert(.schoolBased) }
        return settings.sorted()
    }

    /// `.provided` when the text says the service gives rides or fares ("transportation provided",
    /// "bus tickets are available"); `.notProvided` when it says it does not ("no transportation provided");
    /// nil when it does not say. Whether a site is on a bus line is `siteOnTransit`'s.
    static func transportation(in text: String) -> Transportation? {
        transportation(in: VocabularyTokens(text))
    }

    package static func transportation(in tokens: VocabularyTokens) -> Transportation? {
        if notProvidedPhrases.contains(where: tokens.contains) { return .notProvided }
        if providedPhrases.contains(where: tokens.contains) { return .provided }
        return nil
    }

    /// A site's transit text (AIRS `<BusServiceAccess>`): "Routes 7 and 12" yes; "None", "No bus
    /// service", "not on a bus line" no; blank, "N/A", "unknown" say nothing.
    static func siteOnTransit(_ text: String) -> Bool? {
        let words = VocabularyTokens(text).tokens.filter { $0.isWord || $0.isNumber }.map(\.text)
        guard !words.isEmpty, !words.allSatisfy(["n", "a", "na", "unknown", "tbd"].contains) else { return nil }
        if words == ["false"] || words == ["0"] { return false }
        if words.contains(where: { ["no", "not", "none", "sin"].contains($0) }) { return false }
        return true
    }

    /// Whether a text may name a setting: `settings(in:)` finds one only through these phrases or "online".
    static let settingsScreen = PhraseScreen(virtualPhrases + homePhrases + schoolPhrases + [["online"]])

    /// Whether a text may say anything about transportation: `transportation(in:)` reads only these phrases.
    static let transportationScreen = PhraseScreen(notProvidedPhrases + providedPhrases)

    /// "online" describing the service ("online counseling"), not how to sign up ("apply online",
    /// "online application").
    private static func mentionsOnlineDelivery(_ tokens: VocabularyTokens) -> Bool {
        for index in tokens.occurrences(of: ["online"]) {
            let before = (max(0, index - 3)..<index).map { tokens.text(at: $0) }
            let after = (index + 1..<min(tokens.count, index + 3)).map { tokens.text(at: $0) }
            if before.contains(where: signUpWords.contains) || after.contains(where: signUpObjects.contains) { continue }
            return true
        }
        return false
    }

    private static let signUpWords: Set<String> = [
        "apply", "register", "sign", "enroll", "book", "schedule", "request", "donate", "order",
    ]
    private static let signUpObjects: Set<String> = [
        "application", "applications", "form", "forms", "referral", "registration", "donations",
    ]

    private static let virtualPhrases: [[String]] = [
        "telehealth", "tele-health", "telemedicine", "teletherapy", "virtual", "virtually", "video visit", "video visits",
        "video call", "by video", "via video", "via zoom", "over zoom", "by phone or video",
    ].map(VocabularyTokens.phrase)

    private static let homePhrases: [[String]] = [
        "home visit", "home visits", "home-visit", "home-visiting", "home visiting", "in-home", "in home", "home-based",
        "home based", "visits families at home", "at your home", "en el hogar", "visitas al hogar",
    ].map(VocabularyTokens.phrase)

    private static let schoolPhrases: [[String]] = [
        "school-based", "school based", "at school", "in schools", "at the school", "at your child's school",
        "at schools", "in the schools", "on school grounds", "on campus", "en la escuela",
    ].map(VocabularyTokens.phrase)

    private static let providedPhrases: [[String]] = [
        "transportation provided", "transportation is provided", "transportation is available", "transportation available",
        "provides transportation", "provide transportation", "free transportation", "rides provided", "rides available",
        "free rides", "bus passes", "bus pass", "bus tokens", "bus tickets", "transit passes", "transit tickets",
        "gas cards", "transporte gratuito", "se ofrece transporte",
    ].map(VocabularyTokens.phrase)

    private static let notProvidedPhrases: [[String]] = [
        "no transportation", "transportation not provided", "transportation is not provided", "does not provide transportation",
        "doesn't provide transportation", "transportation is not available", "transportation not available",
        "sin transporte",
    ].map(VocabularyTokens.phrase)
}
