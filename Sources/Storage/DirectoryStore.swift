import Directory
import Foundation
import SQLKit

/// The directory's persistence: one implementation over SQLKit for SQLite and PostgreSQL.
public struct DirectoryStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    var sql: any SQLDatabase { database.sql }

    public struct Counts: Sendable, Equatable, Codable {
        public var organizations: Int
        public var locations: Int
        public var services: Int
        public var barriers: Int
        public var schools: Int

        public init(organizations: Int, locations: Int, services: Int, barriers: Int, schools: Int) {
            self.organizations = organizations
            self.locations = locations
            self.services = services
            self.barriers = barriers
            self.schools = schools
        }
    }

    public func counts() async throws -> Counts {
        func count(_ table: String) async throws -> Int {
            let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()
            return try row?.decode(column: "n", as: Int.self) ?? 0
        }
        return Counts(
            organizations: try await count("organizations"), locations: try await count("locations"),
            services: try await count("services"), barriers: try await count("barriers"),
            schools: try await count("schools"))
    }

    // MARK: single records

    public func organization(id: String) async throws -> Organization? {
        try await sql.select().column("*").from("organizations").where("id", .equal, id).first()
            .map { try $0.decode(model: OrganizationRow.self).model() }
    }

    public func service(id: String) async throws -> Service? {
        try await sql.select().column("*").from("services").where("id", .equal, id).first()
            .map { try $0.decode(model: ServiceRow.self).model() }
    }

    /// The services with these ids that exist, in id order.
    public func services(ids: [String]) async throws -> [Service] {
        var found: [Service] = []
        for batch in ids.chunked(into: Self.batchSize) {
            found += try await sql.select().column("*").from("services").where("id", .in, Array(batch)).all()
                .map { try $0.decode(model: ServiceRow.self).model() }
        }
        return found.sorted { $0.id < $1.id }
    }

    public func services(ofOrganization organizationID: String) async throws -> [Service] {
        try await sql.select().column("*").from("services").where("organization_id", .equal, organizationID)
            .orderBy("id").all()
            .map { try $0.decode(model: ServiceRow.self).model() }
    }

    public func locations(ofOrganization organizationID: String) async throws -> [Location] {
        try await sql.select().column("*").from("locations").where("organization_id", .equal, organizationID)
            .orderBy("id").all()
            .map { try $0.decode(model: LocationRow.self).model() }
    }

    /// The sites of each given service, keyed by service id.
    public func locations(ofServices serviceIDs: [String]) async throws -> [String: [Location]] {
        guard !serviceIDs.isEmpty else { return [:] }
        var result: [String: [Location]] = [:]
        for batch in serviceIDs.chunked(into: Self.batchSize) {
            let rows = try await sql.select()
                .column(SQLColumn("service_id", table: "sl"))
                .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("l")))
                .from(SQLAlias(SQLIdentifier("services_at_location"), as: SQLIdentifier("sl")))
                .join(SQLAlias(SQLIdentifier("locations"), as: SQLIdentifier("l")), on: SQLColumn("location_id", table: "sl"), .equal, SQLColumn("id", table: "l"))
                .where(SQLColumn("service_id", table: "sl"), .in, SQLBind.group(Array(batch)))
                .orderBy(SQLColumn("service_id", table: "sl")).orderBy(SQLColumn("id", table: "l"))
                .all()
            for row in rows {
                let serviceID = try row.decode(column: "service_id", as: String.self)
                result[serviceID, default: []].append(try row.decode(model: LocationRow.self).model())
            }
        }
        return result
    }

    public func organizationNames(_ ids: [String]) async throws -> [String: String] {
        var names: [String: String] = [:]
        for batch in Array(Set(ids)).chunked(into: Self.batchSize) {
            for row in try await sql.select().columns("id", "name").from("organizations").where("id", .in, Array(batch)).all() {
                names[try row.decode(column: "id", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        return names
    }

    // MARK: vocabularies

    public func barriers() async throws -> [Barrier] {
        try await sql.select().column("*").from("barriers").orderBy("id").all()
            .map { try $0.decode(model: BarrierRow.self).model() }
    }

    public func schools() async throws -> [School] {
        try await sql.select().column("*").from("schools").orderBy("id").all()
            .map { try $0.decode(model: SchoolRow.self).model() }
    }

    /// Active services whose taxonomy codes fall under one of the barrier's prefixes.
    public func serviceIDs(servingBarrier barrier: Barrier) async throws -> [String] {
        guard !barrier.taxonomyPrefixes.isEmpty else { return [] }
        let rows = try await sql.select().distinct().column(SQLColumn("service_id", table: "t"))
            .from(SQLAlias(SQLIdentifier("service_taxonomy"), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier("services"), as: SQLIdentifier("s")), on: SQLColumn("service_id", table: "t"), .equal, SQLColumn("id", table: "s"))
            .where(SQLColumn("active", table: "s"), .equal, SQLBind(1))
            .where(Self.taxonomyMatch(barrier.taxonomyPrefixes))
            .orderBy(SQLColumn("service_id", table: "t"))
            .all()
        return try rows.map { try $0.decode(column: "service_id", as: String.self) }
    }

    /// `t.code` equals a prefix or lies below it (whole AIRS segments only), and says what a service
    /// does: codes of provider types and target populations tie nothing (`Taxonomy.describesService`).
    static func taxonomyMatch(_ prefixes: [String]) -> SQLQueryString {
        let under = under(prefixes)
        let descriptive = Self.under(Taxonomy.providerTypeBranches + [Taxonomy.targetPopulationBranch])
        return "(\(under) AND NOT \(descriptive))"
    }

    private static func under(_ prefixes: [String]) -> SQLQueryString {
        var clauses: [SQLQueryString] = []
        for prefix in prefixes.map({ $0.uppercased() }) {
            // A one-letter top level ("B") is followed directly by the second letter ("BD").
            guard prefix.count > 1 else {
                clauses.append("t.code LIKE \(bind: prefix + "%")")
                continue
            }
            clauses.append("t.code = \(bind: prefix) OR t.code LIKE \(bind: prefix + ".%") OR t.code LIKE \(bind: prefix + "-%")")
        }
        return "(\(SQLList(clauses, separator: SQLRaw(" OR "))))"
    }

    // MARK: whole directory

    /// Every record; what the matcher's index and the HSDS export start from.
    public func snapshot() async throws -> DirectorySnapshot {
        DirectorySnapshot(
            organizations: try await sql.select().column("*").from("organizations").orderBy("id").all()
                .map { try $0.decode(model: OrganizationRow.self).model() },
            locations: try await sql.select().column("*").from("locations").orderBy("id").all()
                .map { try $0.decode(model: LocationRow.self).model() },
            services: try await sql.select().column("*").from("services").orderBy("id").all()
                .map { try $0.decode(model: ServiceRow.self).model() },
            servicesAtLocation: try await sql.select().column("*").from("services_at_location").orderBy("id").all()
                .map {
                    let row = try $0.decode(model: ServiceAtLocationRow.self)
                    return ServiceAtLocation(id: row.id, serviceID: row.service_id, locationID: row.location_id)
                })
    }
}
