import Directory
import Localization

/// Every word the service page, the family handout and the short text version show, in one place,
/// so that another language is one more value of this type (issue 22, item 5) and nothing else.
/// Facts the service does not state read `notListed`, never a default.
struct ServicePageWords: Sendable {
    let language: String
    let notListed: String
    let organization: String
    let address: String
    let mapLabel: String
    let phones: String
    let hours: String
    let howToApply: String
    let eligibility: String
    let ages: String
    let serviceArea: String
    /// "Ages not listed — ask": a phrase of its own, since in Spanish "no indicado" agrees with the noun.
    let agesNotListed: String
    let serviceAreaNotListed: String
    let languages: String
    let cost: String
    let availability: String
    let lastVerified: String
    let website: String
    let email: String
    let settings: String
    let transportation: String
    let detailsHeading: String
    let handoutLink: String
    let textHeading: String
    let textHelp: String
    let textLink: String
    let printHint: String
    let backToService: String
    let handoutTitle: String
    let handoutIntro: String
    let handoutFooter: String
    let withdrawn: String
    let referLink: String
    let weekdays: [Weekday: String]
    let intake: [IntakeMethod: String]
    let phoneKinds: [Phone.Kind: String]
    let settingNames: [Setting: String]
    let transportationNames: [Transportation: String]
    let postalCodes: @Sendable (String) -> String
    let withinKm: @Sendable (String) -> String
    let agesRange: @Sendable (AgeRange) -> String?

}

extension ServicePageWords {
    /// English, for callers outside a page request.
    static var english: ServicePageWords { ServicePageWords(Catalogs.shipped.words("en")) }

    /// The words of the request's language (`?lang=`, `Accept-Language`…), from the catalogs.
    static var current: ServicePageWords { ServicePageWords(PageLanguage.words) }

    init(_ w: Words) {
        self.init(
            language: w.language,
            notListed: w.t("facet.not_listed"),
            organization: w.t("service.organization"), address: w.t("service.address"), mapLabel: w.t("service.map"),
            phones: w.t("service.phones"), hours: w.t("service.hours"), howToApply: w.t("service.how_to_apply"),
            eligibility: w.t("service.eligibility"), ages: w.t("service.ages"), serviceArea: w.t("service.area"),
            agesNotListed: w.t("service.ages_not_listed"), serviceAreaNotListed: w.t("service.area_not_listed"),
            languages: w.t("service.languages"), cost: w.t("service.cost"), availability: w.t("service.availability"),
            lastVerified: w.t("service.last_verified"), website: w.t("service.website"), email: w.t("service.email"),
            settings: w.t("service.settings"), transportation: w.t("service.transportation"),
            detailsHeading: w.t("service.details"),
            handoutLink: w.t("service.handout_link"), textHeading: w.t("service.text_heading"),
            textHelp: w.t("service.text_help"), textLink: w.t("service.text_link"),
            printHint: w.t("service.print_hint"), backToService: w.t("service.back"),
            handoutTitle: w.t("service.handout_title"), handoutIntro: w.t("service.handout_intro"),
            handoutFooter: w.t("service.handout_footer"),
            withdrawn: w.t("service.withdrawn"),
            referLink: w.t("service.refer"),
            weekdays: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, w.t("weekday.short.\($0.rawValue)")) }),
            intake: Dictionary(uniqueKeysWithValues: IntakeMethod.allCases.map { ($0, w.t("intake.\($0.rawValue)")) }),
            phoneKinds: [.voice: "", .text: w.t("phone.text"), .fax: w.t("phone.fax"), .hotline: w.t("phone.hotline")],
            settingNames: Dictionary(uniqueKeysWithValues: Setting.allCases.map { ($0, w.t("setting.\($0.rawValue)")) }),
            transportationNames: Dictionary(uniqueKeysWithValues: Transportation.allCases.map { ($0, w.t("transportation.\($0.rawValue)")) }),
            postalCodes: { w.t("service.postal_codes", ["codes": $0]) },
            withinKm: { km in
                let display = PageLanguage.display
                return w.t("service.within", ["distance": display.distance(km: Double(km) ?? 0, words: w)])
            },
            agesRange: { ages in
                switch (ages.min, ages.max) {
                case let (min?, max?): w.t("ages.range_years", ["min": String(min), "max": String(max)])
                case let (min?, nil): w.t("ages.min_years", ["min": String(min)])
                case let (nil, max?): w.t("ages.max_years", ["max": String(max)])
                case (nil, nil): nil
                }
            })
    }
}
