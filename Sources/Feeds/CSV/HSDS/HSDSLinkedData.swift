import Directory

/// The small HSDS tables, loaded before the core tables are streamed and keyed by the feed id of the
/// record they describe, so each organization, location and service is built in one pass.
struct HSDSLinkedData {
    var organizationPhones: [String: [Phone]] = [:]
    var servicePhones: [String: [Phone]] = [:]
    /// Best address per location: physical before postal.
    var addresses: [String: RankedAddress] = [:]
    var hours: [String: [OpeningHours]] = [:]
    var languages: [String: StatedLanguages] = [:]
    /// From eligibility rows; merged with the service's own age columns.
    var ages: [String: StatedAges] = [:]
    var costs: [String: StatedCost] = [:]
    var postalCodes: [String: [String]] = [:]
    /// Taxonomy term id → the code services carry (see `HSDSImport.termCode`).
    var termCodes: [String: String] = [:]
    /// Service id → taxonomy term ids, in feed order.
    var serviceTermIDs: [String: [String]] = [:]

    /// Every id used as a key above, once: tables keyed by the same service share one copy of its id.
    private var ids: Set<String> = []

    struct RankedAddress: Hashable {
        var address: Address
        /// Lower is better: 0 physical, 1 unspecified, 2 postal.
        var rank: Int
    }

    mutating func offer(_ address: Address, rank: Int, forLocation id: String) {
        if let current = addresses[id], current.rank <= rank { return }
        addresses[id] = RankedAddress(address: address, rank: rank)
    }

    mutating func addAges(_ stated: StatedAges, forService id: String) {
        ages[id] = ages[id]?.widened(with: stated) ?? stated
    }

    mutating func addLanguages(_ stated: StatedLanguages, forService id: String) {
        languages[id] = languages[id]?.merged(with: stated) ?? stated
    }

    mutating func addCost(_ stated: StatedCost?, forService id: String) {
        guard let stated else { return }
        costs[id] = costs[id]?.merged(with: stated) ?? stated
    }

    /// Makes equal values of one table share one copy, and its keys share the copy of each id other
    /// tables use. Called once a table is loaded: a feed repeats the same weekly hours, language lists
    /// and cost wording on thousands of services, and names each service in several tables, so a
    /// loaded table shrinks to little more than its keys. Values stay values: appending to a shared
    /// array later copies it first.
    mutating func shareEqualValues<Value: Hashable>(in table: WritableKeyPath<HSDSLinkedData, [String: Value]>) {
        let loaded = self[keyPath: table]
        guard !loaded.isEmpty else { return }
        self[keyPath: table] = [:]
        var values: Set<Value> = []
        var shared: [String: Value] = [:]
        shared.reserveCapacity(loaded.count)
        for (key, value) in loaded {
            shared[ids.insert(key).memberAfterInsert] = values.insert(value).memberAfterInsert
        }
        self[keyPath: table] = shared
    }

    /// Takes a table another thread loaded, as copies made by this thread, with equal values shared
    /// as `shareEqualValues` shares them. glibc gives each thread a heap of its own and nothing reuses
    /// a finished thread's free space, so a table left where it was loaded pins that heap's pages for
    /// the rest of the import (about 25 MB on the 100,000-service feed); copied, the other heap empties
    /// and its memory can go back.
    mutating func adoptCopies<Element: Hashable>(
        of loaded: [String: [Element]], into table: WritableKeyPath<HSDSLinkedData, [String: [Element]]>
    ) {
        var copies: [[Element]: [Element]] = [:]
        var adopted: [String: [Element]] = [:]
        adopted.reserveCapacity(loaded.count)
        for (key, value) in loaded {
            let copy: [Element]
            if let made = copies[value] {
                copy = made
            } else {
                copy = value.map { $0 }
                copies[value] = copy
            }
            adopted[ownCopy(of: key)] = copy
        }
        self[keyPath: table] = adopted
    }

    /// The id as this read already holds it, or a new copy of it.
    private mutating func ownCopy(of id: String) -> String {
        if let index = ids.firstIndex(of: id) { return ids[index] }
        let copy = String(decoding: Array(id.utf8), as: UTF8.self)
        ids.insert(copy)
        return copy
    }

    /// The id as already used by a table, so a set or table keyed by it shares the copy.
    mutating func shared(id: String) -> String {
        ids.insert(id).memberAfterInsert
    }
}
