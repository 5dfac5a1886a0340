import Directory

/// What a service's name and description state in prose, read through the shared vocabulary one fact
/// at a time, on first use: most services state their ages, cost or languages in fields, and reading
/// every fact of every description cost more than parsing the XML. One per distinct text
/// (`AIRSReadingMemo.prose`), so a description 211 software repeats on many services is read once.
final class AIRSProse {
    private let tokens: VocabularyTokens

    /// `plainText`: the name and description as plain text (`FeedPlainText`), not HTML.
    init(_ plainText: String) {
        tokens = VocabularyTokens(plainText)
    }

    private(set) lazy var ages: StatedAges? = StatedAges.fromFreeText(tokens)
    private(set) lazy var cost: StatedCost? = StatedCost.fromFreeText(tokens)
    private(set) lazy var languages: StatedLanguages? = StatedLanguages.fromFreeText(tokens)
    private(set) lazy var enrollment: StatedEnrollment? = StatedEnrollment.fromText(tokens)
    /// Settings the text names; empty when it names none.
    private(set) lazy var settings: [Setting] = StatedSetting.settings(in: tokens)
    private(set) lazy var transportation: Transportation? = StatedSetting.transportation(in: tokens)
}
