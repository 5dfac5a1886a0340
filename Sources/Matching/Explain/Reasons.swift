import Directory

/// The human-readable reasons behind a suggestion, in the order a coordinator checks them:
/// ages, language, cost, getting there, room, fit, and how fresh the record is.
///
/// A reason never states a fact the service does not state: where a facet the family's profile
/// depends on is unknown, the reason says what to ask instead ("cost not listed — ask whether
/// they take Medicaid").
///
/// Every suggestion of every match builds these, so phrases that do not depend on a number
/// measured for the suggestion are numbered phrases of `ReasonPhrases` (built once per
/// process), or strings built once per match for the family's languages.
struct Reasons {
    let prepared: PreparedProfile
    let service: IndexedService
    let placement: Placement

    init(_ prepared: PreparedProfile, service: IndexedService, placement: Placement) {
        self.prepared = prepared
        self.service = service
        self.placement = placement
    }

    var all: [Reason] {
        var reasons: [Reason] = []
        reasons.reserveCapacity(8)
        if let ages { reasons.append(ages) }
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

    /// Plain numbers, copied without retaining anything.
    private static var phrases: ReasonPhrases { ReasonPhrases.shared }

    /// Only when the ages are not listed and the profile has an age: stated ages passed the filter.
    var ages: Reason? {
        guard let age = prepared.profile.age, !service.agesStated else { return nil }
        return NeedsProfile.ages.contains(age)
            ? .phrase(Self.phrases.agesNotListed + UInt16(age - NeedsProfile.ages.lowerBound))
            : .text(ReasonPhrases.agesNotListed(age: age))
    }

    var language: Reason? {
        guard prepared.languages != nil else { return nil }
        var shared = 0
        for (position, language) in prepared.spokenLanguages.enumerated() where service.languages.contains(language.id) {
            shared |= 1 << position
        }
        if shared != 0 { return .text(prepared.speaksPhrase(shared)) }
        if service.interpreterAvailable == true { return .phrase(Self.phrases.interpreterAvailable) }
        return service.languagesStated ? nil : .text(prepared.askLanguagesReason())
    }

    /// "speaks Spanish", "speaks Somali and English".
    static func speaks(_ languages: [LanguageCode]) -> String {
        "speaks " + Wording.list(languages.map(\.displayName))
    }

    var cost: Reason? {
        switch service.costKind {
        case .free:
            return .phrase(Self.phrases.free)
        case .slidingScale where prepared.coverage == nil || prepared.coverage == .uninsured:
            return .phrase(Self.phrases.slidingScale)
        case nil where prepared.coverage.map(service.usableBy.contains) != true:
            // The cost is not listed, and neither is the family's coverage.
            guard let coverage = prepared.coverage else { return .phrase(Self.phrases.costNotListed) }
            return .phrase(Self.phrases.costNotListedAsk + UInt16(coverage.maskPosition))
        default:
            guard let coverage = prepared.coverage else { return .phrase(Self.phrases.feesApply) }
            guard service.usableBy.contains(coverage) else {
                // Passed the filter only because the service lists no coverage.
                let table = service.costKind == .slidingScale
                    ? Self.phrases.slidingScaleInsuranceNotListedAsk : Self.phrases.feesInsuranceNotListedAsk
                return .phrase(table + UInt16(coverage.maskPosition))
            }
            switch coverage {
            case .uninsured: return .phrase(Self.phrases.servesUninsured)
            case .medicaid: return .phrase(Self.phrases.acceptsMedicaid)
            case .chip: return .phrase(Self.phrases.acceptsCHIP)
            case .private: return .phrase(Self.phrases.acceptsPrivateInsurance)
            }
        }
    }

    var access: Reason? {
        switch placement.route {
        case .virtual:
            return .phrase(Self.phrases.virtual)
        case .homeVisit:
            return .phrase(Self.phrases.homeVisit)
        case .rides:
            return placement.distanceKm.map { away($0, ", partner provides rides") } ?? .phrase(Self.phrases.rides)
        case .reachable(let transportation):
            guard let distance = placement.distanceKm else { return nil }
            switch transportation {
            case .none: return away(distance, ", walkable")
            case .transit: return away(distance, placement.siteOnTransit == true ? ", on a bus line" : ", walkable")
            case .car: return away(distance, "")
            }
        case .busAccessUnknown:
            return placement.distanceKm.map { away($0, ", bus access not listed") }
        case .outOfReach(let transportation):
            guard let distance = placement.distanceKm else { return nil }
            switch transportation {
            case .none: return away(distance, ", too far to walk")
            case .transit:
                switch placement.siteOnTransit {
                case true?: return away(distance, ", a long transit trip")
                case false?: return away(distance, ", not on a bus line")
                case nil: return away(distance, ", bus access not listed")
                }
            case .car: return away(distance, ", a long drive")
            }
        case .unknownHome:
            return nil
        case .unlocated:
            return .phrase(Self.phrases.unlocated)
        }
    }

    /// "4.0 km away" followed by `suffix`, built in one string; "about 4.0 km away (ZIP centre)" when
    /// the site is placed at its ZIP code's centre, which is all the feed's address gave.
    private func away(_ km: Double, _ suffix: StaticString) -> Reason {
        let approximate = placement.siteIsPostalCodeCentre
        var text = approximate ? "about " : ""
        text.reserveCapacity(22 + suffix.utf8CodeUnitCount)
        text += Wording.kilometres(km)
        text += approximate ? " away (ZIP centre)" : " away"
        text += suffix.description
        return .text(text)
    }

    var enrollment: Reason? {
        switch service.enrollment {
        case .open:
            let places = Int(service.capacity)
            switch places {
            case ...0: return .phrase(Self.phrases.open)
            case ...ReasonPhrases.placesListed: return .phrase(Self.phrases.openWithPlaces + UInt16(places - 1))
            default: return .text(ReasonPhrases.openWithPlaces(places))
            }
        case .waitlist:
            guard let weeks = service.waitlistWeeksOrNil else { return .phrase(Self.phrases.waitlistWithoutLength) }
            if weeks == 0 { return .phrase(Self.phrases.waitlistMovingNow) }
            return weeks <= ReasonPhrases.waitlistWeeksListed
                ? .phrase(Self.phrases.waitlist + UInt16(weeks)) : .text(ReasonPhrases.waitlist(weeks: weeks))
        case .closed:
            return nil
        case nil:
            return .phrase(Self.phrases.enrollmentNotListed)
        }
    }

    var intensity: Reason? {
        let tier = prepared.profile.tier
        guard let serviceTier = service.intensity?.tier else {
            return (1...3).contains(tier)
                ? .phrase(Self.phrases.intensityNotListed + UInt16(tier - 1)) : .text(ReasonPhrases.intensityNotListed(tier: tier))
        }
        if (1...3).contains(tier) { return .phrase(Self.phrases.intensity + UInt16(3 * (serviceTier - 1) + tier - 1)) }
        return .text(ReasonPhrases.intensity(serviceTier: serviceTier, tier: tier))
    }

    var setting: Reason? {
        guard !prepared.settings.isEmpty else { return nil }
        if service.settings.isEmpty { return .phrase(Self.phrases.settingNotListed) }
        let preferred = service.settings.intersection(prepared.settings)
        guard !preferred.isEmpty else { return .phrase(Self.phrases.notPreferredSetting) }
        return .phrase(Self.phrases.settings + preferred.bits)
    }

    var schedule: Reason? {
        guard !prepared.times.isEmpty else { return nil }
        if service.windows.isEmpty { return .phrase(Self.phrases.hoursNotListed) }
        let fitting = service.windows.intersection(prepared.times)
        guard !fitting.isEmpty else { return .phrase(Self.phrases.notOpenAtFamilyTimes) }
        return .phrase(Self.phrases.windows + fitting.bits)
    }

    var freshness: Reason? {
        guard !service.lastVerified.isNaN else { return .phrase(Self.phrases.neverVerified) }
        let days = Int(prepared.daysSince(service.lastVerified))
        switch days {
        case 0: return .phrase(Self.phrases.verifiedToday)
        case 1: return .phrase(Self.phrases.verifiedYesterday)
        case ..<60: return .phrase(Self.phrases.verifiedDaysAgo + UInt16(days))
        case ..<365: return .phrase(Self.phrases.verifiedMonthsAgo + UInt16(days / 30))
        default: return .phrase(Self.phrases.verifiedOverAYearAgo)
        }
    }
}
