import Directory
import Foundation

/// The facets of one service, flattened to bits and small integers so that 100,000 of them sit in
/// one contiguous array of a few megabytes. The source for `Posting`s and for explanations.
struct IndexedService: Sendable, Hashable {
    var ageMin: Int16
    var ageMax: Int16
    var languages: LanguageSet
    var interpreterAvailable: Bool
    /// Coverages whose families can use the service (see `usableCoverage(_:)`).
    var usableBy: FacetMask<Insurance>
    var costKind: CostKind
    var settings: FacetMask<Setting>
    /// Coordinator time windows the opening hours cover; empty when no hours are listed.
    var windows: FacetMask<TimeWindow>
    var domains: FacetMask<Domain>
    var intensity: Intensity
    var transportation: Transportation
    var enrollment: EnrollmentStatus
    /// Weeks on the waitlist, or -1 when the partner gave no estimate.
    var waitlistWeeks: Int32
    /// Open places, or -1 when unknown.
    var capacity: Int32
    /// Stated service radius, or NaN when none is stated.
    var radiusKm: Double
    /// `radiusKm` as a squared chord (see `SitePoint`), or NaN when none is stated.
    var radiusSquaredChord: Double
    /// `provenance.lastVerifiedAt` as seconds since the reference date, or NaN when never verified.
    var lastVerified: Double

    init(_ service: Service, languages: LanguageSet) {
        ageMin = Int16(clamping: service.ages.min)
        ageMax = Int16(clamping: service.ages.max)
        self.languages = languages
        interpreterAvailable = service.interpreterAvailable
        usableBy = FacetMask(Insurance.allCases.filter { Self.usableCoverage($0, cost: service.cost) })
        costKind = service.cost.kind
        settings = FacetMask(service.settings)
        windows = FacetMask(service.hours.timeWindows)
        domains = FacetMask(service.domains)
        intensity = service.intensity
        transportation = service.transportation
        enrollment = service.enrollment.status
        waitlistWeeks = Int32(clamping: service.enrollment.waitlistWeeks ?? -1)
        capacity = Int32(clamping: service.enrollment.capacity ?? -1)
        radiusKm = service.serviceArea.radiusKm ?? .nan
        radiusSquaredChord = service.serviceArea.radiusKm.map { SitePoint.squaredChord(kilometres: $0) } ?? .nan
        lastVerified = Self.verifiedSeconds(service)
    }

    /// Whether a family with this coverage can use a service with this cost. Uninsured families
    /// also fit sliding-scale services, which exist for families who cannot pay full fees.
    static func usableCoverage(_ coverage: Insurance, cost: Cost) -> Bool {
        cost.accepts(coverage) || (coverage == .uninsured && cost.kind == .slidingScale)
    }

    /// `provenance.lastVerifiedAt` in the index's terms: seconds since the reference date, NaN when never verified.
    static func verifiedSeconds(_ service: Service) -> Double {
        service.provenance.lastVerifiedAt?.timeIntervalSinceReferenceDate ?? .nan
    }

    mutating func apply(enrollment: Enrollment, hours: [OpeningHours]?, lastVerifiedAt: Date) {
        self.enrollment = enrollment.status
        waitlistWeeks = Int32(clamping: enrollment.waitlistWeeks ?? -1)
        capacity = Int32(clamping: enrollment.capacity ?? -1)
        if let hours { windows = FacetMask(hours.timeWindows) }
        lastVerified = lastVerifiedAt.timeIntervalSinceReferenceDate
    }

    var isVirtual: Bool { settings.contains(.virtual) }
    var visitsHomes: Bool { settings.contains(.homeVisit) }
    var providesRides: Bool { transportation == .provided }
    var waitlistWeeksOrNil: Int? { waitlistWeeks < 0 ? nil : Int(waitlistWeeks) }
}

/// What explanations need of a service but the hot loop never reads, kept apart so it does not
/// dilute the cache lines of `IndexedService`.
struct ServiceLabel: Sendable, Hashable {
    var id: String
    var name: String
    var organizationID: String
    var organizationName: String

    static let vacant = ServiceLabel(id: "", name: "", organizationID: "", organizationName: "")
}
