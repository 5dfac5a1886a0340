import Directory

/// What a free text (a description, an eligibility sentence) states, cut into words once and read
/// through the shared vocabulary one fact at a time, on first use: most services state their ages,
/// cost or languages in fields, and reading every fact of every description cost more than parsing
/// the feed. Every fact here is inferred from prose; the caller marks it so.
final class FreeTextFacts {
    private let tokens: VocabularyTokens

    /// `plainText`: plain text (`FeedPlainText`), not HTML.
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
