import Directory

/// One reason behind a suggestion, as a fact with its values ("speaks Spanish" is
/// `.speaks([es])`, "4.0 km away, too far to walk" is `.distance(km: 4, …, reach: .tooFarToWalk)`).
///
/// Matching decides which facts to state and never words them: the pages render reasons in the
/// reader's language and the district's distance unit, the API writes them as `code` + `values`
/// next to their English text. A reason never states a fact the service does not state: where a
/// facet the family's profile depends on is unknown, the reason is what to ask instead.
public enum Reason: Sendable, Hashable {
    /// The service lists no ages: ask whether it serves the student's.
    case agesNotListed(age: Int)
    /// The family's languages the service speaks, in the profile's order.
    case speaks([LanguageCode])
    case interpreterAvailable
    /// The service lists no languages: ask whether it speaks one of the family's (profile order).
    case languagesNotListed([LanguageCode])
    case free
    case slidingScale
    /// The service charges fees and the family stated no coverage.
    case feesApply
    /// The service lists the family's coverage (`uninsured`: it serves uninsured families).
    case accepts(Insurance)
    /// The cost is not listed: ask about fees, or whether the family's coverage is taken.
    case costNotListed(ask: Insurance?)
    /// The service charges (`.fee` or `.slidingScale`) and lists no coverage: ask about the family's.
    case insuranceNotListed(cost: CostKind, ask: Insurance)
    /// To the site used for the ranking. `approximate`: the site is placed at its ZIP code's
    /// centre, which is all its address gave.
    case distance(km: Double, approximate: Bool, reach: Reach)
    case virtual
    case homeVisit
    /// The partner provides rides; no distance is known.
    case rides
    /// The service lists no site address.
    case unlocated
    /// Open for enrollment; the places left when the partner gave them (1 or more).
    case open(placesLeft: Int?)
    case enrollmentNotListed
    /// On a waitlist of about `weeks` (0: moving now; nil: length not given).
    case waitlist(weeks: Int?)
    /// The service's tier against the student's ("fits Tier 2" when equal).
    case intensity(serviceTier: Int, tier: Int)
    case intensityNotListed(tier: Int)
    /// The family's preferred settings the service offers, in vocabulary order.
    case settings([Setting])
    case notPreferredSetting
    case settingNotListed
    /// The family's free times the service's hours cover, in vocabulary order.
    case times([TimeWindow])
    case hoursNotListed
    case notOpenAtFamilyTimes
    /// Whole days since the partner last verified the record (0: today).
    case verified(daysAgo: Int)
    case neverVerified

    /// How the family gets to a site at `distance`, given its transportation.
    public enum Reach: String, Sendable, Hashable, CaseIterable {
        /// By car, within a drive: the distance says it all.
        case byCar = "by_car"
        case walkable
        case onBusLine = "on_bus_line"
        case rides
        case busAccessNotListed = "bus_access_not_listed"
        case tooFarToWalk = "too_far_to_walk"
        case longTransitTrip = "long_transit_trip"
        case notOnBusLine = "not_on_bus_line"
        case longDrive = "long_drive"
    }
}
