import Directory

/// Everything a description (or another free text) states, read from one cutting of the text into
/// words. Every fact here is inferred from prose; the caller marks it so. Pass plain text
/// (`FeedPlainText.plainText`), not HTML.
struct FreeTextFacts: Hashable, Sendable {
    let ages: StatedAges?
    let cost: StatedCost?
    let languages: StatedLanguages?
    let enrollment: StatedEnrollment?
    /// Settings the text names; empty when it names none.
    let settings: [Setting]
    let transportation: Transportation?

    init(_ text: String) {
        let tokens = VocabularyTokens(text)
        ages = StatedAges.fromFreeText(tokens)
        cost = StatedCost.fromFreeText(tokens)
        languages = StatedLanguages.fromFreeText(tokens)
        enrollment = StatedEnrollment.fromText(tokens)
        settings = StatedSetting.settings(in: tokens)
        transportation = StatedSetting.transportation(in: tokens)
    }
}
