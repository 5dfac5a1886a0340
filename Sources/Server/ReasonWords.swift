import Directory
import Localization
import Matching

/// A match reason in words: the catalogs' `reason.*` keys in the reader's language, distances in
/// the district's unit. Matching states the facts (`Reason`); this is the one place they are worded,
/// for the pages (`PageLanguage`), the API's English `reasons` and `closeloop match`.
public struct ReasonWords: Sendable {
    let words: Words
    let display: DistrictDisplay

    public init(words: Words, display: DistrictDisplay = DistrictDisplay()) {
        self.words = words
        self.display = display
    }

    /// English and kilometres: the API's `reasons` text (as before reasons were typed) and the CLI.
    public static let english = ReasonWords(words: Catalogs.shipped.words("en"))

    public func text(_ reason: Reason) -> String {
        switch reason {
        case .agesNotListed(let age): words.t("reason.ages_not_listed", ["age": String(age)])
        case .speaks(let languages): words.t("reason.speaks", ["languages": list(languages.map(language), "and")])
        case .interpreterAvailable: words.t("reason.interpreter_available")
        case .languagesNotListed(let languages):
            words.t("reason.languages_not_listed", ["languages": list(languages.map(language), "or")])
        case .free: words.t("reason.free")
        case .slidingScale: words.t("reason.sliding_scale")
        case .feesApply: words.t("reason.fees_apply")
        case .accepts(let insurance): words.t("reason.accepts.\(insurance.rawValue)")
        case .costNotListed(nil): words.t("reason.cost_not_listed")
        case .costNotListed(let ask?): words.t("reason.cost_not_listed_ask", ["ask": self.ask(ask)])
        case .insuranceNotListed(let cost, let ask):
            words.t(cost == .slidingScale ? "reason.insurance_not_listed.sliding_scale" : "reason.insurance_not_listed.fee",
                    ["ask": self.ask(ask)])
        case .distance(let km, let approximate, let reach):
            words.t("reason.reach.\(reach.rawValue)", [
                "away": words.t(approximate ? "reason.away_approximate" : "reason.away", ["distance": display.distance(km: km, words: words)]),
            ])
        case .virtual: words.t("reason.virtual")
        case .homeVisit: words.t("reason.home_visit")
        case .rides: words.t("reason.rides")
        case .unlocated: words.t("reason.unlocated")
        case .open(nil): words.t("reason.open")
        case .open(let places?): words.count("count.reason.open_places", places)
        case .enrollmentNotListed: words.t("reason.enrollment_not_listed")
        case .waitlist(nil): words.t("reason.waitlist_without_length")
        case .waitlist(0?): words.t("reason.waitlist_moving_now")
        case .waitlist(let weeks?): words.count("count.reason.waitlist", weeks)
        case .intensity(let serviceTier, let tier):
            words.t(serviceTier == tier ? "reason.intensity.fits" : serviceTier > tier ? "reason.intensity.more" : "reason.intensity.lighter",
                    ["service_tier": String(serviceTier), "tier": String(tier)])
        case .intensityNotListed(let tier): words.t("reason.intensity_not_listed", ["tier": String(tier)])
        case .settings(let settings): list(settings.map { words.t("reason.setting.\($0.rawValue)") }, "and")
        case .notPreferredSetting: words.t("reason.not_preferred_setting")
        case .settingNotListed: words.t("reason.setting_not_listed")
        case .times(let times): list(times.map { words.t("reason.time.\($0.rawValue)") }, "and")
        case .hoursNotListed: words.t("reason.hours_not_listed")
        case .notOpenAtFamilyTimes: words.t("reason.not_open_at_family_times")
        case .verified(let days):
            switch days {
            case ...0: words.t("reason.verified_today")
            case 1: words.t("reason.verified_yesterday")
            case ..<60: words.count("count.reason.verified_days", days)
            case ..<365: words.count("count.reason.verified_months", days / 30)
            default: words.t("reason.verified_over_a_year")
            }
        case .neverVerified: words.t("reason.never_verified")
        }
    }

    /// Why a barrier has no suggestion ("no Spanish-speaking provider for anxiety within 25 km"),
    /// worded from the gap's facts (`reason.gap.*`); `need` is the barrier's label in these words.
    /// A gap without facts (read back from JSON) keeps its English `reason`.
    public func text(_ gap: Gap, need: String) -> String {
        switch gap.explanation {
        case nil: return gap.reason
        case .unknownBarrier?: return words.t("reason.gap.unknown_barrier", ["barrier": gap.barrier])
        case .noneInDirectory?: return words.t("reason.gap.in_the_directory", ["need": Self.midSentence(need)])
        case .filtered(let filters)?:
            let need = Self.midSentence(need)
            var sentence = filters.languages.isEmpty
                ? words.t("reason.gap.no_provider", ["need": need])
                : words.t("reason.gap.no_provider_speaking", ["languages": speaking(filters.languages), "need": need])
            var predicates: [String] = []
            if let age = filters.age { predicates.append(words.t("reason.gap.age", ["age": String(age)])) }
            if let coverage = filters.coverage { predicates.append(words.t("reason.gap.accepts.\(coverage.rawValue)")) }
            if filters.openForEnrollment { predicates.append(words.t("reason.gap.open")) }
            switch filters.area {
            case .within(let km)?: predicates.append(words.t("reason.gap.predicate.within", ["distance": display.distance(km: km, words: words)]))
            case .reachingHome?: predicates.append(words.t("reason.gap.predicate.reaching_home"))
            case nil: break
            }
            if predicates.count == 1, let area = filters.area {
                let place = switch area {
                case .within(let km): words.t("reason.gap.area.within", ["distance": display.distance(km: km, words: words)])
                case .reachingHome: words.t("reason.gap.area.reaching_home")
                }
                sentence = words.t("reason.gap.where", ["gap": sentence, "area": place])
            } else if !predicates.isEmpty {
                sentence = words.t("reason.gap.that", ["gap": sentence, "predicates": list(predicates, "and")])
            }
            if filters.noInterpreter { sentence = words.t("reason.gap.no_interpreter", ["gap": sentence]) }
            return sentence
        }
    }

    /// "Vietnamese-speaking", "Vietnamese- or Somali-speaking" (Spanish: "vietnamita o somalí").
    private func speaking(_ languages: [LanguageCode]) -> String {
        let names = languages.map(language)
        guard let last = names.last else { return "" }
        return list(names.dropLast().map { words.t("reason.gap.language.first", ["language": $0]) }
                    + [words.t("reason.gap.language.last", ["language": last])], "or")
    }

    /// A distance in the district's unit and these words' decimal mark ("2.5 mi", "4,0 km").
    public func distance(km: Double) -> String { display.distance(km: km, words: words) }

    /// A barrier's label in these words (`barrier.<id>`), else `label` (the vocabulary's).
    public func barrierLabel(_ id: String, _ label: String) -> String {
        let key = "barrier.\(id)"
        let text = words.t(key)
        return text == key ? label : text
    }

    /// A barrier's label as it reads mid-sentence ("Ansiedad" → "ansiedad"), acronyms ("ADHD") kept.
    static func midSentence(_ label: String) -> String {
        guard let first = label.first, label.dropFirst().first?.isUppercase != true else { return label }
        return first.lowercased() + label.dropFirst()
    }

    /// The question that settles whether a family with this coverage can use the service.
    private func ask(_ coverage: Insurance) -> String { words.t("reason.ask.\(coverage.rawValue)") }

    /// The language's name in these words ("Spanish", "español"), the English name when the catalog has none.
    private func language(_ code: LanguageCode) -> String {
        let key = "language.name.\(code.rawValue)"
        let name = words.t(key)
        return name == key ? code.displayName : name
    }

    /// "a", "a and b", "a, b and c" (`reason.list.and` / `reason.list.or` join the last item).
    private func list(_ items: [String], _ conjunction: String) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return words.t("reason.list.\(conjunction)", ["items": items.dropLast().joined(separator: ", "), "last": last])
    }
}
