import Directory

/// The numbered phrases `Reasons` chooses from, built once per process: every reason that does
/// not carry a number measured for one suggestion. Each text is numbered once, so equal
/// phrases are equal numbers.
struct ReasonPhrases: Sendable {
    static let shared = ReasonPhrases()

    let catalog: [String]

    let interpreterAvailable: Reason
    let free, slidingScale, feesApply: Reason
    let servesUninsured, acceptsMedicaid, acceptsCHIP, acceptsPrivateInsurance: Reason
    let virtual, homeVisit, rides, unlocated: Reason
    /// "open now for enrollment", then with 1…`placesListed` places left.
    let open: Reason
    let openWithPlaces: [Reason]
    static let placesListed = 100
    let waitlistWithoutLength, waitlistMovingNow: Reason
    /// "waitlist about N weeks" for 0…52 weeks.
    let waitlist: [Reason]
    /// By service tier, then the student's tier (both 1…3).
    let intensity: [[Reason]]
    /// Every set of settings (by its bits), as a list of their wordings.
    let settings: [Reason]
    let notPreferredSetting: Reason
    /// Every set of time windows (by its bits), as a list of their wordings.
    let windows: [Reason]
    let hoursNotListed, notOpenAtFamilyTimes: Reason
    let neverVerified, verifiedToday, verifiedYesterday, verifiedOverAYearAgo: Reason
    /// "verified N days ago" for 0…59 days, "verified about N months ago" for 0…12 months.
    let verifiedDaysAgo, verifiedMonthsAgo: [Reason]

    private init() {
        var phrases = Catalog()
        interpreterAvailable = phrases.add("interpreter available")
        free = phrases.add("free")
        slidingScale = phrases.add("sliding-scale fees")
        feesApply = phrases.add("fees apply")
        servesUninsured = phrases.add("serves uninsured families")
        acceptsMedicaid = phrases.add("accepts Medicaid")
        acceptsCHIP = phrases.add("accepts CHIP")
        acceptsPrivateInsurance = phrases.add("accepts private insurance")
        virtual = phrases.add("virtual — no travel")
        homeVisit = phrases.add("home visits — no travel")
        rides = phrases.add("partner provides rides")
        unlocated = phrases.add("no site address listed")
        open = phrases.add("open now for enrollment")
        openWithPlaces = (1...Self.placesListed).map { phrases.add(Self.openWithPlaces($0)) }
        waitlistWithoutLength = phrases.add("waitlist, length not given")
        waitlistMovingNow = phrases.add("waitlist, moving now")
        waitlist = (0...52).map { phrases.add(Self.waitlist(weeks: $0)) }
        intensity = (1...3).map { serviceTier in
            (1...3).map { phrases.add(Self.intensity(serviceTier: serviceTier, tier: $0)) }
        }
        settings = (0..<(1 << Setting.allCases.count)).map { bits in
            phrases.add(Wording.list(Setting.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map { Wording.setting($0.element) }))
        }
        notPreferredSetting = phrases.add("not in a preferred setting")
        windows = (0..<(1 << TimeWindow.allCases.count)).map { bits in
            phrases.add(Wording.list(TimeWindow.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map { Wording.window($0.element) }))
        }
        hoursNotListed = phrases.add("hours not listed")
        notOpenAtFamilyTimes = phrases.add("not open at the family's times")
        neverVerified = phrases.add("never verified by the partner")
        verifiedToday = phrases.add("verified today")
        verifiedYesterday = phrases.add("verified yesterday")
        verifiedOverAYearAgo = phrases.add("verified over a year ago")
        verifiedDaysAgo = (0..<60).map { phrases.add("verified \($0) days ago") }
        verifiedMonthsAgo = (0...12).map { phrases.add("verified about \($0) months ago") }
        catalog = phrases.texts
    }

    static func openWithPlaces(_ places: Int) -> String {
        places == 1 ? "open now for enrollment, 1 place left" : "open now for enrollment, \(places) places left"
    }

    static func waitlist(weeks: Int) -> String { "waitlist about " + Wording.weeks(weeks) }

    static func intensity(serviceTier: Int, tier: Int) -> String {
        if serviceTier == tier { return "fits Tier \(tier)" }
        return serviceTier > tier
            ? "Tier \(serviceTier) level, more intensive than Tier \(tier)"
            : "Tier \(serviceTier) level, lighter than Tier \(tier)"
    }

    /// Numbers texts in the order they are first added.
    private struct Catalog {
        var texts: [String] = []
        var numbers: [String: UInt16] = [:]

        mutating func add(_ text: String) -> Reason {
            if let number = numbers[text] { return .phrase(number) }
            let number = UInt16(texts.count)
            texts.append(text)
            numbers[text] = number
            return .phrase(number)
        }
    }
}
