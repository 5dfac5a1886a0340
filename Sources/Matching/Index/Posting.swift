import Directory

/// The ranking facets of one candidate, read only for candidates that pass the filters.
/// Both this and its `FilterGate` are derived from the slot's `IndexedService` (and its sites),
/// never edited alone.
///
/// A service that families travel to has one posting per located site, filed under that site's
/// cell (see `CandidateList`), so a match can skip the cells far from the family's home. A service
/// that needs no travel, has no located site, or is closed has one posting.
struct Posting: Sendable {
    var slot: Int32
    /// The service's located sites (all of them, not only this posting's).
    var siteCount: Int32
    var settings: FacetMask<Setting>
    var windows: FacetMask<TimeWindow>
    var waitlistWeeks: Int16
    var enrollment: EnrollmentStatus?
    var intensity: Intensity?
    /// What the filters passed on stated facts, for the stated-facts factor (see `PreparedProfile`).
    var agesStated: Bool
    var languageStated: Bool
    var statedCoverage: FacetMask<Insurance>
    var providesRides: Bool
    var isVirtual: Bool
    var visitsHomes: Bool
    /// Virtual or home visits: the family's location does not limit access.
    var needsNoTravel: Bool
    /// Which of the service's sites this posting stands for (0 for a single posting).
    var siteIndex: UInt8
    /// Whether a bus line serves the site; nil when not stated.
    var siteOnTransit: Bool?
    /// The site's point is its ZIP code's centre.
    var siteIsPostalCodeCentre: Bool
    var radiusSquaredChord: Double
    var lastVerified: Double
    /// The site this posting stands for (the first site for a single posting); NaN when the
    /// service has no located site. Saves reading the site store for single-site services.
    var siteX: Double
    var siteY: Double
    var siteZ: Double

    init(slot: Int, _ service: IndexedService, site: SitePoint?, siteIndex: Int, siteCount: Int) {
        self.slot = Int32(slot)
        self.siteCount = Int32(clamping: siteCount)
        settings = service.settings
        windows = service.windows
        waitlistWeeks = Int16(clamping: service.waitlistWeeks)
        enrollment = service.enrollment
        intensity = service.intensity
        agesStated = service.agesStated
        languageStated = service.languageStated
        statedCoverage = service.usableBy
        providesRides = service.providesRides
        isVirtual = service.isVirtual
        visitsHomes = service.visitsHomes
        needsNoTravel = isVirtual || visitsHomes
        self.siteIndex = UInt8(clamping: siteIndex)
        siteOnTransit = site?.transitAccessible
        siteIsPostalCodeCentre = site?.isPostalCodeCentre ?? false
        radiusSquaredChord = service.radiusSquaredChord
        lastVerified = service.lastVerified
        siteX = site?.x ?? .nan
        siteY = site?.y ?? .nan
        siteZ = site?.z ?? .nan
    }

    /// The service counts once per barrier: its first posting stands for it where every posting
    /// would count it again (the gaps tally, matching without a home).
    var isPrimary: Bool { siteIndex == 0 }

    var site: SitePoint {
        SitePoint(x: siteX, y: siteY, z: siteZ, transitAccessible: siteOnTransit, isPostalCodeCentre: siteIsPostalCodeCentre)
    }

    /// Squared chord from `point` to this posting's site, as `SitePoint.squaredChord(to:)` computes it.
    @inline(__always)
    func squaredChord(from point: SitePoint) -> Double {
        let dx = point.x - siteX, dy = point.y - siteY, dz = point.z - siteZ
        return dx * dx + dy * dy + dz * dz
    }
}
