import Directory
import Foundation
import Hummingbird

// Response bodies. Directory models already encode in snake_case; these add what a client
// needs alongside them (names, distances, related records) without a second request.

/// A service as listed: every facet, plus its organization's name and distance when asked `near`.
struct ServiceResource: ResponseEncodable {
    var service: Service
    var organizationName: String
    var distanceKm: Double?
    var locations: [Location]?

    enum ExtraKeys: String, CodingKey {
        case organizationName = "organization_name"
        case distanceKm = "distance_km"
        case locations
        case timeWindows = "time_windows"
    }

    func encode(to encoder: any Encoder) throws {
        try service.encode(to: encoder)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encode(organizationName, forKey: .organizationName)
        try extra.encode(service.hours.timeWindows, forKey: .timeWindows)
        if let distanceKm {
            try extra.encode((distanceKm * 100).rounded() / 100, forKey: .distanceKm)
        }
        try extra.encodeIfPresent(locations, forKey: .locations)
    }
}

struct ServiceListResource: ResponseEncodable {
    var items: [ServiceResource]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items, count
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(items.count, forKey: .count)
        // Always present, null on the last page, so clients can loop on it.
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

struct OrganizationResource: ResponseEncodable {
    var organization: Organization
    var services: [Service]
    var locations: [Location]

    enum ExtraKeys: String, CodingKey { case services, locations }

    func encode(to encoder: any Encoder) throws {
        try organization.encode(to: encoder)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encode(services, forKey: .services)
        try extra.encode(locations, forKey: .locations)
    }
}

struct ListResource<Item: Encodable & Sendable>: ResponseEncodable {
    var items: [Item]
}

struct HealthResource: ResponseEncodable {
    struct DatabaseStatus: Encodable, Sendable {
        var backend: String
        var reachable: Bool
        var migrations: [Int]?
        var error: String?
    }

    var status: String
    var database: DatabaseStatus
    var counts: CountsResource?
}

struct CountsResource: Encodable, Sendable {
    var organizations: Int
    var locations: Int
    var services: Int
    var barriers: Int
    var schools: Int
}
