import Directory
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Service filters in SQL")
struct ServiceQueryTests {
    static let downtown = Coordinates(lat: 41.590, lon: -93.620)

    /// Queries that exercise every filter, alone and combined.
    static let queries: [ServiceQuery] = [
        ServiceQuery(limit: 500),
        ServiceQuery(domain: .health, limit: 500),
        ServiceQuery(intensity: .intensive, limit: 500),
        ServiceQuery(age: 4, limit: 500),
        ServiceQuery(language: .spanish, limit: 500),
        ServiceQuery(language: LanguageCode(rawValue: "vi")!, limit: 500),
        ServiceQuery(insurance: .medicaid, limit: 500),
        ServiceQuery(insurance: .uninsured, limit: 500),
        ServiceQuery(setting: .homeVisit, limit: 500),
        ServiceQuery(enrollment: .waitlist, limit: 500),
        ServiceQuery(near: downtown, radiusKm: 3, limit: 500),
        ServiceQuery(keyword: "COUNSEL", limit: 500),
        ServiceQuery(domain: .socialEmotional, intensity: .earlyIntervention, age: 13, language: .spanish,
                     insurance: .medicaid, limit: 500),
        ServiceQuery(domain: .health, language: .spanish, near: downtown, radiusKm: 8, limit: 500),
        ServiceQuery(includeInactive: true, limit: 500),
    ]

    /// The same answer as the SQL, computed from the records in memory.
    static func expected(_ query: ServiceQuery, seed: Seed) -> [String] {
        let directory = seed.directory
        let organizations = Dictionary(uniqueKeysWithValues: directory.organizations.map { ($0.id, $0) })
        let locations = Dictionary(uniqueKeysWithValues: directory.locations.map { ($0.id, $0) })
        let sites = Dictionary(grouping: directory.servicesAtLocation, by: \.serviceID)
        return directory.services.filter { service in
            if !query.includeInactive, !service.active { return false }
            if let domain = query.domain, !service.domains.contains(domain) { return false }
            if let intensity = query.intensity, service.intensity != intensity { return false }
            if let age = query.age, !(service.ages.isStated && service.ages.contains(age)) { return false }
            if let language = query.language, !service.languages.contains(language) { return false }
            if let insurance = query.insurance, service.cost.accepts(insurance) != true { return false }
            if let setting = query.setting, !service.settings.contains(setting) { return false }
            if let enrollment = query.enrollment, service.enrollment.status != enrollment { return false }
            if let near = query.near {
                let distances = (sites[service.id] ?? []).compactMap { locations[$0.locationID]?.coordinates?.distanceKm(to: near) }
                // The SQL's equirectangular test may differ from haversine within a hair of the edge.
                guard let nearest = distances.min(), nearest <= query.effectiveRadiusKm * 1.001 else { return false }
            }
            if let keyword = query.keyword?.lowercased() {
                let text = [service.name, service.description, organizations[service.organizationID]?.name ?? ""]
                    .joined(separator: " ").lowercased()
                if !text.contains(keyword) { return false }
            }
            return true
        }.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    @Test(arguments: TestBackend.available)
    func filtersAgreeWithTheRecords(backend: TestBackend) async throws {
        let seed = try loadSeed()
        try await withSeededStore(backend) { store async throws in
            for query in Self.queries {
                let ids = try await store.services(matching: query).items.map(\.service.id)
                #expect(ids == Self.expected(query, seed: seed), "\(query)")
            }
        }
    }

    @Test(.enabled(if: TestBackend.available.contains(.postgres), "needs PostgreSQL: run scripts/test"))
    func sqliteAndPostgresGiveTheSameResults() async throws {
        let sqlite = try await withSeededStore(.sqlite) { try await Self.answers($0) }
        let postgres = try await withSeededStore(.postgres) { try await Self.answers($0) }
        #expect(sqlite.count == Self.queries.count + 1)
        #expect(sqlite == postgres)
    }

    /// Each query's ids and rounded distances, then every page of a paged walk.
    static func answers(_ store: DirectoryStore) async throws -> [[String]] {
        var answers: [[String]] = []
        for query in queries {
            answers.append(try await store.services(matching: query).items.map { item in
                item.service.id + (item.distanceKm.map { String(format: "@%.3f", $0) } ?? "")
            })
        }
        var paged: [String] = []
        var query = ServiceQuery(domain: .family, limit: 7)
        while true {
            let page = try await store.services(matching: query)
            paged.append(page.items.map(\.service.id).joined(separator: ","))
            guard let next = page.nextAfterID else { break }
            query.afterID = next
        }
        answers.append(paged)
        return answers
    }

    @Test(arguments: TestBackend.available)
    func pagingVisitsEveryServiceOnce(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            var seen: [String] = []
            var query = ServiceQuery(limit: 37)
            var pages = 0
            repeat {
                let page = try await store.services(matching: query)
                #expect(page.items.count <= 37)
                seen += page.items.map(\.service.id)
                query.afterID = page.nextAfterID
                pages += 1
            } while query.afterID != nil && pages < 100
            let all = try await store.services(matching: ServiceQuery(limit: 500)).items.map(\.service.id)
            #expect(seen == all)
            #expect(Set(seen).count == seen.count)
        }
    }

    @Test(arguments: TestBackend.available)
    func keywordWildcardsAreLiteral(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            #expect(try await store.services(matching: ServiceQuery(keyword: "%")).items.isEmpty)
            #expect(try await store.services(matching: ServiceQuery(keyword: "_")).items.isEmpty)
        }
    }
}
