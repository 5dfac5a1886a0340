import Directory
import Logging
import Matching
import Storage
import Synchronization

/// The matcher's in-memory index (with each service's organization name), built from the store
/// once (when the server starts, or on first use) and kept current from the store's change log.
/// The store stays the source of truth: every update re-reads it. This is the one way an index is
/// built from a store: the server keeps one for its life, `closeloop match` builds one and asks once.
public actor LiveMatchIndex {
    private let store: DirectoryStore
    /// The index every match reads, behind a lock rather than the actor: a match takes its copy
    /// without queueing on the actor (a hop there and back per request), and an update on the
    /// actor clears it while mutating so the index is changed in place, not copied.
    private nonisolated let published = Mutex<MatchIndex?>(nil)
    private var state: MatchIndex? {
        get { published.withLock { $0 } }
        set { published.withLock { $0 = newValue } }
    }
    /// The build under way, if any: concurrent first callers all await this one.
    private var building: Task<MatchIndex, any Error>?
    /// The last change of the store's log that the index reflects.
    private var appliedSequence: Int64 = 0
    /// Full builds completed (for tests: concurrent first requests build once).
    public private(set) var builds = 0

    public init(store: DirectoryStore) {
        self.store = store
    }

    /// The current index (a value: readers keep matching on their copy while it is updated); the
    /// first call (or `prepare`) builds it. While an update is being applied, callers wait on the
    /// actor for its result.
    public nonisolated func current() async throws -> MatchIndex {
        if let current = published.withLock({ $0 }) { return current }
        return try await installedOrBuilt()
    }

    private func installedOrBuilt() async throws -> MatchIndex {
        if let state { return state }
        return try await rebuild()
    }

    /// Starts the first build without waiting for it (the server calls this at start-up, so the
    /// first request does not pay for it). A failed build is logged; the next request retries.
    public func prepare(logger: Logger) {
        guard state == nil, building == nil else { return }
        Task {
            do {
                _ = try await self.current()
            } catch {
                logger.warning("match index build failed: \(String(describing: error))")
            }
        }
    }

    /// Re-reads the whole directory, or joins the build already under way. The sequence is read
    /// first, so a change committed during the read is applied again by the next catch-up rather
    /// than lost.
    @discardableResult
    private func rebuild() async throws -> MatchIndex {
        if let building { return try await building.value }
        let task = Task { try await self.buildAndInstall() }
        building = task
        return try await task.value
    }

    /// The build task's body: installs what it read before anyone awaiting the task resumes.
    private func buildAndInstall() async throws -> MatchIndex {
        defer { building = nil }
        let (built, sequence) = try await Self.load(store)
        state = built
        appliedSequence = sequence
        builds += 1
        return built
    }

    /// Reads and indexes the store, off the actor: requests keep matching on the old index meanwhile.
    /// Seconds of decoding and indexing for a large directory, so on the background executor rather
    /// than on an event loop that serves connections.
    private static func load(_ store: DirectoryStore) async throws -> (MatchIndex, sequence: Int64) {
        try await BackgroundExecutor.shared.run {
            let sequence = try await store.latestChangeSequence()
            let directory = try await store.snapshot()
            let barriers = try await store.barriers()
            return (Self.index(of: directory, barriers: barriers), sequence)
        }
    }

    /// The index of a directory: how every index is made, whether from the store (here, for the
    /// server and `closeloop match`) or from a synthetic directory in memory (the benchmark, which
    /// measures the index without a store).
    public static func index(of directory: DirectorySnapshot, barriers: [Barrier]) -> MatchIndex {
        MatchIndex(snapshot: directory, barriers: barriers)
    }

    /// Applies the changes committed since the index was last brought up to date, by this
    /// instance or any other on the same database.
    public func catchUp() async throws {
        if let building { _ = try await building.value }
        guard state != nil else { return }  // not built yet: the first build reads everything
        let changes = try await store.changes(after: appliedSequence)
        guard let newest = changes.last?.sequence else { return }
        if changes.contains(where: { $0.serviceID == nil }) {
            try await rebuild()
            return
        }
        try await refresh(serviceIDs: Set(changes.compactMap(\.serviceID)))
        appliedSequence = max(appliedSequence, newest)
    }

    /// Follows the store until cancelled: each signal (a NOTIFY, or a poll tick) triggers a catch-up.
    public func follow(_ signals: AsyncStream<Void>, logger: Logger) async {
        for await _ in signals {
            do {
                try await catchUp()
            } catch {
                // Stopping (graceful shutdown) cancels a catch-up under way: nothing went wrong.
                if Task.isCancelled { return }
                logger.warning("match index catch-up failed: \(String(describing: error))")
            }
        }
    }

    /// Re-reads these services, their sites and their organizations' names from the store and
    /// replaces them in the index (an import that renames an organization touches its services).
    private func refresh(serviceIDs: Set<String>) async throws {
        guard !serviceIDs.isEmpty else { return }
        let ids = serviceIDs.sorted()
        let services = try await store.services(ids: ids)
        let sites = try await store.locations(ofServices: ids)
        let names = try await store.organizationNames(services.map(\.organizationID))
        guard var updated = state else { return }
        state = nil  // the actor's only reference: the update below mutates in place unless a reader holds a copy
        for gone in serviceIDs.subtracting(services.map(\.id)) { updated.remove(serviceID: gone) }
        for service in services {
            updated.upsert(service: service, sites: sites[service.id] ?? [], organizationName: names[service.organizationID] ?? "")
        }
        state = updated
    }
}
