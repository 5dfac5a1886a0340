import Foundation

/// A WGS 84 point.
public struct Coordinates: Codable, Sendable, Hashable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    public var isValid: Bool { (-90...90).contains(lat) && (-180...180).contains(lon) }

    /// Great-circle distance in kilometres (haversine).
    public func distanceKm(to other: Coordinates) -> Double {
        let earthRadiusKm = 6371.0088
        let dLat = (other.lat - lat) * .pi / 180
        let dLon = (other.lon - lon) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2)
            + cos(lat * .pi / 180) * cos(other.lat * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(a)))
    }
}

/// Where a service takes clients from: postal codes, a radius around its sites, or both.
/// Empty means "no restriction stated".
public struct ServiceArea: Codable, Sendable, Hashable {
    public var postalCodes: [String]
    public var radiusKm: Double?

    public init(postalCodes: [String] = [], radiusKm: Double? = nil) {
        self.postalCodes = postalCodes
        self.radiusKm = radiusKm
    }
}

public struct Address: Codable, Sendable, Hashable {
    public var address1: String
    public var city: String
    public var region: String
    public var postalCode: String
    public var country: String

    public init(address1: String, city: String, region: String, postalCode: String, country: String = "US") {
        self.address1 = address1
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }
}
