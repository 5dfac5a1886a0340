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

    struct RankedAddress {
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
}
