import Directory

/// One barrier's candidates, in one `Band` per intensity and enrollment status (each stated or
/// not), each split into groups by where the services are. The split lets a match take the groups
/// most likely to hold the best suggestions first (the tier's own intensity, open enrollment, near
/// the family's home) and skip whole groups whose best possible score cannot reach the top k it has
/// already found; closed groups are never ranked at all.
///
/// A service that families travel to has one posting per located site, in the group of the cell
/// the site lies in: distance weighs heavily in the score, so most cells are far enough from the
/// home to be skipped. Services that need no travel (virtual, home visits), have no located site,
/// or are closed have one posting, in their band's group without a cell.
struct CandidateList: Sendable {
    /// In `bandIndex(_:)` order.
    private(set) var bands: [Band]
    /// Services listed (each once, however many postings it has).
    private(set) var count = 0

    /// The groups of one intensity and enrollment status.
    struct Band: Sendable {
        let intensity: Intensity?
        let enrollment: EnrollmentStatus?
        private(set) var groups: [CandidateGroup] = []
        /// Per group, in the same order, what its bound needs: computing the bounds of every
        /// group at each match then reads one small array.
        private(set) var reaches: [Reach] = []
        private var groupPositions: [CandidateGroup.Cell?: Int] = [:]
        /// The union of the groups' summaries: the best each factor can be in the band.
        private(set) var summary = CandidateGroup.Summary()
        /// Postings in the band.
        private(set) var count = 0

        init(intensity: Intensity?, enrollment: EnrollmentStatus?) {
            self.intensity = intensity
            self.enrollment = enrollment
        }

        mutating func insert(_ entries: [(gate: FilterGate, posting: Posting)], cell: CandidateGroup.Cell?) {
            let position: Int
            if let existing = groupPositions[cell] {
                position = existing
            } else {
                position = groups.count
                groups.append(CandidateGroup(intensity: intensity, enrollment: enrollment, cell: cell))
                reaches.append(Reach(groups[position]))
                groupPositions[cell] = position
            }
            groups[position].insert(entries)
            reaches[position] = Reach(groups[position])
            for entry in entries { summary.include(entry.posting) }
            count += entries.count
        }

        /// Drops the service's postings from these cells' groups; returns whether there were any.
        mutating func remove(slot: Int, cells: Set<CandidateGroup.Cell?>) -> Bool {
            var removed = false
            for cell in cells {
                guard let position = groupPositions[cell] else { continue }
                let before = groups[position].count
                if groups[position].remove(slot: slot) {
                    removed = true
                    count -= before - groups[position].count
                    reaches[position] = Reach(groups[position])
                }
            }
            if removed {
                summary = CandidateGroup.Summary()
                for group in groups { summary.include(group.summary) }
            }
            return removed
        }
    }

    /// A group's place and extent, for its bound.
    struct Reach: Sendable {
        /// The group without a cell (see `CandidateList`).
        var placeless: Bool
        var someNeedNoTravel: Bool
        var count: Int32
        /// The box around the postings' sites, in unit-sphere coordinates (see `CandidateGroup.Summary`).
        var minX: Double, maxX: Double, minY: Double, maxY: Double, minZ: Double, maxZ: Double

        init(_ group: CandidateGroup) {
            placeless = group.cell == nil
            someNeedNoTravel = group.summary.someNeedNoTravel
            count = Int32(clamping: group.count)
            let summary = group.summary
            (minX, maxX, minY, maxY, minZ, maxZ) = (summary.minX, summary.maxX, summary.minY, summary.maxY, summary.minZ, summary.maxZ)
        }

        /// The squared chord from `point` to the nearest point of the box: no member's site is
        /// nearer. Computed with the operations of `SitePoint.squaredChord(to:)` on values no
        /// farther apart, so it is not above any member's squared chord as that computes it.
        @inline(__always)
        func squaredChordLowerBound(from point: SitePoint) -> Double {
            let dx = max(0, minX - point.x, point.x - maxX)
            let dy = max(0, minY - point.y, point.y - maxY)
            let dz = max(0, minZ - point.z, point.z - maxZ)
            return dx * dx + dy * dy + dz * dz
        }
    }

    init() {
        bands = Intensity.positioned.flatMap { intensity in
            EnrollmentStatus.positioned.map { Band(intensity: intensity, enrollment: $0) }
        }
    }

    /// Lists the service at `slot` (not listed yet) with its located sites.
    mutating func insert(slot: Int, _ service: IndexedService, sites: [SitePoint]) {
        let band = Self.bandIndex(service)
        for (cell, entries) in Self.postings(slot: slot, service, sites: sites) {
            bands[band].insert(entries, cell: cell)
        }
        count += 1
    }

    /// Unlists the service at `slot`, given what it was listed with; returns whether it was listed.
    @discardableResult
    mutating func remove(slot: Int, _ service: IndexedService, sites: [SitePoint]) -> Bool {
        let cells = Set(Self.postings(slot: slot, service, sites: sites).map(\.cell))
        guard bands[Self.bandIndex(service)].remove(slot: slot, cells: cells) else { return false }
        count -= 1
        return true
    }

    /// The service's postings by cell: one per located site for a service families travel to,
    /// otherwise one without a cell (carrying the first site, if any, for placement).
    static func postings(
        slot: Int, _ service: IndexedService, sites: [SitePoint]
    ) -> [(cell: CandidateGroup.Cell?, entries: [(gate: FilterGate, posting: Posting)])] {
        let gate = FilterGate(service)
        if service.isVirtual || service.visitsHomes || sites.isEmpty || service.enrollment == .closed {
            return [(nil, [(gate, Posting(slot: slot, service, site: sites.first, siteIndex: 0, siteCount: sites.count))])]
        }
        var byCell: [(cell: CandidateGroup.Cell?, entries: [(gate: FilterGate, posting: Posting)])] = []
        for (index, site) in sites.enumerated() {
            let cell = CandidateGroup.Cell(site)
            let entry = (gate: gate, posting: Posting(slot: slot, service, site: site, siteIndex: index, siteCount: sites.count))
            if let existing = byCell.firstIndex(where: { $0.cell == cell }) {
                byCell[existing].entries.append(entry)
            } else {
                byCell.append((cell, [entry]))
            }
        }
        return byCell
    }

    private static func bandIndex(_ service: IndexedService) -> Int {
        service.intensity.position * EnrollmentStatus.positioned.count + service.enrollment.position
    }
}

extension EnrollmentStatus {
    /// Position in `allCases`, for band lookups.
    var position: Int {
        switch self {
        case .open: 0
        case .waitlist: 1
        case .closed: 2
        }
    }

    /// Every status, then "not stated", in `Optional.position` order.
    static let positioned: [EnrollmentStatus?] = allCases + [nil]
}

extension Optional where Wrapped == EnrollmentStatus {
    /// The status's position, or the one after every status when it is not stated.
    var position: Int { self?.position ?? EnrollmentStatus.positioned.count - 1 }
}
