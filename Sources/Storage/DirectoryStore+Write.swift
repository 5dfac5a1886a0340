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
        try await lookUpNames(of: Set(snapshot.services.map(\.organizationID)), into: &organizationNames, on: db)
        for statement in try writeStatements(snapshot, organizationNames: organizationNames, newServices: newServices) {
            try await db.start(statement).get()
        }
    }

    /// Adds the stored names of the organizations `names` lacks.
    static func lookUpNames(of organizations: Set<String>, into names: inout [String: String], on db: any SQLDatabase) async throws {
        let missing = organizations.subtracting(names.keys)
        for batch in Array(missing).chunked(into: batchSize) {
            for row in try await db.select().columns("id", "name").from("organizations").where("id", .in, Array(batch)).all() {
                names[try row.decode(column: "id", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
        }
    }

    /// The statements that write a snapshot, in order: organizations, locations, services, their facets
    /// (old facet rows deleted first unless the service is new) and links. Every service's organization
    /// must be named in `organizationNames` (its name is part of the service's search text).
    static func writeStatements(
        _ snapshot: DirectorySnapshot, organizationNames: [String: String], newServices: Set<String>
    ) throws -> [any SQLExpression] {
        let serviceRows = try snapshot.services.map { service in
            guard let organizationName = organizationNames[service.organizationID] else {
                throw StoreError.integrity("service \(service.id) names unknown organization \(service.organizationID)")
            }
            return ServiceRow(service, organizationName: organizationName)
        }
        var statements: [any SQLExpression] = []
        statements += MultiRowInsert.statements(snapshot.organizations.lazy.map(OrganizationRow.init), into: "organizations", replacingByID: true)
        statements += MultiRowInsert.statements(snapshot.locations.lazy.map(LocationRow.init), into: "locations", replacingByID: true)
        statements += MultiRowInsert.statements(serviceRows, into: "services", replacingByID: true)
        statements += facetStatements(of: snapshot.services, newServices: newServices)
        statements += MultiRowInsert.statements(
            snapshot.servicesAtLocation.lazy.map { ServiceAtLocationRow(id: $0.id, service_id: $0.serviceID, location_id: $0.locationID) },
            into: "services_at_location", replacingByID: true)
        return statements
    }

    /// The facet tables and the names of their value columns, in the order `facetValues` lists them.
    private static let facetTables = [
        ("service_domains", "domain"), ("service_languages", "language"), ("service_insurance", "insurance"),
        ("service_settings", "setting"), ("service_taxonomy", "code"),
    ]

    /// A service's values for each table of `facetTables`.
    private static func facetValues(of service: borrowing Service) -> [[String]] {
        [
            service.domains.map(\.rawValue), service.languages.map(\.rawValue), service.cost.insurance.map(\.rawValue),
            service.settings.map(\.rawValue), service.taxonomyCodes.map { $0.uppercased() },
        ]
    }

    /// Deletes of the services' stored facet rows (none for new services), then inserts of their rows.
    private static func facetStatements(of services: [Service], newServices: Set<String>) -> [any SQLExpression] {
        var rows = [[FacetRow]](repeating: [], count: facetTables.count)
        for service in services {
            for (table, values) in facetValues(of: service).enumerated() {
                // A service lists a handful of values: a scan finds repeats cheaper than a Set per service.
                let first = rows[table].endIndex
                for value in values where !rows[table][first...].contains(where: { $0.value == value }) {
                    rows[table].append(FacetRow(serviceID: service.id, value: value))
                }
            }
        }
        let stored = services.map(\.id).filter { !newServices.contains($0) }
        var statements: [any SQLExpression] = []
        for ((table, column), tableRows) in zip(facetTables, rows) {
            for batch in stored.chunked(into: batchSize) {
                var delete = SQLDelete(table: SQLIdentifier(table))
                delete.predicate = SQLBinaryExpression(SQLIdentifier("service_id"), .in, SQLBind.group(Array(batch)))
                statements.append(delete)
            }
            statements += MultiRowInsert.statements(tableRows, into: table, columns: ["service_id", column], replacingByID: false)
        }
        return statements
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
