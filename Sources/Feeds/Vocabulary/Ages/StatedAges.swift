import Foundation

/// The ages a feed states for a service, in whole years. An end the text leaves open is nil
/// ("19 and over": min 19, no max; "under 21": no min, max 20). `fromGrades` says the ages were
/// derived from school grades by the US convention (grade g ≈ ages g+5 to g+6, K = 5–6, Pre-K = 3–4),
/// so "grades 6-8" reads as ages 11–14, never 6–8. Both ends nil is a statement too: ages without
/// a limit ("MaximumAge 999" alone).
struct StatedAges: Hashable, Sendable {
    var min: Int?
    var max: Int?
    var fromGrades: Bool

    init(min: Int?, max: Int?, fromGrades: Bool = false) {
        self.min = min
        self.max = max
        self.fromGrades = fromGrades
    }

    /// An upper age of 99 or more ("0-99", a `MaximumAge` of 999) is how feeds write "no upper
    /// limit": it reads as an open end.
    static let openMaximum = 99

    /// An element or column about ages: AIRS `<AgeRequirements>` text, HSDS 1.x `eligibility`
    /// ("adult", "teen"), a spreadsheet's "Ages" cell. Bare numbers count ("0-5", "18+", "12").
    /// nil when the text says nothing readable about ages.
    static func fromAgeField(_ text: String) -> StatedAges? {
        AgeTextReader(VocabularyTokens(text), requiresCue: false).read()
    }

    /// Free text (a description, an eligibility sentence): only phrases that plainly speak of age
    /// count ("youth ages 13 to 24", "children under 12", "Seniors 62 and over", "birth to 19"),
    /// never a lone number ("size 18 or over", "up to one year", "9 am to 1 pm"). The caller marks
    /// what this finds as inferred.
    static func fromFreeText(_ text: String) -> StatedAges? {
        fromFreeText(VocabularyTokens(text))
    }

    static func fromFreeText(_ tokens: VocabularyTokens) -> StatedAges? {
        AgeTextReader(tokens, requiresCue: true).read()
    }

    /// A pair of minimum/maximum fields (AIRS `<MinimumAge>`/`<MaximumAge>`, HSDS `minimum_age`/
    /// `maximum_age`, a sheet's min/max columns): "5", "5.0", "18 years", "6 months" (under a year
    /// is 0). nil when both are blank; throws when either is not an age or they are reversed.
    static func fromBounds(minimum: String, maximum: String) throws(UnreadableText) -> StatedAges? {
        let low = try boundYears(minimum)
        var high = try boundYears(maximum)
        guard low != nil || high != nil else { return nil }
        if let low, low > AgeWords.oldestAge { throw UnreadableText(text: minimum, reason: "is not an age in years") }
        if let value = high, value >= openMaximum { high = nil }
        if let low, let high, low > high {
            throw UnreadableText(text: "\(minimum)–\(maximum)", reason: "has a minimum age above the maximum")
        }
        return StatedAges(min: low, max: high)
    }

    /// The ages two statements cover together (several eligibility rows, a field and its notes).
    /// An open end stays open; the result comes from grades only when both did.
    func widened(with other: StatedAges) -> StatedAges {
        StatedAges(
            min: min.flatMap { mine in other.min.map { Swift.min(mine, $0) } },
            max: max.flatMap { mine in other.max.map { Swift.max(mine, $0) } },
            fromGrades: fromGrades && other.fromGrades)
    }

    private static func boundYears(_ text: String) throws(UnreadableText) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let tokens = VocabularyTokens(trimmed)
        guard let first = tokens.tokens.first, first.isNumber, let value = first.number else {
            throw UnreadableText(text: text, reason: "is not an age in years")
        }
        var index = 1
        // "18.0" from a spreadsheet's number column.
        if tokens.text(at: 1) == ".", tokens.number(at: 2) == 0 { index = 3 }
        let unit = tokens.text(at: index)
        let rest = index + (unit.isEmpty ? 0 : 1)
        guard rest >= tokens.count || (rest == tokens.count - 1 && tokens.text(at: rest) == "old") else {
            throw UnreadableText(text: text, reason: "is not an age in years")
        }
        let years: Int
        if unit.isEmpty || AgeWords.yearUnits.contains(unit) {
            years = value
        } else if AgeWords.monthUnits.contains(unit) {
            years = value / 12
        } else {
            throw UnreadableText(text: text, reason: "is not an age in years")
        }
        return years
    }
}
