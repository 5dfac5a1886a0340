/// The service filters of `GET /api/v1/services`, validated; every store answers them in SQL.
public struct ServiceQuery: Sendable, Hashable {
    public var domain: Domain?
    public var intensity: Intensity?
    public var age: Int?
    public var language: LanguageCode?
    public var insurance: Insurance?
    public var setting: Setting?
    public var enrollment: EnrollmentStatus?
    public var near: Coordinates?
    /// Used with `near`; defaults to `ServiceQuery.defaultRadiusKm`.
    public var radiusKm: Double?
    /// Case-insensitive keyword over service and organization names and descriptions.
    public var keyword: String?
    /// Include services withdrawn from their feed.
    public var includeInactive: Bool
    public var limit: Int
    /// Page after this service id (services are ordered by id).
    public var afterID: String?

    public static let defaultLimit = 50
    public static let maxLimit = 500
    public static let defaultRadiusKm = 10.0

    public init(
        domain: Domain? = nil, intensity: Intensity? = nil, age: Int? = nil, language: LanguageCode? = nil,
        insurance: Insurance? = nil, setting: Setting? = nil, enrollment: EnrollmentStatus? = nil,
        near: Coordinates? = nil, radiusKm: Double? = nil, keyword: String? = nil, includeInactive: Bool = false,
        limit: Int = ServiceQuery.defaultLimit, afterID: String? = nil
    ) {
        self.domain = domain
        self.intensity = intensity
        self.age = age
        self.language = language
        self.insurance = insurance
        self.setting = setting
        self.enrollment = enrollment
        self.near = near
        self.radiusKm = radiusKm
        self.keyword = keyword
        self.includeInactive = includeInactive
        self.limit = limit
        self.afterID = afterID
    }

    public var effectiveRadiusKm: Double { radiusKm ?? Self.defaultRadiusKm }
}

/// One page of services, with the distance to `near` when the query had one.
public struct ServicePage: Sendable {
    public struct Item: Sendable {
        public var service: Service
        public var organizationName: String
        /// Distance from the query point to the service's nearest site.
        public var distanceKm: Double?

        public init(service: Service, organizationName: String, distanceKm: Double? = nil) {
            self.service = service
            self.organizationName = organizationName
            self.distanceKm = distanceKm
        }
    }

    public var items: [Item]
    /// The id to continue after, or nil on the last page.
    public var nextAfterID: String?

    public init(items: [Item], nextAfterID: String?) {
        self.items = items
        self.nextAfterID = nextAfterID
    }
}
