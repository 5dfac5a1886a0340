import Directory
import SQLKit

extension DirectoryStore {
    /// Rows per multi-row INSERT: well under both engines' bind-parameter limits.
    static let batchSize = 200

    /// Inserts or replaces every record of the snapshot in one transaction: all of it lands or none.
    public func save(_ snapshot: DirectorySnapshot) async throws {
        let backend = database.backend
        try await database.transaction { db in
            try await Self.write(snapshot, on: db)
            try await Self.recordChange(of: nil, on: db, backend: backend)
        }
    }

    /// Writes a snapshot on a connection that is already inside a transaction.
    static func write(_ snapshot: DirectorySnapshot, on db: any SQLDatabase) async throws {
        var organizationNames = Dictionary(snapshot.organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let missing = Set(snapshot.services.map(\.organizationID)).subtracting(organizationNames.keys)
        if !missing.isEmpty {
            for row in try await db.select().columns("id", "name").from("organizations")
                .where("id", .in, Array(missing)).all() {
                organizationNames[try row.decode(column: "id", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
        }

        try await upsert(snapshot.organizations.map(OrganizationRow.init), into: "organizations", on: db)
        try await upsert(snapshot.locations.map(LocationRow.init), into: "locations", on: db)
        let serviceRows = try snapshot.services.map { service in
            guard let organizationName = organizationNames[service.organizationID] else {
                throw StoreError.integrity("service \(service.id) names unknown organization \(service.organizationID)")
            }
            return ServiceRow(service, organizationName: organizationName)
        }
        try await upsert(serviceRows, into: "services", on: db)
        try await replaceFacets(of: snapshot.services, on: db)
        try await upsert(
            snapshot.servicesAtLocation.map { ServiceAtLocationRow(id: $0.id, service_id: $0.serviceID, location_id: $0.locationID) },
            into: "services_at_location", on: db)
    }

    /// Rewrites the facet tables of the given services from their models.
    static func replaceFacets(of services: [Service], on db: any SQLDatabase) async throws {
        for batch in services.chunked(into: batchSize) {
            let ids = batch.map(\.id)
            var rows: [(table: String, column: String, pairs: [(String, String)])] = [
                ("service_domains", "domain", []), ("service_languages", "language", []),
                ("service_insurance", "insurance", []), ("service_settings", "setting", []),
                ("service_taxonomy", "code", []),
            ]
            for service in batch {
                rows[0].pairs += Set(service.domains).map { (service.id, $0.rawValue) }
                rows[1].pairs += Set(service.languages).map { (service.id, $0.rawValue) }
                rows[2].pairs += Set(service.cost.insurance).map { (service.id, $0.rawValue) }
                rows[3].pairs += Set(service.settings).map { (service.id, $0.rawValue) }
                rows[4].pairs += Set(service.taxonomyCodes.map { $0.uppercased() }).map { (service.id, $0) }
            }
            for facet in rows {
                try await db.delete(from: facet.table).where("service_id", .in, ids).run()
                for pairs in facet.pairs.chunked(into: batchSize * 4) {
                    try await pairs.reduce(db.insert(into: facet.table).columns("service_id", facet.column)) {
                        $0.values($1.0, $1.1)
                    }.run()
                }
            }
        }
    }

    /// Multi-row `INSERT … ON CONFLICT (id) DO UPDATE`, which SQLite and PostgreSQL both speak.
    static func upsert<Row: Codable & Sendable>(_ rows: [Row], into table: String, on db: any SQLDatabase) async throws {
        guard let first = rows.first else { return }
        let columns = try SQLQueryEncoder(nilEncodingStrategy: .asNil).encode(first).map(\.0).filter { $0 != "id" }
        for batch in rows.chunked(into: batchSize) {
            try await db.insert(into: table)
                .models(Array(batch), nilEncodingStrategy: .asNil)
                .onConflict(with: ["id"]) { update in
                    columns.reduce(update) { $0.set(excludedValueOf: $1) }
                }
                .run()
        }
    }

    public func saveBarriers(_ barriers: [Barrier]) async throws {
        let backend = database.backend
        try await database.transaction { db in
            try await Self.upsert(barriers.map(BarrierRow.init), into: "barriers", on: db)
            try await Self.recordChange(of: nil, on: db, backend: backend)
        }
    }

    public func saveSchools(_ schools: [School]) async throws {
        try await database.transaction { db in
            try await Self.upsert(schools.map(SchoolRow.init), into: "schools", on: db)
        }
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
