import Directory
import Foundation

/// Readings of text that repeats across an AIRS file, each worked out once per read: a 211 export
/// writes the same "9:00am-5:00pm", "English, Spanish", fee wording and taxonomy codes on thousands of
/// services, and reading them again for each one cost more than parsing the XML.
/// A class, so the assembler's non-mutating helpers can fill it; one per read, never shared.
final class AIRSReadingMemo {
    /// What a list of taxonomy codes maps to.
    struct Facets {
        let domains: [Domain]
        let intensity: Intensity?
        let unmapped: [String]
    }

    /// Entries kept per kind, so a file of unique texts cannot grow a memo without limit.
    static let limit = 10_000

    private let mapping: TaxonomyMapping
    private var spanMemo: [String: [AIRSHoursText.TimeSpan]?] = [:]
    private var weekMemo: [String: [OpeningHours]?] = [:]
    private var languageMemo: [[String]: StatedLanguages?] = [:]
    private var costMemo: [[String]: AIRSCostReading] = [:]
    private var facetMemo: [[String]: Facets] = [:]
    private var enrollmentMemo: [[String]: StatedEnrollment?] = [:]
    private var transitMemo: [String: Bool?] = [:]
    private var proseMemo: [String: FreeTextFacts] = [:]
    private var plainTextMemo: [String: String] = [:]
    private var dateMemo: [String: Result<Date?, UnreadableText>] = [:]
    private var codeMemo: [String: [TaxonomyPart]] = [:]
    private var hoursMemo: [AIRSHoursDraft: (hours: [OpeningHours], unreadable: [String])] = [:]
    private var ageMemo: [AIRSAgeDraft: AIRSAgeDraft.Reading] = [:]

    init(mapping: TaxonomyMapping) {
        self.mapping = mapping
    }

    func spans(_ text: String) -> [AIRSHoursText.TimeSpan]? {
        Self.remember(text, in: &spanMemo, AIRSHoursText.spans)
    }

    func weeklyHours(_ text: String) -> [OpeningHours]? {
        Self.remember(text, in: &weekMemo, AIRSHoursText.weeklyHours)
    }

    /// A record's whole `<TimeOpen>`: most services of a feed share a handful of weekly schedules.
    func openingHours(_ draft: AIRSHoursDraft) -> (hours: [OpeningHours], unreadable: [String]) {
        Self.remember(draft, in: &hoursMemo) { $0.openingHours(spans: spans, weekly: weeklyHours) }
    }

    func ages(_ draft: AIRSAgeDraft) -> AIRSAgeDraft.Reading {
        Self.remember(draft, in: &ageMemo) { $0.reading() }
    }

    /// A record's `<Languages>` texts (names, lists, notes) through the shared `StatedLanguages`.
    func languages(_ texts: [String]) -> StatedLanguages? {
        Self.remember(texts, in: &languageMemo) { StatedLanguages.fromLanguageFields($0.map(FeedPlainText.plainText)) }
    }

    func cost(fees: [String], eligibility: [String]) -> AIRSCostReading {
        // The separator cannot occur in XML text, so the two lists never run together.
        Self.remember(fees + ["\u{0}"] + eligibility, in: &costMemo) { _ in AIRSCostReading(fees: fees, eligibility: eligibility) }
    }

    /// `<ApplicationProcess>` and the like: intake methods, and a status or wait when they state one.
    func enrollment(_ intakeTexts: [String]) -> StatedEnrollment? {
        Self.remember(intakeTexts, in: &enrollmentMemo) { texts in
            texts.isEmpty ? nil : StatedEnrollment.fromText(FeedPlainText.plainText(texts.joined(separator: "\n")))
        }
    }

    func transitStatement(_ text: String) -> Bool? {
        Self.remember(text, in: &transitMemo, StatedSetting.siteOnTransit)
    }

    /// What a name and description state in prose (plain text already), read as asked.
    func prose(_ plainText: String) -> FreeTextFacts {
        // Fewer kept: a service's name is usually its own, and each entry holds the text's words.
        Self.remember(plainText, in: &proseMemo, limit: 1_000, FreeTextFacts.init)
    }

    /// `FeedDateText.date`: a feed verifies records in batches, so a few dates repeat on thousands.
    func date(_ text: String) -> Result<Date?, UnreadableText> {
        Self.remember(text, in: &dateMemo) { text in Result { () throws(UnreadableText) in try FeedDateText.date(text) } }
    }

    /// `FeedPlainText.plainText`: iCarol exports repeat one description on an agency and its services.
    func plainText(_ text: String) -> String {
        Self.remember(text, in: &plainTextMemo, FeedPlainText.plainText)
    }

    /// One piece of a `<Taxonomy>` text: a code, upper-cased, or text that is not a code (as written).
    struct TaxonomyPart {
        let text: String
        let isCode: Bool
    }

    /// A `<Taxonomy>` text split where AIRS links codes ("BD-1800.2000 * YB-8000"), each piece trimmed
    /// and upper-cased, blank pieces dropped.
    func taxonomyParts(_ text: String) -> [TaxonomyPart] {
        Self.remember(text, in: &codeMemo) { text in
            text.split(whereSeparator: { "*;,".contains($0) || $0.isNewline }).compactMap { part in
                let code = part.trimmingCharacters(in: .whitespaces).uppercased()
                guard !code.isEmpty else { return nil }
                return FeedText.looksLikeTaxonomyCode(code) ? TaxonomyPart(text: code, isCode: true) : TaxonomyPart(text: String(part), isCode: false)
            }
        }
    }

    /// Domains, intensity and unmapped codes of service codes (target codes already removed).
    func facets(_ codes: [String]) -> Facets {
        let mapping = self.mapping
        return Self.remember(codes, in: &facetMemo) { codes in
            Facets(domains: mapping.domains(for: codes), intensity: mapping.intensity(for: codes), unmapped: mapping.unmapped(codes))
        }
    }

    private static func remember<Key: Hashable, Value>(
        _ key: Key, in table: inout [Key: Value], limit: Int = limit, _ compute: (Key) -> Value
    ) -> Value {
        if let known = table[key] { return known }
        let value = compute(key)
        if table.count < limit { table[key] = value }
        return value
    }
}
