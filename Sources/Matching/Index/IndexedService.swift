import Directory
import Foundation

/// The facets of one service, flattened to bits and small integers so that 100,000 of them sit in
/// one contiguous array of a few megabytes. The source for `Posting`s and for explanations.
struct IndexedService: Sendable, Hashable {
    /// Ages served; an end the service does not state is the widest value (`Int16.min`,
    /// `Int16.max`), so the age filter lets it pass.
    var ageMin: Int16
    var ageMax: Int16
    /// Either end of the ages is stated.
    var agesStated: Bool
    var languages: LanguageSet
    /// The service lists the languages it speaks; one that lists none passes the language filter.
    var languagesStated: Bool
    var interpreterAvailable: Bool?
    /// Coverages whose families the service states it serves (`Cost.accepts` is true).
    var usableBy: FacetMask<Insurance>
    /// Coverages the service says nothing about (`Cost.accepts` is nil): they pass the cost filter.
    var coverageUnknown: FacetMask<Insurance>
    var costKind: CostKind?
    /// Empty when not stated.
    var settings: FacetMask<Setting>
    /// Coordinator time windows the opening hours cover; empty when no hours are listed.
    var windows: FacetMask<TimeWindow>
    var domains: FacetMask<Domain>
    var intensity: Intensity?
    var transportation: Transportation?
    var enrollment: EnrollmentStatus?
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
        ageMin = service.ages.min.map { Int16(clamping: $0) } ?? .min
        ageMax = service.ages.max.map { Int16(clamping: $0) } ?? .max
        agesStated = service.ages.isStated
        self.languages = languages
        languagesStated = !service.languages.isEmpty
        interpreterAvailable = service.interpreterAvailable
        usableBy = FacetMask(Insurance.allCases.filter { service.cost.accepts($0) == true })
        coverageUnknown = FacetMask(Insurance.allCases.filter { service.cost.accepts($0) == nil })
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
    /// Every family language passes: an interpreter is available, or the service lists no language.
    var passesAnyLanguage: Bool { interpreterAvailable == true || !languagesStated }
    /// The language filter passes on what the service states (a language or an interpreter), not
    /// because it lists no language.
    var languageStated: Bool { languagesStated || interpreterAvailable == true }
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
