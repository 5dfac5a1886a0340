import Directory

/// What a reader hands the import pipeline, in feed order. A reader emits an organization before
/// the locations and services that name it, and a location and a service before the link joining them.
public enum FeedRecord: Sendable, Hashable {
    case organization(Organization)
    case location(Location)
    case service(Service)
    case serviceAtLocation(ServiceAtLocation)
}

/// What a reader reports besides the records.
public struct ReadSummary: Sendable, Hashable {
    /// Records (of every kind) read from the feed, emitted or skipped.
    public var recordsRead: Int = 0
    /// Problems found; errors mean the record was skipped.
    public var problems: [ImportProblem] = []
    /// Taxonomy codes that fell under no barrier's prefix, with how many services carry each.
    public var unmappedTaxonomyCodes: [String: Int] = [:]
    /// False when a problem stopped reading before the end of the feed (malformed XML, a missing
    /// required column): the import must then not withdraw records it never got to see.
    public var readToEnd = true

    public init() {}

    public var errors: [ImportProblem] { problems.filter { $0.severity == .error } }
}

/// Progress a reader reports as it goes, for the terminal progress bar.
public struct ReadProgress: Sendable, Hashable {
    public var records: Int
    public var bytesRead: Int64
    public var totalBytes: Int64

    public init(records: Int, bytesRead: Int64, totalBytes: Int64) {
        self.records = records
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }
}

/// The contract every feed reader meets. Reading is synchronous and streaming: records are handed to
/// `emit` as soon as they are complete, so a large feed never sits in memory as a document tree.
public protocol FeedReader: Sendable {
    /// Reads the whole feed. Record-level problems are collected in the summary and the record is
    /// skipped; a problem that makes the rest unreadable (malformed XML, a missing required column)
    /// is also recorded and reading stops. `emit` may throw to abort.
    func read(
        emit: (FeedRecord) throws -> Void,
        progress: (ReadProgress) -> Void
    ) throws -> ReadSummary
}

/// How imported facets are derived from the seed's vocabulary: taxonomy codes → domains and intensities.
public struct TaxonomyMapping: Sendable {
    public var barriers: [Barrier]

    public init(barriers: [Barrier]) {
        self.barriers = barriers
    }

    /// The barriers whose prefixes cover any of the codes.
    public func barriers(for codes: [String]) -> [Barrier] {
        barriers.filter { barrier in codes.contains { code in barrier.taxonomyPrefixes.contains { Taxonomy.code(code, isUnder: $0) } } }
    }

    /// Domains of every barrier covering the codes, in vocabulary order.
    public func domains(for codes: [String]) -> [Domain] {
        let found = Set(barriers(for: codes).flatMap(\.domains))
        return Domain.allCases.filter(found.contains)
    }

    /// The lowest intensity the covering barriers name (a directory entry is at least as broad as
    /// its mildest use); crisis-coded services are intensive whatever the barrier says.
    public func intensity(for codes: [String]) -> Intensity? {
        if codes.contains(where: { Taxonomy.code($0, isUnder: "RP-1500") }) { return .intensive }
        return barriers(for: codes).flatMap(\.intensities).min()
    }

    /// Codes no barrier covers.
    public func unmapped(_ codes: [String]) -> [String] {
        codes.filter { code in !barriers.contains { $0.taxonomyPrefixes.contains { Taxonomy.code(code, isUnder: $0) } } }
    }
}
