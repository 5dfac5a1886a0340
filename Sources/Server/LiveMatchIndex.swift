import Directory
import Logging
import Matching
import Storage

/// The matcher's in-memory index, built from the store on first use and kept current from the
/// store's change log. The store stays the source of truth: every update re-reads it.
public actor LiveMatchIndex {
    private let store: DirectoryStore
    private var index: MatchIndex?
    /// The last change of the store's log that the index reflects.
    private var appliedSequence: Int64 = 0

    public init(store: DirectoryStore) {
        self.store = store
    }

    /// The current index (a value: readers keep matching on their copy while it is updated).
    public func current() async throws -> MatchIndex {
        if let index { return index }
        return try await rebuild()
    }

    /// Re-reads the whole directory. The sequence is read first, so a change committed during the
    /// read is applied again by the next catch-up rather than lost.
    @discardableResult
    private func rebuild() async throws -> MatchIndex {
        let sequence = try await store.latestChangeSequence()
        let built = MatchIndex(snapshot: try await store.snapshot(), barriers: try await store.barriers())
        index = built
        appliedSequence = sequence
        return built
    }

    /// Applies the changes committed since the index was last brought up to date, by this
    /// instance or any other on the same database.
    public func catchUp() async throws {
        guard index != nil else { return }  // not built yet: the first build reads everything
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
                logger.warning("match index catch-up failed: \(String(describing: error))")
            }
        }
    }

    /// Re-reads these services and their sites from the store and replaces them in the index.
    private func refresh(serviceIDs: Set<String>) async throws {
        guard !serviceIDs.isEmpty else { return }
        let ids = serviceIDs.sorted()
        let services = try await store.services(ids: ids)
        let sites = try await store.locations(ofServices: ids)
        for gone in serviceIDs.subtracting(services.map(\.id)) { index?.remove(serviceID: gone) }
        for service in services { index?.upsert(service: service, sites: sites[service.id] ?? []) }
    }
}
