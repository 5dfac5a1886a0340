import Directory
import Foundation
import OpenReferral
import Storage

/// Publishing the directory as HSDS 3.1 (`/hsds/`): which records a query asks for, in pages.
///
/// The records come from one `HSDSDirectory` built from the store's snapshot and kept current from
/// the store's change log (the one `LiveMatchIndex` follows): every read first asks the log for its
/// newest sequence, so an availability report is published (and `modified_after` sees it) as soon
/// as it commits, on any instance. A change to some services re-maps those services; an import or
/// seed ("everything changed") rebuilds. Looking an HSDS id up is a dictionary read.
public actor HSDSPublication {
    private let store: DirectoryStore
    private let termNames: @Sendable () async throws -> HSDSTermNames
    private var published: HSDSDirectory?
    private var appliedSequence: Int64 = 0
    private var updating: Task<HSDSDirectory, any Error>?
    /// Full builds done (tests: a service's change must not rebuild everything).
    public private(set) var builds = 0

    /// Terms are the store's (`DirectoryStore.taxonomyTerms()`), read with each full build.
    public init(store: DirectoryStore) {
        self.init(store: store) { HSDSTermNames(try await store.taxonomyTerms()) }
    }

    /// `termNames` reads the taxonomy terms (tests give their own).
    public init(store: DirectoryStore, termNames: @escaping @Sendable () async throws -> HSDSTermNames) {
        self.store = store
        self.termNames = termNames
    }

    /// The directory as the store has it now.
    public func current() async throws -> HSDSDirectory {
        let latest = try await store.latestChangeSequence()
        if let published, latest == appliedSequence { return published }
        if let updating { _ = try await updating.value }
        if let published, latest <= appliedSequence { return published }
        let task = Task { try await self.update() }
        updating = task
        defer { updating = nil }
        return try await task.value
    }

    private func update() async throws -> HSDSDirectory {
        if var directory = published {
            let changes = try await store.changes(after: appliedSequence)
            if let newest = changes.last?.sequence, !changes.contains(where: { $0.serviceID == nil }) {
                let ids = Set(changes.compactMap(\.serviceID)).sorted()
                let services = try await store.services(ids: ids)
                // A service gone from the store (never, today) or added with new sites: rebuild.
                if services.count == ids.count, services.allSatisfy({ directory.serviceIndex(ourID: $0.id) != nil }) {
                    directory.replace(services: services)
                    published = directory
                    appliedSequence = newest
                    return directory
                }
            } else if changes.isEmpty {
                return directory
            }
        }
        let store = self.store, termNames = self.termNames
        let (built, sequence) = try await BackgroundExecutor.shared.run {
            let sequence = try await store.latestChangeSequence()
            return (HSDSDirectory(snapshot: try await store.snapshot(), terms: try await termNames()), sequence)
        }
        published = built
        appliedSequence = sequence
        builds += 1
        return built
    }

    // MARK: queries
    // Nonisolated: a query reads its own copy of the directory, so requests filter in parallel
    // rather than queueing on the actor.

    /// One page of services (or every match for `pageNumber == nil`, the ndjson stream).
    public nonisolated func services(_ query: HSDSQuery) async throws -> HSDSResult<HSDSService> {
        try query.check()
        let directory = try await current()
        let filter = HSDSServiceFilter(query)
        let services = directory.services
        let shape: @Sendable (HSDSDirectory.ServiceEntry) -> HSDSService = { entry in
            query.minimal ? entry.record.minimalForm : query.full ? entry.record : entry.record.listForm
        }
        // Unfiltered (the common crawl), the page is a slice of the whole list: nothing is copied.
        if filter.isEmpty { return HSDSResult(query.page(services.indices) { shape(services[$0]) }) }
        return HSDSResult(query.page(services.indices.filter { filter.admits(services[$0]) }) { shape(services[$0]) })
    }

    public nonisolated func service(id: String) async throws -> HSDSService? {
        try await current().service(id: id)?.record
    }

    public nonisolated func organizations(_ query: HSDSQuery) async throws -> HSDSResult<HSDSOrganization> {
        try query.check()
        let directory = try await current()
        let search = query.search?.lowercased()
        let filter = HSDSServiceFilter(query)
        let matches = directory.organizations.filter { organization in
            if let search, !(organization.name + "\n" + organization.description).lowercased().contains(search) { return false }
            if filter.hasTermCriteria {
                return directory.services(ofOrganization: organization.id).contains { filter.admitsTerms(directory.services[$0]) }
            }
            return true
        }
        return HSDSResult(query.page(matches) { organization in
            query.full || query.fullService ? Self.nested(organization, in: directory, fullServices: query.fullService) : organization.listForm
        })
    }

    /// An organization with its phones, sites and services (one-to-one fields unless `fullServices`).
    public nonisolated func organization(id: String, fullServices: Bool) async throws -> HSDSOrganization? {
        let directory = try await current()
        return directory.organization(id: id).map { Self.nested($0, in: directory, fullServices: fullServices) }
    }

    static func nested(_ organization: HSDSOrganization, in directory: HSDSDirectory, fullServices: Bool) -> HSDSOrganization {
        var record = organization
        record.services = directory.services(ofOrganization: organization.id).map {
            let service = directory.services[$0].record
            return fullServices ? service : service.listForm
        }
        return record
    }

    public nonisolated func servicesAtLocation(_ query: HSDSQuery, centroid: Coordinates?) async throws -> HSDSResult<HSDSServiceAtLocation> {
        try query.check()
        if query.proximityMeters != nil, centroid == nil {
            throw HSDSQueryError(parameter: "postcode", message: "no centre is known for postcode '\(query.postcode ?? "")' to measure proximity from")
        }
        let directory = try await current()
        let filter = HSDSServiceFilter(query)
        let matches = directory.servicesAtLocation.filter { site in
            let entry = directory.services[site.serviceIndex]
            guard filter.admits(entry) else { return false }
            if let postcode = query.postcode {
                if let meters = query.proximityMeters, let centroid {
                    guard let point = site.site.coordinates, point.distanceKm(to: centroid) * 1000 <= meters else { return false }
                } else {
                    // Within the service's stated area, or at a site in that postcode.
                    let area = entry.service.serviceArea.postalCodes
                    guard area.contains(postcode) || site.site.address?.postalCode == postcode else { return false }
                }
            }
            return true
        }
        return HSDSResult(query.page(matches) { directory.record(of: $0, fullService: query.full) })
    }

    /// The service at a site, its site and its service fully nested.
    public nonisolated func serviceAtLocation(id: String) async throws -> HSDSServiceAtLocation? {
        let directory = try await current()
        return directory.serviceAtLocation(id: id).map { directory.record(of: $0, fullService: true) }
    }

    public nonisolated func taxonomies(_ query: HSDSQuery) async throws -> HSDSResult<HSDSTaxonomy> {
        try query.check()
        let directory = try await current()
        let search = query.search?.lowercased()
        let taxonomies = directory.terms.taxonomies.filter { taxonomy in
            search.map { (taxonomy.name + "\n" + taxonomy.description).lowercased().contains($0) } ?? true
        }
        return HSDSResult(query.page(taxonomies) { $0 })
    }

    public nonisolated func taxonomy(id: String) async throws -> HSDSTaxonomy? {
        try await current().terms.taxonomy(id: id)
    }

    public nonisolated func taxonomyTerms(_ query: HSDSQuery) async throws -> HSDSResult<HSDSTaxonomyTerm> {
        try query.check()
        let directory = try await current()
        let search = query.search?.lowercased()
        let taxonomyID = query.taxonomyID?.lowercased(), parentID = query.parentID?.lowercased()
        let terms = directory.terms.all.filter { term in
            if let taxonomyID, term.taxonomyID != taxonomyID { return false }
            if let parentID, term.parentID != parentID { return false }
            if query.topOnly, term.parentID != nil { return false }
            if let search, !((term.code ?? "") + "\n" + term.name + "\n" + term.description).lowercased().contains(search) { return false }
            return true
        }
        return HSDSResult(query.page(terms) { $0 })
    }

    public nonisolated func taxonomyTerm(id: String) async throws -> HSDSTaxonomyTerm? {
        try await current().terms.term(id: id)
    }
}

/// A list query's parameters, as the spec names them (`schema/openapi.json`), combined with AND.
public struct HSDSQuery: Sendable {
    public var search: String?
    /// From 1; nil streams every match (`format=ndjson`).
    public var pageNumber: Int? = 1
    public var perPage: Int = HSDSQuery.defaultPerPage
    public var taxonomyTermID: String?
    public var taxonomyID: String?
    public var organizationID: String?
    public var modifiedAfter: Date?
    public var minimal = false
    public var full = false
    public var fullService = false
    public var postcode: String?
    public var proximityMeters: Double?
    /// `/taxonomy_terms`: terms under this one, or only terms without a parent.
    public var parentID: String?
    public var topOnly = false

    public static let defaultPerPage = 50
    public static let perPages = 1...1000
    public static let longestSearch = 200

    public init() {}

    /// The first parameter that cannot be used, by its spec name.
    public func check() throws(HSDSQueryError) {
        if let pageNumber, pageNumber < 1 { throw HSDSQueryError(parameter: "page", message: "page \(pageNumber) is not 1 or more") }
        guard Self.perPages.contains(perPage) else {
            throw HSDSQueryError(parameter: "per_page", message: "per_page \(perPage) is not from \(Self.perPages.lowerBound) to \(Self.perPages.upperBound)")
        }
        if let search, search.count > Self.longestSearch {
            throw HSDSQueryError(parameter: "search", message: "the search text is longer than \(Self.longestSearch) characters")
        }
        for (name, value) in [("taxonomy_term_id", taxonomyTermID), ("taxonomy_id", taxonomyID), ("organization_id", organizationID), ("parent_id", parentID)] {
            if let value, UUID(uuidString: value) == nil { throw HSDSQueryError(parameter: name, message: "'\(value)' is not a UUID") }
        }
        if minimal && full { throw HSDSQueryError(parameter: "minimal", message: "minimal and full cannot both be true") }
        if let proximity = proximityMeters {
            guard postcode != nil else { throw HSDSQueryError(parameter: "proximity", message: "proximity needs a postcode to measure from") }
            guard proximity > 0, proximity <= 500_000 else {
                throw HSDSQueryError(parameter: "proximity", message: "proximity \(proximity) m is not more than 0 and at most 500000")
            }
        }
    }

    /// The requested page of `matches`, transformed; when streaming, every match, transformed as
    /// the stream reads it (a directory's worth of nested records is never held at once).
    func page<Matches: RandomAccessCollection & Sendable, Item>(
        _ matches: Matches, _ transform: @escaping @Sendable (Matches.Element) -> Item
    ) -> HSDSPageSlice<Item> where Matches.Index == Int {
        let total = matches.count
        guard let pageNumber else {
            return HSDSPageSlice(items: [], totalItems: total, pageNumber: nil, perPage: perPage) { transform(matches[matches.startIndex + $0]) }
        }
        let start = min(total, (pageNumber - 1) * perPage)
        return HSDSPageSlice(
            items: matches.dropFirst(start).prefix(perPage).map(transform), totalItems: total, pageNumber: pageNumber, perPage: perPage,
            item: nil)
    }
}

/// The service filters of a query (`search`, terms, organization, `modified_after`), all ANDed.
struct HSDSServiceFilter {
    let search: String?
    let termID: String?
    let taxonomyID: String?
    let organizationID: String?
    let modifiedAfter: Date?

    init(_ query: HSDSQuery) {
        search = query.search?.lowercased()
        termID = query.taxonomyTermID?.lowercased()
        taxonomyID = query.taxonomyID?.lowercased()
        organizationID = query.organizationID?.lowercased()
        modifiedAfter = query.modifiedAfter
    }

    var isEmpty: Bool { search == nil && !hasTermCriteria && organizationID == nil && modifiedAfter == nil }
    var hasTermCriteria: Bool { termID != nil || taxonomyID != nil }

    func admits(_ entry: HSDSDirectory.ServiceEntry) -> Bool {
        if let organizationID, entry.organizationID != organizationID { return false }
        if hasTermCriteria, !admitsTerms(entry) { return false }
        if let modifiedAfter, !(entry.modified.map { $0 >= modifiedAfter } ?? false) { return false }
        if let search, !entry.searchText.contains(search) { return false }
        return true
    }

    func admitsTerms(_ entry: HSDSDirectory.ServiceEntry) -> Bool {
        if let termID, !entry.termIDs.contains(termID) { return false }
        if let taxonomyID, !entry.taxonomyIDs.contains(taxonomyID) { return false }
        return true
    }
}

struct HSDSPageSlice<Item> {
    var items: [Item]
    var totalItems: Int
    var pageNumber: Int?
    var perPage: Int
    var item: (@Sendable (Int) -> Item)?
}

/// A list's answer: one page (the spec's Page object), or every match for a stream.
public struct HSDSResult<Item: Encodable & Sendable>: Sendable {
    /// The page's records (empty for a stream).
    public var items: [Item]
    public var totalItems: Int
    /// Nil for a stream (`format=ndjson`).
    public var pageNumber: Int?
    public var perPage: Int
    /// A stream's record `0..<totalItems`, mapped when asked for.
    public var streamed: (@Sendable (Int) -> Item)?

    init(_ slice: HSDSPageSlice<Item>) {
        items = slice.items
        totalItems = slice.totalItems
        pageNumber = slice.pageNumber
        perPage = slice.perPage
        streamed = slice.item
    }

    public var page: HSDSPage<Item> {
        HSDSPage(contents: items, totalItems: totalItems, pageNumber: pageNumber ?? 1, perPage: perPage)
    }
}

/// A list parameter the publication cannot use, named as the spec names it.
public struct HSDSQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var parameter: String
    public var message: String

    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }

    public var description: String { message }
}
