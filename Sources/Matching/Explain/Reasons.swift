import Directory

/// The human-readable reasons behind a suggestion, in the order a coordinator checks them:
/// language, cost, getting there, room, fit, and how fresh the record is.
///
/// Every suggestion of every match builds these, so phrases that do not depend on a number
/// measured for the suggestion come from tables (built once per process, or once per match for
/// the family's languages) instead of being assembled anew.
struct Reasons {
    let prepared: PreparedProfile
    let service: IndexedService
    let placement: Placement

    init(_ prepared: PreparedProfile, service: IndexedService, placement: Placement) {
        self.prepared = prepared
        self.service = service
        self.placement = placement
    }

    var all: [String] {
        var reasons: [String] = []
        reasons.reserveCapacity(8)
        if let language { reasons.append(language) }
        if let cost { reasons.append(cost) }
        if let access { reasons.append(access) }
        if let enrollment { reasons.append(enrollment) }
        if let intensity { reasons.append(intensity) }
        if let setting { reasons.append(setting) }
        if let schedule { reasons.append(schedule) }
        if let freshness { reasons.append(freshness) }
        return reasons
    }

    private var profile: NeedsProfile { prepared.profile }

    var language: String? {
        guard prepared.languages != nil else { return nil }
        var shared = 0
        for (position, language) in prepared.spokenLanguages.enumerated() where service.languages.contains(language.id) {
            shared |= 1 << position
        }
        if shared != 0 {
            if shared < prepared.speaksPhrases.count { return prepared.speaksPhrases[shared] }
            return Self.speaks(prepared.spokenLanguages.indices.filter { shared & (1 << $0) != 0 }.map { prepared.spokenLanguages[$0].code })
        }
        return service.interpreterAvailable ? "interpreter available" : nil
    }

    /// "speaks Spanish", "speaks Somali and English".
    static func speaks(_ languages: [LanguageCode]) -> String {
        "speaks " + Wording.list(languages.map(\.englishName))
    }

    var cost: String? {
        switch service.costKind {
        case .free:
            return "free"
        case .slidingScale where profile.insurance == nil || profile.insurance == .uninsured:
            return "sliding-scale fees"
        default:
            guard let coverage = profile.insurance else { return "fees apply" }
            switch coverage {
            case .uninsured: return "serves uninsured families"
            case .medicaid: return "accepts Medicaid"
            case .chip: return "accepts CHIP"
            case .private: return "accepts private insurance"
            }
        }
    }

    var access: String? {
        switch placement.route {
        case .virtual:
            return "virtual — no travel"
        case .homeVisit:
            return "home visits — no travel"
        case .rides:
            return placement.distanceKm.map { Self.away($0, ", partner provides rides") } ?? "partner provides rides"
        case .reachable(let transportation):
            guard let distance = placement.distanceKm else { return nil }
            switch transportation {
            case .none: return Self.away(distance, ", walkable")
            case .transit: return Self.away(distance, placement.siteOnTransit ? ", on a bus line" : ", walkable")
            case .car: return Self.away(distance, "")
            }
        case .outOfReach(let transportation):
            guard let distance = placement.distanceKm else { return nil }
            switch transportation {
            case .none: return Self.away(distance, ", too far to walk")
            case .transit: return Self.away(distance, placement.siteOnTransit ? ", a long transit trip" : ", not on a bus line")
            case .car: return Self.away(distance, ", a long drive")
            }
        case .unknownHome:
            return nil
        case .unlocated:
            return "no site address listed"
        }
    }

    /// "4.0 km away" followed by `suffix`, built in one string.
    private static func away(_ km: Double, _ suffix: StaticString) -> String {
        var text = Wording.kilometres(km)
        text.reserveCapacity(text.utf8.count + 5 + suffix.utf8CodeUnitCount)
        text += " away"
        text += suffix.description
        return text
    }

    var enrollment: String? {
        switch service.enrollment {
        case .open:
            switch service.capacity {
            case 1: return "open now for enrollment, 1 place left"
            case 2...: return "open now for enrollment, \(service.capacity) places left"
            default: return "open now for enrollment"
            }
        case .waitlist:
            guard let weeks = service.waitlistWeeksOrNil else { return "waitlist, length not given" }
            if weeks == 0 { return "waitlist, moving now" }
            return weeks < Self.waitlistPhrases.count ? Self.waitlistPhrases[weeks] : "waitlist about " + Wording.weeks(weeks)
        case .closed:
            return nil
        }
    }

    private static let waitlistPhrases = (0...52).map { "waitlist about " + Wording.weeks($0) }

    var intensity: String? {
        let serviceTier = service.intensity.tier, tier = profile.tier
        if (1...3).contains(tier) { return Self.intensityPhrases[serviceTier - 1][tier - 1] }
        return Self.intensityPhrase(serviceTier: serviceTier, tier: tier)
    }

    /// By service tier, then the student's tier (both 1…3).
    private static let intensityPhrases = (1...3).map { serviceTier in (1...3).map { intensityPhrase(serviceTier: serviceTier, tier: $0) } }

    private static func intensityPhrase(serviceTier: Int, tier: Int) -> String {
        if serviceTier == tier { return "fits Tier \(tier)" }
        return serviceTier > tier
            ? "Tier \(serviceTier) level, more intensive than Tier \(tier)"
            : "Tier \(serviceTier) level, lighter than Tier \(tier)"
    }

    var setting: String? {
        guard !prepared.settings.isEmpty else { return nil }
        let preferred = service.settings.intersection(prepared.settings)
        guard !preferred.isEmpty else { return "not in a preferred setting" }
        return Self.settingPhrases[Int(preferred.bits)]
    }

    /// Every set of settings (by its bits), as a list of their wordings.
    private static let settingPhrases = (0..<(1 << Setting.allCases.count)).map { bits in
        Wording.list(Setting.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map { Wording.setting($0.element) })
    }

    var schedule: String? {
        guard !prepared.times.isEmpty else { return nil }
        if service.windows.isEmpty { return "hours not listed" }
        let fitting = service.windows.intersection(prepared.times)
        guard !fitting.isEmpty else { return "not open at the family's times" }
        return Self.schedulePhrases[Int(fitting.bits)]
    }

    /// Every set of time windows (by its bits), as a list of their wordings.
    private static let schedulePhrases = (0..<(1 << TimeWindow.allCases.count)).map { bits in
        Wording.list(TimeWindow.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map { Wording.window($0.element) })
    }

    var freshness: String? {
        guard !service.lastVerified.isNaN else { return "never verified by the partner" }
        let days = Int(prepared.daysSince(service.lastVerified))
        switch days {
        case 0: return "verified today"
        case 1: return "verified yesterday"
        case ..<60: return Self.daysPhrases[days]
        case ..<365: return Self.monthsPhrases[days / 30]
        default: return "verified over a year ago"
        }
    }

    private static let daysPhrases = (0..<60).map { "verified \($0) days ago" }
    private static let monthsPhrases = (0...12).map { "verified about \($0) months ago" }
}
