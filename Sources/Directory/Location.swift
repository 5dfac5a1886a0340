/// A physical site of an organization (HSDS `location`).
public struct Location: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var organizationID: String
    public var name: String
    public var address: Address?
    public var coordinates: Coordinates?
    /// Whether a public transit stop serves the site.
    public var transitAccessible: Bool
    public var provenance: Provenance
    public var active: Bool

    public init(
        id: String, organizationID: String, name: String, address: Address? = nil,
        coordinates: Coordinates? = nil, transitAccessible: Bool = false, provenance: Provenance,
        active: Bool = true
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.address = address
        self.coordinates = coordinates
        self.transitAccessible = transitAccessible
        self.provenance = provenance
        self.active = active
    }

    enum CodingKeys: String, CodingKey {
        case id, name, address, coordinates, provenance, active
        case organizationID = "organization_id"
        case transitAccessible = "transit_accessible"
    }
}

/// A service delivered at a location (HSDS `service_at_location`).
public struct ServiceAtLocation: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var serviceID: String
    public var locationID: String

    public init(id: String, serviceID: String, locationID: String) {
        self.id = id
        self.serviceID = serviceID
        self.locationID = locationID
    }

    enum CodingKeys: String, CodingKey {
        case id
        case serviceID = "service_id"
        case locationID = "location_id"
    }
}
