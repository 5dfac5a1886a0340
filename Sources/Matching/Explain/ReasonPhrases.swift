import Directory

/// The numbers of the phrases `Reasons` chooses from: every reason that does not carry a number
/// measured for one suggestion, numbered once per process into `catalog`.
///
/// Only plain numbers live here (a table is the number of its first phrase), so choosing a
/// phrase reads an integer: no array or string is retained and released per reason, which every
/// suggestion of every match would otherwise do, from every thread at once.
struct ReasonPhrases: Sendable {
    /// The phrases, by number.
    static let catalog: [String] = built.catalog
    static let shared: ReasonPhrases = built.numbers

    private static let built: (numbers: ReasonPhrases, catalog: [String]) = {
        var catalog = Catalog()
        let numbers = ReasonPhrases(&catalog)
        return (numbers, catalog.texts)
    }()

    /// "ages not listed — ask whether they serve age N" for N in `NeedsProfile.ages`.
    let agesNotListed: UInt16
    let interpreterAvailable: UInt16
    let free, slidingScale, feesApply: UInt16
    let servesUninsured, acceptsMedicaid, acceptsCHIP, acceptsPrivateInsurance: UInt16
    let costNotListed: UInt16
    /// By `Insurance.maskPosition`: what to ask when the cost, or the coverage of a fee or a
    /// sliding scale, is not listed.
    let costNotListedAsk, feesInsuranceNotListedAsk, slidingScaleInsuranceNotListedAsk: UInt16
    let virtual, homeVisit, rides, unlocated: UInt16
    let open: UInt16
    let enrollmentNotListed: UInt16
    /// "open now for enrollment, N place(s) left" for N in 1…`placesListed`.
    let openWithPlaces: UInt16
    static let placesListed = 100
    let waitlistWithoutLength, waitlistMovingNow: UInt16
    /// "waitlist about N weeks" for N in 0…`waitlistWeeksListed`.
    let waitlist: UInt16
    static let waitlistWeeksListed = 52
    /// By service tier, then the student's tier (both 1…3): 3 × 3 phrases.
    let intensity: UInt16
    /// "level of need not listed — ask whether it suits Tier N" for N in 1…3.
    let intensityNotListed: UInt16
    /// Every set of settings, by its bits, as a list of their wordings.
    let settings: UInt16
    let notPreferredSetting, settingNotListed: UInt16
    /// Every set of time windows, by its bits, as a list of their wordings.
    let windows: UInt16
    let hoursNotListed, notOpenAtFamilyTimes: UInt16
    let neverVerified, verifiedToday, verifiedYesterday, verifiedOverAYearAgo: UInt16
    /// "verified N days ago" for N in 0…59; "verified about N months ago" for N in 0…12.
    let verifiedDaysAgo, verifiedMonthsAgo: UInt16

    private init(_ phrases: inout Catalog) {
        agesNotListed = phrases.add(NeedsProfile.ages.map(Self.agesNotListed))
        interpreterAvailable = phrases.add("interpreter available")
        free = phrases.add("free")
        slidingScale = phrases.add("sliding-scale fees")
        feesApply = phrases.add("fees apply")
        servesUninsured = phrases.add("serves uninsured families")
        acceptsMedicaid = phrases.add("accepts Medicaid")
        acceptsCHIP = phrases.add("accepts CHIP")
        acceptsPrivateInsurance = phrases.add("accepts private insurance")
        costNotListed = phrases.add("cost not listed — ask about fees")
        costNotListedAsk = phrases.add(Insurance.allCases.map { "cost not listed — " + Self.ask($0) })
        feesInsuranceNotListedAsk = phrases.add(Insurance.allCases.map { "fees apply, insurance not listed — " + Self.ask($0) })
        slidingScaleInsuranceNotListedAsk = phrases.add(Insurance.allCases.map {
            "sliding-scale fees, insurance not listed — " + Self.ask($0)
        })
        virtual = phrases.add("virtual — no travel")
        homeVisit = phrases.add("home visits — no travel")
        rides = phrases.add("partner provides rides")
        unlocated = phrases.add("no site address listed")
        open = phrases.add("open now for enrollment")
        enrollmentNotListed = phrases.add("enrollment not listed — ask whether they have room")
        openWithPlaces = phrases.add((1...Self.placesListed).map(Self.openWithPlaces))
        waitlistWithoutLength = phrases.add("waitlist, length not given")
        waitlistMovingNow = phrases.add("waitlist, moving now")
        waitlist = phrases.add((0...Self.waitlistWeeksListed).map(Self.waitlist(weeks:)))
        intensity = phrases.add((1...3).flatMap { serviceTier in (1...3).map { Self.intensity(serviceTier: serviceTier, tier: $0) } })
        intensityNotListed = phrases.add((1...3).map(Self.intensityNotListed(tier:)))
        settings = phrases.add((0..<(1 << Setting.allCases.count)).map { bits in
            Wording.list(Setting.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map { Wording.setting($0.element) })
        })
        notPreferredSetting = phrases.add("not in a preferred setting")
        settingNotListed = phrases.add("setting not listed — ask where it is delivered")
        windows = phrases.add((0..<(1 << TimeWindow.allCases.count)).map { bits in
            Wording.list(TimeWindow.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map { Wording.window($0.element) })
        })
        hoursNotListed = phrases.add("hours not listed")
        notOpenAtFamilyTimes = phrases.add("not open at the family's times")
        neverVerified = phrases.add("never verified by the partner")
        verifiedToday = phrases.add("verified today")
        verifiedYesterday = phrases.add("verified yesterday")
        verifiedOverAYearAgo = phrases.add("verified over a year ago")
        verifiedDaysAgo = phrases.add((0..<60).map { "verified \($0) days ago" })
        verifiedMonthsAgo = phrases.add((0...12).map { "verified about \($0) months ago" })
    }

    static func openWithPlaces(_ places: Int) -> String {
        places == 1 ? "open now for enrollment, 1 place left" : "open now for enrollment, \(places) places left"
    }

    static func waitlist(weeks: Int) -> String { "waitlist about " + Wording.weeks(weeks) }

    static func agesNotListed(age: Int) -> String { "ages not listed — ask whether they serve age \(age)" }

    static func intensityNotListed(tier: Int) -> String { "level of need not listed — ask whether it suits Tier \(tier)" }

    /// The question that settles whether a family with this coverage can use the service.
    static func ask(_ coverage: Insurance) -> String {
        switch coverage {
        case .medicaid: "ask whether they take Medicaid"
        case .chip: "ask whether they take CHIP"
        case .private: "ask whether they take private insurance"
        case .uninsured: "ask whether they serve uninsured families"
        }
    }

    static func intensity(serviceTier: Int, tier: Int) -> String {
        if serviceTier == tier { return "fits Tier \(tier)" }
        return serviceTier > tier
            ? "Tier \(serviceTier) level, more intensive than Tier \(tier)"
            : "Tier \(serviceTier) level, lighter than Tier \(tier)"
    }

    /// Numbers texts in the order they are added; a table's phrases get consecutive numbers.
    private struct Catalog {
        var texts: [String] = []

        mutating func add(_ text: String) -> UInt16 { add([text]) }

        /// The number of the first of `table`.
        mutating func add(_ table: [String]) -> UInt16 {
            let first = UInt16(texts.count)
            texts += table
            return first
        }
    }
}
