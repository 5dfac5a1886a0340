/// What an import did, per kind of record: the summary line a coordinator reads after each import.
public struct ImportCounts: Sendable, Equatable, Codable, CustomStringConvertible {
    public struct Tally: Sendable, Equatable, Codable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0
        /// Active before, missing from this full import of the source: marked inactive, never deleted.
        public var withdrawn = 0

        public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0, withdrawn: Int = 0) {
            self.added = added
            self.updated = updated
            self.unchanged = unchanged
            self.withdrawn = withdrawn
        }

        public var total: Int { added + updated + unchanged }
    }

    public var organizations = Tally()
    public var locations = Tally()
    public var services = Tally()
    /// Services whose partner-reported availability was newer than the feed's and was kept.
    public var availabilityKept = 0
    /// Service-at-location links of this source missing from a full import: removed, since nothing
    /// points at a link (the service and location themselves are only withdrawn).
    public var linksRemoved = 0

    public init() {}

    public var description: String {
        func line(_ name: String, _ tally: Tally) -> String {
            "\(name): \(tally.added) added, \(tally.updated) updated, \(tally.unchanged) unchanged, \(tally.withdrawn) withdrawn"
        }
        var text = [line("organizations", organizations), line("locations", locations), line("services", services)]
            .joined(separator: "; ")
        if linksRemoved > 0 { text += "; \(linksRemoved) service-at-location links removed" }
        if availabilityKept > 0 { text += "; partner availability kept for \(availabilityKept) services" }
        return text
    }
}
