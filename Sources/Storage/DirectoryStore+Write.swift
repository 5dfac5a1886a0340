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

    /// Writes a snapshot on a connection that is already inside a transaction. Services in `newServices`
    /// are known not to be stored yet, so there are no old facet rows of theirs to delete.
    static func write(_ snapshot: DirectorySnapshot, on db: any SQLDatabase, newServices: Set<String> = []) async throws {
        var organizationNames = Dictionary(snapshot.organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let missing = Set(snapshot.services.map(\.organizationID)).subtracting(organizationNames.keys)
        if !missing.isEmpty {
            for row in try await db.select().columns("id", "name").from("organizations")
                .where("id", .in, Array(missing)).all() {
                organizationNames[try row.decode(column: "id", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
        }

        try await db.insertRows(snapshot.organizations.lazy.map(OrganizationRow.init), into: "organizations", replacingByID: true)
        try await db.insertRows(snapshot.locations.lazy.map(LocationRow.init), into: "locations", replacingByID: true)
        let serviceRows = try snapshot.services.map { service in
            guard let organizationName = organizationNames[service.organizationID] else {
                throw StoreError.integrity("service \(service.id) names unknown organization \(service.organizationID)")
            }
            return ServiceRow(service, organizationName: organizationName)
        }
        try await db.insertRows(serviceRows, into: "services", replacingByID: true)
        try await replaceFacets(of: snapshot.services, on: db, newServices: newServices)
        try await db.insertRows(
            snapshot.servicesAtLocation.lazy.map { ServiceAtLocationRow(id: $0.id, service_id: $0.serviceID, location_id: $0.locationID) },
            into: "services_at_location", replacingByID: true)
    }

    /// The facet tables, each with the name of its value column and how a service lists its values.
    private static let facetTables: [(table: String, column: String, values: @Sendable (Service) -> [String])] = [
        ("service_domains", "domain", { $0.domains.map(\.rawValue) }),
        ("service_languages", "language", { $0.languages.map(\.rawValue) }),
        ("service_insurance", "insurance", { $0.cost.insurance.map(\.rawValue) }),
        ("service_settings", "setting", { $0.settings.map(\.rawValue) }),
        ("service_taxonomy", "code", { $0.taxonomyCodes.map { $0.uppercased() } }),
    ]

    /// Rewrites the facet tables of the given services from their models.
    static func replaceFacets(of services: [Service], on db: any SQLDatabase, newServices: Set<String> = []) async throws {
        let stored = services.lazy.map(\.id).filter { !newServices.contains($0) }
        for facet in facetTables {
            for batch in Array(stored).chunked(into: batchSize) {
                try await db.delete(from: facet.table).where("service_id", .in, Array(batch)).run()
            }
            var rows: [FacetRow] = []
            for service in services {
                // A service lists a handful of values: a scan finds repeats cheaper than a Set per service.
                let first = rows.endIndex
                for value in facet.values(service) where !rows[first...].contains(where: { $0.value == value }) {
                    rows.append(FacetRow(serviceID: service.id, value: value))
                }
            }
            try await db.insertRows(rows, into: facet.table, columns: ["service_id", facet.column], replacingByID: false)
        }
    }

    public func saveBarriers(_ barriers: [Barrier]) async throws {
        let backend = database.backend
        try await database.transaction { db in
            try await db.insertRows(barriers.map(BarrierRow.init), into: "barriers", replacingByID: true)
            try await Self.recordChange(of: nil, on: db, backend: backend)
        }
    }

    public func saveSchools(_ schools: [School]) async throws {
        try await database.transaction { db in
            try await db.insertRows(schools.map(SchoolRow.init), into: "schools", replacingByID: true)
        }
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
