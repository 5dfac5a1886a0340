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
