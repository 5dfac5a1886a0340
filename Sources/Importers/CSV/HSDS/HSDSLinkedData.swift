import Directory

/// The small HSDS tables, loaded before the core tables are streamed and keyed by the feed id of the
/// record they describe, so each organization, location and service is built in one pass.
struct HSDSLinkedData {
    var organizationPhones: [String: [Phone]] = [:]
    var servicePhones: [String: [Phone]] = [:]
    /// Best address per location: physical before postal.
    var addresses: [String: RankedAddress] = [:]
    var hours: [String: [OpeningHours]] = [:]
    var languages: [String: [LanguageCode]] = [:]
    /// From eligibility rows; merged with the service's own age columns.
    var ages: [String: AgeRange] = [:]
    var costs: [String: CostFacts] = [:]
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

    mutating func addAges(_ range: AgeRange, forService id: String) {
        if let current = ages[id] {
            ages[id] = AgeRange(min: Swift.min(current.min, range.min), max: Swift.max(current.max, range.max))
        } else {
            ages[id] = range
        }
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

    /// The id as already used by a table, so a set or table keyed by it shares the copy.
    mutating func shared(id: String) -> String {
        ids.insert(id).memberAfterInsert
    }
}
