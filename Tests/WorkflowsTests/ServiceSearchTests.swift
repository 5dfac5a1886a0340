import Directory
import Foundation
import Storage
import Testing
import TestSupport
import Workflows

/// The service search use case: the query's ranges, once for the API and the page.
@Suite("Service search")
struct ServiceSearchTests {
    @Test(arguments: [
        (ServiceQuery(age: 121), "age"), (ServiceQuery(age: -1), "age"),
        (ServiceQuery(radiusKm: 5), "radius_km"),
        (ServiceQuery(near: Coordinates(lat: 41.6, lon: -93.6), radiusKm: 0), "radius_km"),
        (ServiceQuery(near: Coordinates(lat: 41.6, lon: -93.6), radiusKm: 501), "radius_km"),
        (ServiceQuery(keyword: String(repeating: "k", count: 201)), "q"),
    ])
    func aQueryOutOfRangeNamesItsParameter(query: ServiceQuery, field: String) {
        #expect(throws: ServiceSearchError.self) { try ServiceSearch.check(query) }
        do {
            try ServiceSearch.check(query)
        } catch {
            #expect(error.field == field)
        }
    }

    @Test func theEdgesOfEachRangeAreAllowed() throws {
        try ServiceSearch.check(ServiceQuery(age: 0))
        try ServiceSearch.check(ServiceQuery(age: 120))
        try ServiceSearch.check(ServiceQuery(near: Coordinates(lat: 41.6, lon: -93.6), radiusKm: 0.1))
        try ServiceSearch.check(ServiceQuery(near: Coordinates(lat: 41.6, lon: -93.6), radiusKm: 500))
        try ServiceSearch.check(ServiceQuery(keyword: String(repeating: "k", count: 200)))
    }

    @Test(arguments: TestBackend.available)
    func aSearchIsTheStoresAnswerForAnAcceptedQuery(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let search = ServiceSearch(directory: store)
            let query = ServiceQuery(domain: .health, limit: 500)
            let found = try await search.search(query)
            #expect(!found.items.isEmpty)
            #expect(found.items.map(\.service.id) == (try await store.services(matching: query)).items.map(\.service.id))
            #expect(found.items.allSatisfy { $0.service.domains.contains(.health) })
            await #expect(throws: ServiceSearchError.self) { try await search.search(ServiceQuery(radiusKm: 3)) }
        }
    }

    /// Issue 22, item 6: near a place, nearest first, paged by position without a service twice or lost.
    @Test(arguments: TestBackend.available)
    func nearAPlaceTheResultsAreNearestFirstAndPageWithoutLoss(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let search = ServiceSearch(directory: store)
            let school = try #require(try await store.schools().first)
            let query = ServiceQuery(near: school.coordinates, radiusKm: 25, limit: 7)
            var seen: [ServicePage.Item] = []
            var offset: Int? = 0
            while let from = offset {
                let page = try await search.nearestFirst(query, offset: from)
                #expect(page.items.count <= 7)
                seen += page.items
                offset = page.nextOffset
            }
            let everyOne = try await store.services(matching: ServiceQuery(near: school.coordinates, radiusKm: 25, limit: 500))
            #expect(seen.count > 7, "the seed should have more than one page near a school")
            #expect(Set(seen.map(\.service.id)) == Set(everyOne.items.map(\.service.id)) && seen.count == everyOne.items.count)
            let distances = seen.map { $0.distanceKm ?? .infinity }
            #expect(distances == distances.sorted(), "nearest first")
            // Without a place it is the ordinary search.
            let plain = try await search.nearestFirst(ServiceQuery(limit: 5), offset: 0)
            #expect(plain.items.map(\.service.id) == (try await search.search(ServiceQuery(limit: 5))).items.map(\.service.id))
        }
    }
}
