import Directory

/// The ranking facets of one candidate, read only for candidates that pass the filters.
/// Both this and its `FilterGate` are derived from the slot's `IndexedService`, never edited alone.
struct Posting: Sendable {
    var slot: Int32
    var settings: FacetMask<Setting>
    var windows: FacetMask<TimeWindow>
    var waitlistWeeks: Int16
    var enrollment: EnrollmentStatus
    var intensity: Intensity
    var providesRides: Bool
    var isVirtual: Bool
    var visitsHomes: Bool
    /// Virtual or home visits: the family's location does not limit access.
    var needsNoTravel: Bool
    var radiusSquaredChord: Double
    var lastVerified: Double

    init(slot: Int, _ service: IndexedService) {
        self.slot = Int32(slot)
        settings = service.settings
        windows = service.windows
        waitlistWeeks = Int16(clamping: service.waitlistWeeks)
        enrollment = service.enrollment
        intensity = service.intensity
        providesRides = service.providesRides
        isVirtual = service.isVirtual
        visitsHomes = service.visitsHomes
        needsNoTravel = isVirtual || visitsHomes
        radiusSquaredChord = service.radiusSquaredChord
        lastVerified = service.lastVerified
    }
}
