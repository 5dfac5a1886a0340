import Directory
import Matching
import Storage

/// The matcher's in-memory index, built from the store on first use and kept current by the
/// routes that change services. The store stays the source of truth: a refresh re-reads it.
public actor LiveMatchIndex {
    private let store: DirectoryStore
    private var index: MatchIndex?

    public init(store: DirectoryStore) {
        self.store = store
    }

    /// The current index (a value: readers keep matching on their copy while it is updated).
    public func current() async throws -> MatchIndex {
        if let index { return index }
        let built = MatchIndex(snapshot: try await store.snapshot(), barriers: try await store.barriers())
        index = built
        return built
    }

    /// Re-reads one service and its sites from the store and replaces it in the index.
    public func refresh(serviceID: String) async throws {
        guard index != nil else { return }
        guard let service = try await store.service(id: serviceID) else {
            _ = index?.remove(serviceID: serviceID)
            return
        }
        let sites = try await store.locations(ofServices: [serviceID])[serviceID] ?? []
        index?.upsert(service: service, sites: sites)
    }

    /// Drops the index so the next match rebuilds it (after an import).
    public func invalidate() {
        index = nil
    }
}
