import Directory
import Storage

/// Finding services in the directory by facet, place and keyword (`GET /api/v1/services` and the
/// coordinator's "Find services" page).
///
/// Decisions where the API and the page used to differ: a keyword over 200 characters is refused
/// on both (the page cut it silently), and so is a radius without a place to measure it from (the
/// page ignored it and searched everywhere).
public struct ServiceSearch: Sendable {
    public let directory: DirectoryStore

    public init(directory: DirectoryStore) {
        self.directory = directory
    }

    public static let ages = 0...120
    public static let radiiKm = 0.1...500.0
    public static let longestKeyword = 200

    /// The first problem with the query, named by its API parameter.
    public static func check(_ query: ServiceQuery) throws(ServiceSearchError) {
        if let age = query.age, !ages.contains(age) {
            throw ServiceSearchError(field: "age", message: "age \(age) is not from \(ages.lowerBound) to \(ages.upperBound)")
        }
        if let radius = query.radiusKm {
            guard query.near != nil else {
                throw ServiceSearchError(field: "radius_km", message: "a radius needs a place to measure from (near)")
            }
            guard radius.isFinite, radiiKm.contains(radius) else {
                throw ServiceSearchError(field: "radius_km", message: "a radius of \(radius) km is not from \(radiiKm.lowerBound) to \(radiiKm.upperBound) km")
            }
        }
        if let keyword = query.keyword, keyword.count > longestKeyword {
            throw ServiceSearchError(field: "q", message: "the keyword is longer than \(longestKeyword) characters")
        }
    }

    /// One page of matching services. Throws `ServiceSearchError` for a query `check` refuses.
    public func search(_ query: ServiceQuery) async throws -> ServicePage {
        try Self.check(query)
        return try await directory.services(matching: query)
    }

    /// The most services `nearestFirst` sorts; past them the rest keep the store's id order.
    public static let nearestFirstCap = 5_000

    /// One page of the services near `query.near`, nearest first (ties by id), from `offset`: what
    /// a coordinator looking for a place close to a school wants to read first. Without a place it
    /// is `search` (id order). The store pages by id, so every service in the radius is read and
    /// sorted here; the radius (at most 500 km) and `nearestFirstCap` bound that.
    public func nearestFirst(_ query: ServiceQuery, offset: Int) async throws -> (items: [ServicePage.Item], nextOffset: Int?) {
        try Self.check(query)
        guard query.near != nil else {
            let page = try await directory.services(matching: query)
            return (page.items, nil)
        }
        var all: [ServicePage.Item] = []
        var batch = query
        batch.limit = ServiceQuery.maxLimit
        batch.afterID = nil
        while true {
            let page = try await directory.services(matching: batch)
            all += page.items
            guard let next = page.nextAfterID, all.count < Self.nearestFirstCap else { break }
            batch.afterID = next
        }
        all.sort { a, b in
            let (x, y) = (a.distanceKm ?? .infinity, b.distanceKm ?? .infinity)
            return x != y ? x < y : a.service.id < b.service.id
        }
        let start = min(max(0, offset), all.count)
        let items = Array(all[start...].prefix(max(0, query.limit)))
        let end = start + items.count
        return (items, end < all.count ? end : nil)
    }
}

public struct ServiceSearchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The API's parameter name.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}
