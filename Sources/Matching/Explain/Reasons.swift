import Directory

/// The reasons behind a suggestion, in the order a coordinator checks them: ages, language,
/// cost, getting there, room, fit, and how fresh the record is.
///
/// A reason never states a fact the service does not state: where a facet the family's profile
/// depends on is unknown, the reason says what to ask instead (`.costNotListed(ask: .medicaid)`).
///
/// Every suggestion of every match builds these, so a reason holds plain values; the few lists
/// (languages, settings, times) are built once per match or per process and shared.
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

    /// Only when the ages are not listed and the profile has an age: stated ages passed the filter.
    var ages: Reason? {
        guard let age = prepared.profile.age, !service.agesStated else { return nil }
        return .agesNotListed(age: age)
    }

    var language: Reason? {
        guard prepared.languages != nil else { return nil }
        var shared = 0
        for (position, language) in prepared.spokenLanguages.enumerated() where service.languages.contains(language.id) {
            shared |= 1 << position
        }
        if shared != 0 { return .speaks(prepared.spokenSubset(shared)) }
        if service.interpreterAvailable == true { return .interpreterAvailable }
        return service.languagesStated ? nil : .languagesNotListed(prepared.askLanguages)
    }

    var cost: Reason? {
        switch service.costKind {
        case .free:
            return .free
        case .slidingScale where prepared.coverage == nil || prepared.coverage == .uninsured:
            return .slidingScale
        case nil where prepared.coverage.map(service.usableBy.contains) != true:
            // The cost is not listed, and neither is the family's coverage.
            return .costNotListed(ask: prepared.coverage)
        default:
            guard let coverage = prepared.coverage else { return .feesApply }
            guard service.usableBy.contains(coverage) else {
                // Passed the filter only because the service lists no coverage.
                return .insuranceNotListed(cost: service.costKind == .slidingScale ? .slidingScale : .fee, ask: coverage)
            }
            return .accepts(coverage)
        }
    }

    var access: Reason? {
        switch placement.route {
        case .virtual:
            return .virtual
        case .homeVisit:
            return .homeVisit
        case .rides:
            return placement.distanceKm.map { away($0, .rides) } ?? .rides
        case .reachable(let transportation):
            guard let distance = placement.distanceKm else { return nil }
            switch transportation {
            case .none: return away(distance, .walkable)
            case .transit: return away(distance, placement.siteOnTransit == true ? .onBusLine : .walkable)
            case .car: return away(distance, .byCar)
            }
        case .busAccessUnknown:
            return placement.distanceKm.map { away($0, .busAccessNotListed) }
        case .outOfReach(let transportation):
            guard let distance = placement.distanceKm else { return nil }
            switch transportation {
            case .none: return away(distance, .tooFarToWalk)
            case .transit:
                switch placement.siteOnTransit {
                case true?: return away(distance, .longTransitTrip)
                case false?: return away(distance, .notOnBusLine)
                case nil: return away(distance, .busAccessNotListed)
                }
            case .car: return away(distance, .longDrive)
            }
        case .unknownHome:
            return nil
        case .unlocated:
            return .unlocated
        }
    }

    /// The distance, approximate when the site is placed at its ZIP code's centre.
    private func away(_ km: Double, _ reach: Reason.Reach) -> Reason {
        .distance(km: km, approximate: placement.siteIsPostalCodeCentre, reach: reach)
    }

    var enrollment: Reason? {
        switch service.enrollment {
        case .open:
            let places = Int(service.capacity)
            return .open(placesLeft: places > 0 ? places : nil)
        case .waitlist:
            return .waitlist(weeks: service.waitlistWeeksOrNil)
        case .closed:
            return nil
        case nil:
            return .enrollmentNotListed
        }
    }

    var intensity: Reason? {
        let tier = prepared.profile.tier
        guard let serviceTier = service.intensity?.tier else { return .intensityNotListed(tier: tier) }
        return .intensity(serviceTier: serviceTier, tier: tier)
    }

    var setting: Reason? {
        guard !prepared.settings.isEmpty else { return nil }
        if service.settings.isEmpty { return .settingNotListed }
        let preferred = service.settings.intersection(prepared.settings)
        guard !preferred.isEmpty else { return .notPreferredSetting }
        return .settings(FacetLists.settings[Int(preferred.bits)])
    }

    var schedule: Reason? {
        guard !prepared.times.isEmpty else { return nil }
        if service.windows.isEmpty { return .hoursNotListed }
        let fitting = service.windows.intersection(prepared.times)
        guard !fitting.isEmpty else { return .notOpenAtFamilyTimes }
        return .times(FacetLists.windows[Int(fitting.bits)])
    }

    var freshness: Reason? {
        guard !service.lastVerified.isNaN else { return .neverVerified }
        return .verified(daysAgo: Int(prepared.daysSince(service.lastVerified)))
    }
}

/// Every set of settings and of time windows as its list of members, by the set's bits, built
/// once per process: a reason shares one of these arrays instead of allocating its own.
enum FacetLists {
    static let settings: [[Setting]] = lists(Setting.self)
    static let windows: [[TimeWindow]] = lists(TimeWindow.self)

    private static func lists<Facet: MaskableFacet>(_ type: Facet.Type) -> [[Facet]] {
        (0..<(1 << Facet.allCases.count)).map { bits in
            Facet.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map(\.element)
        }
    }
}
