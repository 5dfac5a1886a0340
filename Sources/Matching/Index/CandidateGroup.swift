import Directory
import Foundation

/// The candidates of one barrier that share an intensity, an enrollment status and a cell (see
/// `CandidateList`), as two parallel arrays: the filter gates every match scans, and the postings
/// read only for candidates that pass. Ordered freshest first (latest verification first, never
/// verified last, then by slot), so a scan can stop at the first candidate whose freshness already
/// keeps it below the top k: everything after it is staler. A service with several sites in the
/// cell has several postings, next to each other.
///
/// The group also keeps a summary of its postings — the best value each ranking factor can take
/// in it, and the box around their sites — from which a profile computes an upper bound on any
/// member's score (`PreparedProfile`), so the matcher can skip a group that cannot beat its top k.
struct CandidateGroup: Sendable {
    /// Nil for services that do not state it.
    let intensity: Intensity?
    let enrollment: EnrollmentStatus?
    /// Nil for the postings that have no place to be reached at (see `CandidateList`).
    let cell: Cell?
    private(set) var gates: [FilterGate] = []
    private(set) var postings: [Posting] = []
    private(set) var summary = Summary()

    /// A cell of a latitude-longitude grid about `sizeKm` on a side (in longitude at the cell's
    /// latitude), over which a barrier's postings of services families travel to are split.
    struct Cell: Hashable, Sendable {
        var row: Int32
        var column: Int32

        static let sizeKm = 15.0
        private static let rowDegrees = sizeKm / (SitePoint.earthRadiusKm * .pi / 180)

        init(_ site: SitePoint) {
            let latitude = asin(max(-1, min(1, site.z))) * 180 / .pi
            let longitude = atan2(site.y, site.x) * 180 / .pi
            row = Int32((latitude / Self.rowDegrees).rounded(.down))
            // Columns as wide in kilometres as rows are tall, at the row's middle latitude.
            let middle = (Double(row) + 0.5) * Self.rowDegrees * .pi / 180
            let columnDegrees = Self.rowDegrees / max(0.01, cos(middle))
            column = Int32((longitude / columnDegrees).rounded(.down))
        }
    }

    /// The best each ranking factor can be among the group's postings. After a removal it is
    /// recomputed, so it stays exact rather than merely an upper bound.
    struct Summary: Sendable {
        /// Union of the members' settings and of their (listed) time windows.
        var settings = FacetMask<Setting>()
        var windows = FacetMask<TimeWindow>()
        /// Some member states no setting.
        var someSettingsUnstated = false
        /// Some member states its ages, languages (or an interpreter), and which coverage it
        /// serves: the most the stated-facts factor can count.
        var someAgesStated = false
        var someLanguageStated = false
        var statedCoverage = FacetMask<Insurance>()
        /// Some member lists no hours (its schedule fit is `unknownHoursFit`).
        var someHoursUnlisted = false
        /// Some member is virtual or visits homes, so its access does not depend on the home.
        var someNeedNoTravel = false
        /// Shortest stated waitlist, in weeks (`Int16.max` when none is stated).
        var shortestWaitlistWeeks = Int16.max
        /// Some member is on a waitlist without an estimate.
        var someWaitlistUnestimated = false
        /// Latest verification (seconds since the reference date); -infinity when none was verified.
        var latestVerified = -Double.infinity
        /// The box (in unit-sphere coordinates) around the members' sites; empty (min > max) when
        /// no member has one.
        var minX = Double.infinity, maxX = -Double.infinity
        var minY = Double.infinity, maxY = -Double.infinity
        var minZ = Double.infinity, maxZ = -Double.infinity

        mutating func include(_ posting: Posting) {
            settings = settings.union(posting.settings)
            windows = windows.union(posting.windows)
            someSettingsUnstated = someSettingsUnstated || posting.settings.isEmpty
            someAgesStated = someAgesStated || posting.agesStated
            someLanguageStated = someLanguageStated || posting.languageStated
            statedCoverage = statedCoverage.union(posting.statedCoverage)
            someHoursUnlisted = someHoursUnlisted || posting.windows.isEmpty
            someNeedNoTravel = someNeedNoTravel || posting.needsNoTravel
            if posting.waitlistWeeks < 0 {
                someWaitlistUnestimated = true
            } else {
                shortestWaitlistWeeks = min(shortestWaitlistWeeks, posting.waitlistWeeks)
            }
            if !posting.lastVerified.isNaN { latestVerified = max(latestVerified, posting.lastVerified) }
            if !posting.siteX.isNaN {
                minX = min(minX, posting.siteX)
                maxX = max(maxX, posting.siteX)
                minY = min(minY, posting.siteY)
                maxY = max(maxY, posting.siteY)
                minZ = min(minZ, posting.siteZ)
                maxZ = max(maxZ, posting.siteZ)
            }
        }

        mutating func include(_ other: Summary) {
            settings = settings.union(other.settings)
            windows = windows.union(other.windows)
            someSettingsUnstated = someSettingsUnstated || other.someSettingsUnstated
            someAgesStated = someAgesStated || other.someAgesStated
            someLanguageStated = someLanguageStated || other.someLanguageStated
            statedCoverage = statedCoverage.union(other.statedCoverage)
            someHoursUnlisted = someHoursUnlisted || other.someHoursUnlisted
            someNeedNoTravel = someNeedNoTravel || other.someNeedNoTravel
            shortestWaitlistWeeks = min(shortestWaitlistWeeks, other.shortestWaitlistWeeks)
            someWaitlistUnestimated = someWaitlistUnestimated || other.someWaitlistUnestimated
            latestVerified = max(latestVerified, other.latestVerified)
            minX = min(minX, other.minX)
            maxX = max(maxX, other.maxX)
            minY = min(minY, other.minY)
            maxY = max(maxY, other.maxY)
            minZ = min(minZ, other.minZ)
            maxZ = max(maxZ, other.maxZ)
        }

    }

    init(intensity: Intensity?, enrollment: EnrollmentStatus?, cell: Cell?) {
        self.intensity = intensity
        self.enrollment = enrollment
        self.cell = cell
    }

    var count: Int { postings.count }

    /// Adds one service's postings (all of one slot, not listed here yet).
    mutating func insert(_ entries: [(gate: FilterGate, posting: Posting)]) {
        guard let first = entries.first?.posting else { return }
        for entry in entries { summary.include(entry.posting) }
        // Bulk builds add services freshest first (`MatchIndex.init(snapshot:)`); keep that path O(1).
        if postings.last.map({ Self.precedes($0, first) }) ?? true {
            gates.append(contentsOf: entries.map(\.gate))
            postings.append(contentsOf: entries.map(\.posting))
            return
        }
        let index = insertionPoint(of: first)
        gates.insert(contentsOf: entries.map(\.gate), at: index)
        postings.insert(contentsOf: entries.map(\.posting), at: index)
    }

    /// Drops every posting of the service at `slot`; returns whether it was listed here.
    @discardableResult
    mutating func remove(slot: Int) -> Bool {
        // By slot, not by order: the caller's facets may no longer be the ones it was filed with.
        guard let start = postings.firstIndex(where: { $0.slot == Int32(slot) }) else { return false }
        var end = start
        while end < postings.count, postings[end].slot == Int32(slot) { end += 1 }
        gates.removeSubrange(start..<end)
        postings.removeSubrange(start..<end)
        summary = Summary()
        for posting in postings { summary.include(posting) }
        return true
    }

    /// The group's order: later verification first, never verified last, then smaller slot.
    static func precedes(_ a: Posting, _ b: Posting) -> Bool {
        fresher(a.lastVerified, b.lastVerified) ?? (a.slot < b.slot)
    }

    /// The verification part of the order (seconds, NaN for never): whether `a` goes first, nil on a tie.
    static func fresher(_ a: Double, _ b: Double) -> Bool? {
        if a.isNaN != b.isNaN { return !a.isNaN }
        return a.isNaN || a == b ? nil : a > b
    }

    /// Where a service whose first posting is `posting` goes: after every posting that precedes it.
    private func insertionPoint(of posting: Posting) -> Int {
        var low = 0, high = postings.count
        while low < high {
            let mid = (low + high) / 2
            if Self.precedes(postings[mid], posting) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
