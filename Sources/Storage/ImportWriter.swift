import Directory
import Foundation
import SQLKit

/// Writes one feed's records inside the import's transaction, batch by batch, and keeps the tally.
/// Records are keyed by id (importers make ids from source and external id), so re-importing the same
/// feed finds every record again and counts it unchanged.
public actor ImportWriter {
    /// The import's session; reached through `db()`, which lets queued inserts finish first.
    private let session: any SQLDatabase
    public let source: String
    public private(set) var counts = ImportCounts()
    private var seenOrganizations = Set<String>()
    private var seenLocations = Set<String>()
    private var seenServices = Set<String>()
    private var seenLinks = Set<String>()
    /// Services the match indexes must re-read after commit: changed, withdrawn, or at a changed site;
    /// nil once there are more than `touchedServicesLimit` (the indexes then rebuild instead).
    private(set) var touchedServices: Set<String>? = []
    /// Past a few thousand services, re-reading them one by one costs more than a rebuild.
    static let touchedServicesLimit = 2_000
    private let importedAt: Date
    /// A batch's inserts run while the next batch is classified and turned into rows.
    private let queue: StatementQueue
    /// Names of the organizations this import wrote or found, for its services' search text.
    private var organizationNames: [String: String] = [:]
    /// Whether the store held no record of this source when the import began: then nothing the feed
    /// lists can be stored already, and batches skip the lookups (which would wait for the queue).
    private var sourceWasEmpty: Bool?
    /// Codes of the taxonomy terms the feed described (`describe`); nil when it described none.
    var describedTermCodes: Set<String>?

    init(db: any SQLDatabase, source: String, importedAt: Date) {
        self.session = db
        self.source = source
        self.importedAt = importedAt
        self.queue = StatementQueue(db: db)
    }

    /// Adds or updates the batch's records; records equal to what is stored are only re-stamped.
    /// The batch's inserts may still be running when this returns; `finish` waits for them.
    public func write(_ batch: DirectorySnapshot) async throws {
        if sourceWasEmpty == nil { sourceWasEmpty = try await noRecordOfThisSource() }
        var changed = DirectorySnapshot(servicesAtLocation: batch.servicesAtLocation)
        seenLinks.formUnion(batch.servicesAtLocation.map(\.id))
        var unchanged: (organizations: [String], locations: [String], services: [String]) = ([], [], [])
        for organization in batch.organizations { organizationNames[organization.id] = organization.name }

        let storedOrganizations = try await stored(OrganizationRow.self, "organizations", batch.organizations.map(\.id)) { try $0.model() }
        var renamedOrganizations: [String] = []
        for organization in batch.organizations where seenOrganizations.insert(organization.id).inserted {
            var incoming = organization
            switch classify(&incoming, stored: storedOrganizations[organization.id], tally: \.organizations) {
            case .unchanged: unchanged.organizations.append(organization.id)
            case .changed:
                changed.organizations.append(incoming)
                if let before = storedOrganizations[organization.id], before.name != incoming.name {
                    renamedOrganizations.append(organization.id)
                }
            }
        }

        let storedLocations = try await stored(LocationRow.self, "locations", batch.locations.map(\.id)) { try $0.model() }
        for location in batch.locations where seenLocations.insert(location.id).inserted {
            var incoming = location
            switch classify(&incoming, stored: storedLocations[location.id], tally: \.locations) {
            case .unchanged: unchanged.locations.append(location.id)
            case .changed: changed.locations.append(incoming)
            }
        }

        let storedServices = try await stored(ServiceRow.self, "services", batch.services.map(\.id)) { try $0.model() }
        for service in batch.services where seenServices.insert(service.id).inserted {
            var incoming = service
            if let existing = storedServices[service.id], keepPartnerAvailability(of: existing, over: &incoming) {
                counts.availabilityKept += 1
            }
            switch classify(&incoming, stored: storedServices[service.id], tally: \.services) {
            case .unchanged: unchanged.services.append(service.id)
            case .changed: changed.services.append(incoming)
            }
        }

        touch(changed.services.lazy.map(\.id))
        touch(batch.servicesAtLocation.lazy.map(\.serviceID))
        try await noteServices(atLocations: changed.locations.lazy.map(\.id).filter { storedLocations[$0] != nil })
        try await noteServices(ofOrganizations: renamedOrganizations)
        let unnamed = Set(changed.services.lazy.map(\.organizationID).filter { self.organizationNames[$0] == nil })
        if !unnamed.isEmpty {
            var names = organizationNames
            try await DirectoryStore.lookUpNames(of: unnamed, into: &names, on: try await db())
            organizationNames = names
        }
        let newServices = Set(changed.services.lazy.map(\.id).filter { storedServices[$0] == nil })
        let statements = try DirectoryStore.writeStatements(changed, organizationNames: organizationNames, newServices: newServices)
        try await queue.drain()
        queue.enqueue(statements)
        try await stamp("organizations", unchanged.organizations)
        try await stamp("locations", unchanged.locations)
        try await stamp("services", unchanged.services)
    }

    /// Waits for every queued insert; the import's other statements and its commit come after.
    func finish() async throws {
        try await queue.drain()
    }

    /// The session for a statement of its own: the connection runs one statement at a time, so the
    /// queued inserts finish first.
    func db() async throws -> any SQLDatabase {
        try await queue.drain()
        return session
    }

    /// True when no stored organization, location or service belongs to this source, by its `source`
    /// column or by an id with its prefix (importers make ids `source:external id`; records from
    /// elsewhere, such as the seed's, need not carry the prefix). Both are index ranges, not scans.
    private func noRecordOfThisSource() async throws -> Bool {
        let prefix = source + ":"
        let end = source + ";"  // the character after ":"
        for table in ["organizations", "locations", "services"] {
            let bySource = try await db().select().column("id").from(table).where("source", .equal, source).limit(1).all()
            if !bySource.isEmpty { return false }
            let byPrefix = try await db().select().column("id").from(table)
                .where("id", .greaterThanOrEqual, prefix).where("id", .lessThan, end).limit(1).all()
            if !byPrefix.isEmpty { return false }
        }
        return true
    }

    private func touch(_ services: some Sequence<String>) {
        guard var touched = touchedServices else { return }
        touchedServices = nil
        touched.formUnion(services)
        touchedServices = touched.count <= Self.touchedServicesLimit ? touched : nil
    }

    /// Marks active records of this source that the import did not see as inactive.
    func withdrawMissing() async throws {
        // A source with no record before this import has only records this import wrote, and saw:
        // nothing to withdraw, and no need to read back every id it just wrote (about 350,000 rows
        // after a 100,000-service first import; reading them set that import's peak memory).
        if sourceWasEmpty == true { return }
        counts.organizations.withdrawn = try await withdraw("organizations", seen: seenOrganizations).count
        let withdrawnLocations = try await withdraw("locations", seen: seenLocations)
        counts.locations.withdrawn = withdrawnLocations.count
        try await noteServices(atLocations: withdrawnLocations)
        let withdrawnServices = try await withdraw("services", seen: seenServices)
        counts.services.withdrawn = withdrawnServices.count
        touch(withdrawnServices)
        counts.linksRemoved = try await removeMissingLinks()
        try await withdrawUndescribedTerms()
    }

    private func noteServices(atLocations locationIDs: [String]) async throws {
        for batch in locationIDs.chunked(into: DirectoryStore.batchSize) {
            let rows = try await db().select().column("service_id").from("services_at_location")
                .where("location_id", .in, Array(batch)).all()
            touch(try rows.map { try $0.decode(column: "service_id", as: String.self) })
        }
    }

    /// A renamed organization's services: the match indexes re-read them, and with them the name.
    private func noteServices(ofOrganizations organizationIDs: [String]) async throws {
        for batch in organizationIDs.chunked(into: DirectoryStore.batchSize) {
            let rows = try await db().select().column("id").from("services").where("organization_id", .in, Array(batch)).all()
            touch(try rows.map { try $0.decode(column: "id", as: String.self) })
        }
    }

    /// Deletes links between this source's services and locations that the feed no longer lists.
    private func removeMissingLinks() async throws -> Int {
        let stored = try await db().select()
            .column(SQLColumn("id", table: "services_at_location"))
            .column(SQLColumn("service_id", table: "services_at_location"))
            .from("services_at_location")
            .join(SQLIdentifier("services"), method: SQLJoinMethod.inner,
                  on: SQLColumn("service_id", table: "services_at_location"), SQLBinaryOperator.equal, SQLColumn("id", table: "services"))
            .where(SQLColumn("source", table: "services"), .equal, SQLBind(source))
            .all()
            .map { (id: try $0.decode(column: "id", as: String.self), service: try $0.decode(column: "service_id", as: String.self)) }
        let missingLinks = stored.filter { !seenLinks.contains($0.id) }
        touch(missingLinks.map(\.service))
        let missing = missingLinks.map(\.id)
        for batch in missing.chunked(into: DirectoryStore.batchSize) {
            try await db().delete(from: "services_at_location").where("id", .in, Array(batch)).run()
        }
        return missing.count
    }

    private enum Change { case unchanged, changed }

    private func classify<Record: Equatable & ProvenanceCarrying>(
        _ incoming: inout Record, stored: Record?, tally: WritableKeyPath<ImportCounts, ImportCounts.Tally>
    ) -> Change {
        incoming.provenance.importedAt = importedAt
        guard let stored else {
            counts[keyPath: tally].added += 1
            return .changed
        }
        var comparable = incoming
        comparable.provenance.importedAt = stored.provenance.importedAt
        if comparable == stored {
            counts[keyPath: tally].unchanged += 1
            return .unchanged
        }
        counts[keyPath: tally].updated += 1
        return .changed
    }

    /// A partner's availability update (stamped in lastVerifiedAt) newer than the feed's record wins.
    private func keepPartnerAvailability(of stored: Service, over incoming: inout Service) -> Bool {
        guard let partnerTime = stored.provenance.lastVerifiedAt,
              partnerTime > (incoming.provenance.lastVerifiedAt ?? .distantPast) else { return false }
        let differs = incoming.enrollment != stored.enrollment || incoming.hours != stored.hours
        incoming.enrollment = stored.enrollment
        incoming.hours = stored.hours
        incoming.provenance.lastVerifiedAt = partnerTime
        return differs
    }

    private func stored<Row: Decodable, Model>(
        _ rowType: Row.Type, _ table: String, _ ids: [String], model: (Row) throws -> Model
    ) async throws -> [String: Model] where Model: Identifiable, Model.ID == String {
        // Nothing of a source that was empty can be stored; asking would wait for the queued inserts.
        guard sourceWasEmpty != true else { return [:] }
        var result: [String: Model] = [:]
        for batch in ids.chunked(into: DirectoryStore.batchSize) {
            for row in try await db().select().column("*").from(table).where("id", .in, Array(batch)).all() {
                let record = try model(try row.decode(model: Row.self))
                result[record.id] = record
            }
        }
        return result
    }

    private func stamp(_ table: String, _ ids: [String]) async throws {
        let seconds = Clock.seconds(importedAt)
        for batch in ids.chunked(into: DirectoryStore.batchSize) {
            try await db().update(table).set("imported_at", to: seconds).where("id", .in, Array(batch)).run()
        }
    }

    private func withdraw(_ table: String, seen: Set<String>) async throws -> [String] {
        let active = try await db().select().column("id").from(table)
            .where("source", .equal, source).where("active", .equal, 1).all()
            .map { try $0.decode(column: "id", as: String.self) }
        let missing = active.filter { !seen.contains($0) }
        for batch in missing.chunked(into: DirectoryStore.batchSize) {
            try await db().update(table).set("active", to: 0).where("id", .in, Array(batch)).run()
        }
        return missing
    }
}

/// Records whose provenance the import stamps.
protocol ProvenanceCarrying {
    var provenance: Provenance { get set }
}

extension Organization: ProvenanceCarrying {}
extension Location: ProvenanceCarrying {}
extension Service: ProvenanceCarrying {}

extension DirectoryStore {
    public struct ImportOptions: Sendable {
        /// Feed name; records of this source missing from a full import are withdrawn.
        public var source: String
        /// The feed is the whole of its source (withdraw what it lacks); false for partial updates.
        public var isFullImport: Bool
        /// Compute the counts, then roll everything back.
        public var dryRun: Bool
        public var importedAt: Date

        public init(source: String, isFullImport: Bool = true, dryRun: Bool = false, importedAt: Date = Date()) {
            self.source = source
            self.isFullImport = isFullImport
            self.dryRun = dryRun
            self.importedAt = importedAt
        }
    }

    /// Runs a whole import in one transaction. `body` writes the feed's batches and returns whether it
    /// saw the whole feed (only then are missing records withdrawn); if it throws, or on a dry run,
    /// nothing is kept. A process killed mid-import leaves the store as before: nothing commits.
    public func importFeed(
        _ options: ImportOptions, _ body: @escaping @Sendable (ImportWriter) async throws -> Bool
    ) async throws -> ImportCounts {
        let backend = database.backend
        do {
            return try await database.transaction { db in
                try await SQLiteCacheSize.enlarged(to: SQLiteCacheSize.importKiB, on: db, backend: backend) {
                    let writer = ImportWriter(db: db, source: options.source, importedAt: options.importedAt)
                    let sawWholeFeed: Bool
                    do {
                        sawWholeFeed = try await body(writer)
                        try await writer.finish()
                    } catch {
                        // Queued inserts must be done with the connection before it rolls back.
                        try? await writer.finish()
                        throw error
                    }
                    if options.isFullImport && sawWholeFeed { try await writer.withdrawMissing() }
                    let counts = await writer.counts
                    if options.dryRun { throw DryRunFinished(counts: counts) }
                    try await DirectoryStore.recordChange(of: await writer.touchedServices?.sorted(), on: db, backend: backend)
                    return counts
                }
            }
        } catch let finished as DryRunFinished {
            return finished.counts
        }
    }
}

/// Unwinds a dry run's transaction while carrying its counts out.
private struct DryRunFinished: Error {
    let counts: ImportCounts
}
