/// A whole directory (or one feed's part of it) as plain records: what seeds, importers and exports exchange.
public struct DirectorySnapshot: Codable, Sendable, Hashable {
    public var organizations: [Organization]
    public var locations: [Location]
    public var services: [Service]
    public var servicesAtLocation: [ServiceAtLocation]

    public init(
        organizations: [Organization] = [], locations: [Location] = [], services: [Service] = [],
        servicesAtLocation: [ServiceAtLocation] = []
    ) {
        self.organizations = organizations
        self.locations = locations
        self.services = services
        self.servicesAtLocation = servicesAtLocation
    }

    enum CodingKeys: String, CodingKey {
        case organizations, locations, services
        case servicesAtLocation = "services_at_location"
    }
}
