import Directory
import Foundation

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
    /// What the feed said about the taxonomy codes its services carry, by code (`TaxonomyTerm`):
    /// names and descriptions from an HSDS taxonomy_terms table, the taxonomy an AIRS code belongs
    /// to. The import stores them in its transaction (`ImportWriter.describe`).
    public var taxonomyTerms: [String: TaxonomyTerm] = [:]
    /// False when a problem stopped reading before the end of the feed (malformed XML, a missing
    /// required column): the import must then not withdraw records it never got to see.
    public var readToEnd = true
    /// Records the import pipeline handed on, by kind (set by `batches`, not by readers).
    public var emitted = RecordCounts()
    /// Locations the pipeline placed at their ZIP centre (see `SitePlacement`).
    public var sitesPlacedAtZIPCentre = 0
    /// Services whose taxonomy codes all describe the provider or the people served, so that no code
    /// ties them to a barrier (see `Taxonomy.describesService`).
    public var servicesWithOnlyProviderCodes = 0

    public init() {}

    public var errors: [ImportProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [ImportProblem] { problems.filter { $0.severity == .warning } }
}

/// Records of each kind.
public struct RecordCounts: Sendable, Hashable {
    public var organizations = 0
    public var locations = 0
    public var services = 0
    public var servicesAtLocation = 0

    public init() {}

    public var total: Int { organizations + locations + services + servicesAtLocation }

    mutating func count(_ record: FeedRecord) {
        switch record {
        case .organization: organizations += 1
        case .location: locations += 1
        case .service: services += 1
        case .serviceAtLocation: servicesAtLocation += 1
        }
    }
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

/// How imported facets are derived from the barrier vocabulary: taxonomy codes → barriers, domains and
/// intensities. Codes that describe the provider (a facility or organization type, e.g. "RM-6500.1500"
/// Community Mental Health Agencies) or the people served (the "Y" target populations) tie a service to
/// nothing: a 211 gives them to every program of an agency, its food pantry included.
public struct TaxonomyMapping: Sendable {
    public var barriers: [Barrier]
    /// Open Eligibility terms the vocabulary names, by `OpenEligibility.key`, with the code it gives them.
    private let openEligibilityCodes: [String: String]

    public init(barriers: [Barrier]) {
        self.barriers = barriers
        var codes: [String: String] = [:]
        for prefix in barriers.flatMap(\.taxonomyPrefixes) {
            guard let term = OpenEligibility.term(ofCode: prefix) else { continue }
            codes[OpenEligibility.key(term)] = prefix
        }
        openEligibilityCodes = codes
    }

    /// The barriers whose prefixes cover any of the codes.
    public func barriers(for codes: [String]) -> [Barrier] {
        barriers.filter { barrier in codes.contains(where: barrier.covers) }
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

    /// Codes that say what a service does but that no barrier covers. Codes describing the provider
    /// or the people served are not listed: they are not meant to map.
    public func unmapped(_ codes: [String]) -> [String] {
        codes.filter { code in Taxonomy.describesService(code) && !barriers.contains { $0.covers(code) } }
    }

    /// The code a feed's taxonomy term gives a service, or nil when it gives none:
    /// - an AIRS/211 code in `code`, `id` or `name` (211 exports often use the code as the id);
    /// - an Open Eligibility term the vocabulary names, recognised by its name or by an id that spells
    ///   it ("food-pantry", "mental_health_care"), as the vocabulary's "OE:" code;
    /// - any other term of a taxonomy called Open Eligibility (`taxonomy`, e.g. HSDS `taxonomy` or 1.x
    ///   `vocabulary`), as "OE:<name>": kept, and counted as unmapped.
    /// In an Open Eligibility taxonomy `code` holds the term's own number, so the name decides.
    public func code(forTerm name: String, id: String = "", code: String = "", taxonomy: String = "") -> String? {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let isOpenEligibility = Self.namesOpenEligibility(taxonomy)
        if !isOpenEligibility {
            let code = code.trimmingCharacters(in: .whitespaces)
            if !code.isEmpty { return code }
            if FeedText.looksLikeTaxonomyCode(id) { return id }
            if FeedText.looksLikeTaxonomyCode(name) { return name }
        }
        if let known = openEligibilityCodes[OpenEligibility.key(name)] ?? openEligibilityCodes[OpenEligibility.key(id)] {
            return known
        }
        if isOpenEligibility, !name.isEmpty { return OpenEligibility.code(forTerm: name) }
        return nil
    }

    /// "Open Eligibility", "OpenEligibility", "open_eligibility", "https://openeligibility.org/…".
    static func namesOpenEligibility(_ taxonomy: String) -> Bool {
        OpenEligibility.key(taxonomy).contains("openeligibility")
    }
}
