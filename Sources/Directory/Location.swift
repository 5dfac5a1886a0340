/// A physical site of an organization (HSDS `location`).
public struct Location: Sendable, Hashable, Identifiable {
    public var id: String
    public var organizationID: String
    public var name: String
    public var address: Address?
    public var coordinates: Coordinates?
    /// How `coordinates` were obtained; nil when there are none or the source does not say.
    public var coordinatesPrecision: CoordinatesPrecision?
    /// Whether a public transit stop serves the site; nil when not stated.
    public var transitAccessible: Bool?
    public var provenance: Provenance
    public var active: Bool

    public init(
        id: String, organizationID: String, name: String, address: Address? = nil,
        coordinates: Coordinates? = nil, coordinatesPrecision: CoordinatesPrecision? = nil, transitAccessible: Bool? = nil,
        provenance: Provenance, active: Bool = true
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.address = address
        self.coordinates = coordinates
        self.coordinatesPrecision = coordinatesPrecision
        self.transitAccessible = transitAccessible
        self.provenance = provenance
        self.active = active
    }
}

extension Location: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, address, coordinates, provenance, active
        case organizationID = "organization_id"
        case coordinatesPrecision = "coordinates_precision"
        case transitAccessible = "transit_accessible"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            organizationID: try container.decode(String.self, forKey: .organizationID),
            name: try container.decode(String.self, forKey: .name),
            address: try container.decodeIfPresent(Address.self, forKey: .address),
            coordinates: try container.decodeIfPresent(Coordinates.self, forKey: .coordinates),
            coordinatesPrecision: try container.decodeIfPresent(CoordinatesPrecision.self, forKey: .coordinatesPrecision),
            transitAccessible: try container.decodeIfPresent(Bool.self, forKey: .transitAccessible),
            provenance: try container.decode(Provenance.self, forKey: .provenance),
            active: try container.decode(Bool.self, forKey: .active))
    }

    /// `transit_accessible` and `coordinates_precision` are written as `null` when not stated.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(organizationID, forKey: .organizationID)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(address, forKey: .address)
        try container.encodeIfPresent(coordinates, forKey: .coordinates)
        try container.encode(coordinatesPrecision, forKey: .coordinatesPrecision)
        try container.encode(transitAccessible, forKey: .transitAccessible)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(active, forKey: .active)
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
