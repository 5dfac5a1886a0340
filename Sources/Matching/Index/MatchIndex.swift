import Directory

/// The directory as the matcher reads it: per barrier, the active services that may serve it,
/// each with its facets as bits and its located sites as points.
///
/// Services live in slots of parallel arrays (facets, labels, sites) rather than in per-service
/// objects, so 100,000 services take tens of megabytes; each barrier keeps compact copies of its
/// candidates' hot facets (`CandidateList`) so a match reads memory in order. Built once from a
/// snapshot, then kept current with `upsert`, `remove` and `updateAvailability` without a rebuild.
///
/// A value type: a server can hand the current index to concurrent matches and mutate its own
/// copy; copy-on-write then duplicates only the arrays an update touches.
public struct MatchIndex: Sendable {
    /// The barrier vocabulary, in the order it was given.
    public let barriers: [Barrier]
    let barrierPositions: [String: Int]
    /// Per barrier position, its candidate services.
    var candidates: [CandidateList]

    var facets: [IndexedService] = []
    var labels: [ServiceLabel] = []
    var sites = SiteStore()
    var slotByID: [String: Int32] = [:]
    /// Slots of removed services, reused before the arrays grow.
    var freeSlots: [Int32] = []
    var languageTable = LanguageTable()

    public init(barriers: [Barrier]) {
        self.barriers = barriers
        barrierPositions = Dictionary(barriers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        candidates = Array(repeating: CandidateList(), count: barriers.count)
    }

    public init(snapshot: DirectorySnapshot, barriers: [Barrier]) {
        self.init(barriers: barriers)
        let sitesByService = snapshot.locatedSitesByService()
        let organizationNames = Dictionary(snapshot.organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { _, last in last })
        facets.reserveCapacity(snapshot.services.count)
        labels.reserveCapacity(snapshot.services.count)
        // In the candidate groups' order (freshest first, then the order given, which becomes slot
        // order), so every insert is an append.
        let verified = snapshot.services.map(IndexedService.verifiedSeconds)
        let freshestFirst = verified.indices.sorted { CandidateGroup.fresher(verified[$0], verified[$1]) ?? ($0 < $1) }
        for position in freshestFirst {
            let service = snapshot.services[position]
            upsert(service: service, sites: sitesByService[service.id] ?? [], organizationName: organizationNames[service.organizationID] ?? "")
        }
    }

    /// Number of services in the index (active ones only).
    public var serviceCount: Int { slotByID.count }

    public func contains(serviceID: String) -> Bool { slotByID[serviceID] != nil }

    public func barrier(_ code: String) -> Barrier? { barrierPositions[code].map { barriers[$0] } }

    /// How many services may serve a barrier before any filter.
    public func candidateCount(for barrier: String) -> Int {
        barrierPositions[barrier].map { candidates[$0].count } ?? 0
    }
}

extension DirectorySnapshot {
    /// The active, located locations of each service, in the snapshot's link order.
    public func locatedSitesByService() -> [String: [Location]] {
        let locationsByID = Dictionary(locations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var sites: [String: [Location]] = [:]
        for link in servicesAtLocation {
            guard let location = locationsByID[link.locationID] else { continue }
            sites[link.serviceID, default: []].append(location)
        }
        return sites
    }
}
