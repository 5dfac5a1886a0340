import Directory
import Foundation
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// "Not stated is a value" in the store: a facet a feed does not state is NULL (or no facet rows),
/// reads back unknown, matches no search filter, and migration 11 takes back what earlier imports
/// invented where the rows show it.
@Suite("Facets not stated in the store")
struct NotStatedStoreTests {
    static let organization = Organization(id: "feed:org", name: "Quiet Agency", provenance: Provenance(source: "feed", externalID: "org"))

    static let unknown = Service(
        id: "feed:blank", organizationID: "feed:org", name: "Drop-in hours", domains: [], intensity: nil,
        provenance: Provenance(source: "feed", externalID: "blank"))

    static let unknownSite = Location(
        id: "feed:site", organizationID: "feed:org", name: "Office", provenance: Provenance(source: "feed", externalID: "site"))

    static var snapshot: DirectorySnapshot {
        DirectorySnapshot(
            organizations: [organization], locations: [unknownSite], services: [unknown],
            servicesAtLocation: [ServiceAtLocation(id: "feed:link", serviceID: unknown.id, locationID: unknownSite.id)])
    }

    @Test func rowsBindEveryColumnOfAnUnknownService() throws {
        try RowBindingTests.check(ServiceRow(Self.unknown, organizationName: "Org"))
        try RowBindingTests.check(LocationRow(Self.unknownSite))
    }

    @Test(arguments: TestBackend.available)
    func unknownFacetsAreStoredAsNullsAndReadBackUnknown(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            try await store.save(Self.snapshot)
            let row = try #require(try await store.database.sql.raw("""
                SELECT intensity, age_min, age_max, transportation, interpreter_available, cost_kind, enrollment_status, inferred
                FROM services WHERE id = 'feed:blank'
                """).first())
            for column in ["intensity", "transportation", "cost_kind", "enrollment_status"] {
                #expect(try row.decodeNil(column: column), "services.\(column)")
            }
            for column in ["age_min", "age_max", "interpreter_available"] {
                #expect(try row.decodeNil(column: column), "services.\(column)")
            }
            #expect(try row.decode(column: "inferred", as: String.self) == "[]")
            let site = try #require(try await store.database.sql.raw(
                "SELECT transit_accessible, coordinates_precision FROM locations WHERE id = 'feed:site'").first())
            #expect(try site.decodeNil(column: "transit_accessible"))
            #expect(try site.decodeNil(column: "coordinates_precision"))
            for table in ["service_domains", "service_languages", "service_insurance", "service_settings"] {
                let rows = try await store.database.sql.raw("SELECT 1 AS one FROM \(unsafeRaw: table) WHERE service_id = 'feed:blank'").all()
                #expect(rows.isEmpty, "\(table)")
            }
            #expect(try await store.service(id: "feed:blank") == Self.unknown)
            #expect(try await store.snapshot() == Self.snapshot)

            // Stating the facts later writes them; taking them back writes NULLs again.
            var stated = Self.unknown
            stated.intensity = .intensive
            stated.ages = AgeRange(min: 19)
            stated.interpreterAvailable = false
            stated.transportation = .notProvided
            stated.provenance.inferred = [.ages]
            try await store.save(DirectorySnapshot(services: [stated]))
            #expect(try await store.service(id: "feed:blank") == stated)
            try await store.save(DirectorySnapshot(services: [Self.unknown]))
            #expect(try await store.service(id: "feed:blank") == Self.unknown)

            // A partner's report states the enrollment; the rest stays unknown.
            let reported = try #require(try await store.updateAvailability(
                serviceID: "feed:blank", enrollment: Enrollment(status: .waitlist, waitlistWeeks: 2)))
            #expect(reported.enrollment.status == .waitlist && reported.cost == Cost() && reported.intensity == nil)
        }
    }

    /// Migrations run outside the pool: no pooled connection describes a rebuilt table with the
    /// columns it had before (SQLite caches the schema per connection).
    @Test(arguments: TestBackend.available)
    func everyPooledConnectionReadsTheMigratedSchema(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            try await store.save(Self.snapshot)
            try await withThrowingTaskGroup(of: Service?.self) { group in
                for _ in 0..<32 { group.addTask { try await store.service(id: "feed:blank") } }
                for try await service in group { #expect(service == Self.unknown) }
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func searchFiltersDoNotMatchWhatIsNotStated(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            try await store.save(Self.snapshot)
            let filtered = ServiceQueryTests.queries.filter { query in
                query.domain != nil || query.intensity != nil || query.age != nil || query.language != nil
                    || query.insurance != nil || query.setting != nil || query.enrollment != nil || query.near != nil
            }
            #expect(filtered.count >= 10)
            for query in filtered {
                let ids = try await store.services(matching: query).items.map(\.service.id)
                #expect(!ids.contains("feed:blank"), "\(query)")
            }
            for free in [ServiceQuery(insurance: .uninsured), ServiceQuery(insurance: .medicaid)] {
                // Free means free: a service that does not state its cost is not counted as one.
                let ids = try await store.services(matching: free).items.map(\.service.id)
                #expect(!ids.contains("feed:blank"))
            }
            #expect(try await store.services(matching: ServiceQuery(limit: 500)).items.contains { $0.service.id == "feed:blank" })
        }
    }

    @Test(arguments: TestBackend.available)
    func oneStatedEndOfTheAgesStillFilters(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            var adults = Self.unknown
            adults.ages = AgeRange(min: 19)
            try await store.save(DirectorySnapshot(organizations: [Self.organization], services: [adults]))
            #expect(try await store.services(matching: ServiceQuery(age: 12)).items.isEmpty)
            #expect(try await store.services(matching: ServiceQuery(age: 40)).items.map(\.service.id) == ["feed:blank"])
        }
    }

    // MARK: Migration 11

    /// A row as schema version 10 stored it: today's row without the columns migration 11 added.
    struct VersionTenRow<Row: BindableRow>: BindableRow {
        static var columns: [String] { Row.columns.filter { !["inferred", "coordinates_precision"].contains($0) } }
        let row: Row

        func appendValues(to values: inout [ColumnValue]) {
            var all: [ColumnValue] = []
            row.appendValues(to: &all)
            values += zip(Row.columns, all).filter { Self.columns.contains($0.0) }.map(\.1)
        }
    }

    /// What the importers wrote before facts could be unknown: every facet filled, 0–99 for no ages.
    static func imported(_ id: String, source: String, ages: AgeRange) -> Service {
        Service(
            id: id, organizationID: "feed:org", name: "Service \(id)", domains: [.health], intensity: .prevention, ages: ages,
            settings: [.community], transportation: .notProvided, languages: [.english], interpreterAvailable: false,
            cost: Cost(kind: .free), enrollment: Enrollment(status: .open), taxonomyCodes: ["BD-1800.2000"],
            provenance: Provenance(source: source, externalID: id))
    }

    static let oldServices = [
        imported("feed:defaulted", source: "feed", ages: AgeRange(min: 0, max: 99)),
        imported("feed:teens", source: "feed", ages: AgeRange(min: 13, max: 18)),
        imported("feed:young", source: "feed", ages: AgeRange(min: 0, max: 17)),
        imported("seed:everyone", source: "seed", ages: AgeRange(min: 0, max: 99)),
    ]

    static let oldLocations = [
        Location(
            id: "feed:located", organizationID: "feed:org", name: "Located", coordinates: Coordinates(lat: 41.6, lon: -93.6),
            transitAccessible: false, provenance: Provenance(source: "feed", externalID: "located")),
        Location(id: "feed:unlocated", organizationID: "feed:org", name: "Unlocated", transitAccessible: true,
                 provenance: Provenance(source: "feed", externalID: "unlocated")),
        Location(
            id: "seed:located", organizationID: "feed:org", name: "Seed site", coordinates: Coordinates(lat: 41.5, lon: -93.5),
            transitAccessible: true, provenance: Provenance(source: "seed", externalID: "located")),
    ]

    /// The rows above as version 10's tables held them, with a link and a facet row referring to them.
    static func writeVersionTenRows(on sql: any SQLDatabase) async throws {
        try await sql.insertRows([OrganizationRow(Self.organization)], into: "organizations", replacingByID: false)
        try await sql.insertRows(Self.oldLocations.map { VersionTenRow(row: LocationRow($0)) }, into: "locations", replacingByID: false)
        try await sql.insertRows(
            Self.oldServices.map { VersionTenRow(row: ServiceRow($0, organizationName: "Quiet Agency")) }, into: "services",
            replacingByID: false)
        try await sql.insertRows(
            [ServiceAtLocationRow(id: "feed:link", service_id: "feed:defaulted", location_id: "feed:located")],
            into: "services_at_location", replacingByID: false)
        try await sql.raw("INSERT INTO service_languages (service_id, language) VALUES ('feed:defaulted', 'en')").run()
    }

    @Test(arguments: TestBackend.available)
    func migrationElevenTurnsDefaultedFactsIntoUnknowns(backend: TestBackend) async throws {
        try await withFreshStore(backend, migrating: false) { oldStore async throws in
            let old = oldStore.database
            #expect(try await old.migrate(through: 10) == Array(1...10))
            try await Self.writeVersionTenRows(on: old.sql)
            // A later start of the server: a new pool, migrating before anything else.
            try await Database.withOpen(old.location, logger: TestBackend.logger) { database in
                try await Self.checkMigration(of: DirectoryStore(database: database))
            }
        }
    }

    static func checkMigration(of store: DirectoryStore) async throws {
        let database = store.database
        #expect(try await database.migrate() == Database.schemaVersions.filter { $0 >= 11 })
        #expect(try await database.appliedMigrations() == Database.schemaVersions)

        // Ages of exactly 0–99 from a feed were the importers' filler; the seed's are its own.
        let defaulted = try #require(try await store.service(id: "feed:defaulted"))
        #expect(defaulted.ages == AgeRange())
        var expected = Self.oldServices[0]
        expected.ages = AgeRange()
        #expect(defaulted == expected)
        #expect(try await store.service(id: "feed:teens") == Self.oldServices[1])
        #expect(try await store.service(id: "feed:young") == Self.oldServices[2])
        #expect(try await store.service(id: "seed:everyone") == Self.oldServices[3])
        // What cannot be told from a stated fact stays as it was.
        #expect(defaulted.cost == Cost(kind: .free) && defaulted.enrollment.status == .open && defaulted.languages == [.english])

        let sites = try await store.snapshot().locations
        let byID = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0) })
        #expect(byID["feed:located"]?.coordinatesPrecision == .stated)
        #expect(byID["feed:located"]?.transitAccessible == false)
        #expect(byID["feed:unlocated"]?.coordinatesPrecision == nil)
        #expect(byID["feed:unlocated"]?.transitAccessible == true)
        #expect(byID["seed:located"]?.coordinatesPrecision == nil)
        #expect(try await store.locations(ofServices: ["feed:defaulted"])["feed:defaulted"]?.map(\.id) == ["feed:located"])

        // The rebuilt tables take unknowns, keep their indexes and still enforce references.
        try await store.save(Self.snapshot)
        #expect(try await store.service(id: "feed:blank") == Self.unknown)
        let indexes = try await DirectoryIndexTests.indexNames(on: database)
        #expect(indexes.isSuperset(of: ["services_organization", "locations_organization", "locations_lat_lon"]))
        let broken = DirectorySnapshot(servicesAtLocation: [ServiceAtLocation(id: "x", serviceID: "feed:missing", locationID: "feed:located")])
        await #expect(throws: (any Error).self) { try await store.save(broken) }
        #expect(try await store.services(matching: ServiceQuery(age: 12)).items.map(\.service.id) == ["seed:everyone", "feed:young"].sorted())
    }
}
