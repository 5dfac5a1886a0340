import Directory

/// How the family would get to a service: which site, how far, and whether its transportation
/// suffices. Nil from `place` means the home is outside the service area.
struct Placement {
    enum Route: Equatable {
        /// Delivered online.
        case virtual
        /// The partner comes to the family.
        case homeVisit
        /// The partner provides rides or fares.
        case rides
        /// The nearest site the family can reach with its own transportation.
        case reachable(FamilyTransportation)
        /// A transit family, and no site it can reach on what is stated, but one within transit
        /// distance whose bus access is not stated.
        case busAccessUnknown
        /// Within the service area but beyond the family's transportation.
        case outOfReach(FamilyTransportation)
        /// The family's home is unknown.
        case unknownHome
        /// No site of the service has coordinates.
        case unlocated
    }

    var route: Route
    /// Squared chord to the site the ranking used (see `SitePoint`); nil without home or sites.
    var squaredChord: Double?
    /// Whether a bus line serves the site the ranking used; nil when not stated.
    var siteOnTransit: Bool?
    /// Whether the site the ranking used is placed at its ZIP code's centre (the distance is approximate).
    var siteIsPostalCodeCentre = false
    /// Whether the service-area filter actually ran (it cannot without a home or a located site).
    var checkedServiceArea: Bool
    /// Which of the service's sites is nearest the home (0 without home or sites).
    var nearestSiteIndex = 0

    var distanceKm: Double? { squaredChord.map(SitePoint.kilometres(squaredChord:)) }

    /// The access factor, 0…1.
    func access(_ weights: MatchingWeights) -> Double {
        switch route {
        case .virtual, .homeVisit: 1
        case .unknownHome: weights.unknownHomeAccess
        case .unlocated: weights.unlocatedAccess
        case .rides, .reachable: distanceFit(weights)
        case .busAccessUnknown: weights.unknownTransitAccess * distanceFit(weights)
        case .outOfReach: weights.unreachableAccess * distanceFit(weights)
        }
    }

    private func distanceFit(_ weights: MatchingWeights) -> Double {
        MatchingWeights.decay(distanceKm ?? 0, half: weights.distanceHalfKm)
    }
}

extension PreparedProfile {
    /// Applies the service-area filter and picks the site the family would use: the nearest
    /// one it can reach with its transportation, else the nearest one.
    @inline(__always)
    func place(_ service: Posting, sites: SiteStore) -> Placement? {
        let slot = Int(service.slot)
        let siteCount = Int(service.siteCount)
        guard let home else {
            let route: Placement.Route =
                service.isVirtual ? .virtual : service.visitsHomes ? .homeVisit : .unknownHome
            return Placement(route: route, squaredChord: nil, siteOnTransit: nil, checkedServiceArea: false)
        }
        guard siteCount > 0 else {
            let route: Placement.Route =
                service.isVirtual ? .virtual : service.visitsHomes ? .homeVisit : .unlocated
            return Placement(
                route: route, squaredChord: nil, siteOnTransit: nil, checkedServiceArea: service.isVirtual)
        }
        var nearest = Double.infinity, nearestOnTransit: Bool? = nil, nearestIndex = 0, nearestAtZIPCentre = false
        var nearestReachable = Double.infinity, reachableOnTransit: Bool? = nil, reachableAtZIPCentre = false
        var nearestBusUnknown = Double.infinity, busUnknownAtZIPCentre = false
        for index in 0..<siteCount {
            // A single site travels in the posting: no read of the site store.
            let site = siteCount == 1 ? service.site : sites.site(index, of: slot)
            let chord = home.squaredChord(to: site)
            if chord < nearest || (chord == nearest && site.transitAccessible == true && nearestOnTransit != true) {
                nearest = chord
                nearestOnTransit = site.transitAccessible
                nearestIndex = index
                nearestAtZIPCentre = site.isPostalCodeCentre
            }
            if chord < nearestReachable, canReach(chord, onTransit: site.transitAccessible) {
                nearestReachable = chord
                reachableOnTransit = site.transitAccessible
                reachableAtZIPCentre = site.isPostalCodeCentre
            }
            if chord < nearestBusUnknown, mayReachByBus(chord, onTransit: site.transitAccessible) {
                nearestBusUnknown = chord
                busUnknownAtZIPCentre = site.isPostalCodeCentre
            }
        }
        if service.isVirtual {
            return Placement(
                route: .virtual, squaredChord: nearest, siteOnTransit: nearestOnTransit,
                siteIsPostalCodeCentre: nearestAtZIPCentre, checkedServiceArea: true, nearestSiteIndex: nearestIndex)
        }
        let radius = service.radiusSquaredChord.isNaN ? defaultRadiusSquaredChord : service.radiusSquaredChord
        guard nearest <= radius else { return nil }
        if service.visitsHomes {
            return Placement(
                route: .homeVisit, squaredChord: nearest, siteOnTransit: nearestOnTransit,
                siteIsPostalCodeCentre: nearestAtZIPCentre, checkedServiceArea: true, nearestSiteIndex: nearestIndex)
        }
        if service.providesRides {
            return Placement(
                route: .rides, squaredChord: nearest, siteOnTransit: nearestOnTransit,
                siteIsPostalCodeCentre: nearestAtZIPCentre, checkedServiceArea: true, nearestSiteIndex: nearestIndex)
        }
        if nearestReachable.isFinite {
            return Placement(
                route: .reachable(profile.transportation), squaredChord: nearestReachable,
                siteOnTransit: reachableOnTransit, siteIsPostalCodeCentre: reachableAtZIPCentre, checkedServiceArea: true,
                nearestSiteIndex: nearestIndex)
        }
        if nearestBusUnknown.isFinite {
            return Placement(
                route: .busAccessUnknown, squaredChord: nearestBusUnknown, siteOnTransit: nil,
                siteIsPostalCodeCentre: busUnknownAtZIPCentre, checkedServiceArea: true, nearestSiteIndex: nearestIndex)
        }
        return Placement(
            route: .outOfReach(profile.transportation), squaredChord: nearest, siteOnTransit: nearestOnTransit,
            siteIsPostalCodeCentre: nearestAtZIPCentre, checkedServiceArea: true, nearestSiteIndex: nearestIndex)
    }

    /// Whether the family gets to a site this far with its own transportation: walking
    /// distance for everyone, farther by transit only to a site stated to be on a transit line.
    @inline(__always)
    private func canReach(_ chord: Double, onTransit: Bool?) -> Bool {
        switch profile.transportation {
        case .none: chord <= walkSquaredChord
        case .transit: chord <= walkSquaredChord || (onTransit == true && chord <= transitSquaredChord)
        case .car: chord <= travelSquaredChord
        }
    }

    /// A transit family could get to a site this far if a bus served it, which the feed does not say.
    @inline(__always)
    private func mayReachByBus(_ chord: Double, onTransit: Bool?) -> Bool {
        profile.transportation == .transit && onTransit == nil && chord <= transitSquaredChord
    }
}
