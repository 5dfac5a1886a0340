import Directory

/// The hard-filter facets of one candidate in 16 bytes, laid out so that a profile decides all
/// four location-free filters with ANDs against precomputed masks (see `PreparedProfile`).
/// Kept apart from `Posting` so rejecting a candidate reads one small record and nothing else.
///
/// A facet the service does not state passes its filter: ages not stated are the widest range,
/// no language listed sets `anyLanguageBit`, coverage not stated counts as usable, and an
/// enrollment not stated as not closed.
struct FilterGate: Sendable {
    /// `LanguageSummary` bits, plus `everyoneBit` (always set) and `anyLanguageBit`.
    var languages: UInt64
    var ageMin: Int16
    var ageMax: Int16
    /// Coverages whose families may use the service, stated or not stated (`FacetMask<Insurance>`
    /// bits), plus `everyoneCoverageBit` (always set) and `openBit`.
    var access: UInt16

    /// Set for every service, so a family that states no language masks with it and passes.
    static let everyoneBit: UInt64 = 1 << 61
    /// Set when every family language passes: an interpreter is available, or no language is listed.
    static let anyLanguageBit: UInt64 = 1 << 62
    /// Set for every service, so a family that states no coverage masks with it and passes.
    static let everyoneCoverageBit: UInt16 = 1 << 14
    static let openBitPosition: UInt16 = 15
    static let openBit: UInt16 = 1 << openBitPosition

    init(_ service: IndexedService) {
        languages = service.languages.summary.bits | Self.everyoneBit
            | (service.passesAnyLanguage ? Self.anyLanguageBit : 0)
        ageMin = service.ageMin
        ageMax = service.ageMax
        access = service.usableBy.union(service.coverageUnknown).bits | Self.everyoneCoverageBit
            | (service.enrollment != .closed ? Self.openBit : 0)
    }

    var passesAnyLanguage: Bool { languages & Self.anyLanguageBit != 0 }
    var isOpen: Bool { access & Self.openBit != 0 }
}
