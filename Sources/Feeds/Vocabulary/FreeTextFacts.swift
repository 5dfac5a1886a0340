import Directory

/// What a free text (a description, an eligibility sentence) states, read through the shared
/// vocabulary one fact at a time, on first use: most services state their ages, cost or languages in
/// fields, and reading every fact of every description cost more than parsing the feed. A fact whose
/// reader has a `PhraseScreen` is read only when the text may hold one of its phrases; the text is
/// cut into words once, when a reader first needs the words. Every fact here is inferred from prose;
/// the caller marks it so.
package final class FreeTextFacts {
    private let text: String
    private lazy var tokens = VocabularyTokens(text)
    private lazy var screened = ScreenedText(text)

    /// `plainText`: plain text (`FeedPlainText`), not HTML.
    package init(_ plainText: String) {
        text = plainText
    }

    private(set) lazy var ages: StatedAges? = StatedAges.fromFreeText(tokens)
    package private(set) lazy var cost: StatedCost? =
        StatedCost.freeTextScreen.mayMatch(screened) ? StatedCost.fromFreeText(tokens) : nil
    package private(set) lazy var languages: StatedLanguages? =
        StatedLanguages.freeTextScreen.mayMatch(screened) ? StatedLanguages.fromFreeText(tokens) : nil
    /// Status and wait only: how to apply is read from intake fields, never from a description.
    package private(set) lazy var enrollment: StatedEnrollment? =
        StatedEnrollment.statusScreen.mayMatch(screened) ? StatedEnrollment.status(in: tokens) : nil
    /// Settings the text names; empty when it names none.
    package private(set) lazy var settings: [Setting] =
        StatedSetting.settingsScreen.mayMatch(screened) ? StatedSetting.settings(in: tokens) : []
    /// Weekly hours written out in a sentence that names "hours" (`DescribedHours`); nil when none reads whole.
    package private(set) lazy var hours: [OpeningHours]? =
        DescribedHours.screen.mayMatch(screened) ? DescribedHours.weeklyHours(in: text) : nil
    package private(set) lazy var transportation: Transportation? =
        StatedSetting.transportationScreen.mayMatch(screened) ? StatedSetting.transportation(in: tokens) : nil
}
