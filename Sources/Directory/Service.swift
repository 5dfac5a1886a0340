/// A service an organization offers (HSDS `service`), with every facet the matcher uses.
///
/// Every facet may be unknown: nil, or an empty list, means the feed did not state it. An unknown
/// is never filled with a convenient default (DESIGN.md, "Not stated is a value").
public struct Service: Sendable, Hashable, Identifiable {
    public var id: String
    public var organizationID: String
    public var name: String
    public var description: String
    public var url: String?
    public var email: String?
    /// `[]` when not stated.
    public var domains: [Domain]
    public var intensity: Intensity?
    public var ages: AgeRange
    /// `[]` when not stated.
    public var settings: [Setting]
    public var transportation: Transportation?
    /// `[]` when not stated: no language is assumed.
    public var languages: [LanguageCode]
    public var interpreterAvailable: Bool?
    public var cost: Cost
    public var enrollment: Enrollment
    public var hours: [OpeningHours]
    public var serviceArea: ServiceArea
    /// AIRS/211 taxonomy codes, e.g. "RP-1400.8000".
    public var taxonomyCodes: [String]
    public var phones: [Phone]
    public var provenance: Provenance
    public var active: Bool

    public init(
        id: String, organizationID: String, name: String, description: String = "",
        url: String? = nil, email: String? = nil, domains: [Domain], intensity: Intensity?,
        ages: AgeRange = AgeRange(), settings: [Setting] = [], transportation: Transportation? = nil,
        languages: [LanguageCode] = [], interpreterAvailable: Bool? = nil,
        cost: Cost = Cost(), enrollment: Enrollment = Enrollment(),
        hours: [OpeningHours] = [], serviceArea: ServiceArea = ServiceArea(), taxonomyCodes: [String] = [],
        phones: [Phone] = [], provenance: Provenance, active: Bool = true
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.description = description
        self.url = url
        self.email = email
        self.domains = domains
        self.intensity = intensity
        self.ages = ages
        self.settings = settings
        self.transportation = transportation
        self.languages = languages
        self.interpreterAvailable = interpreterAvailable
        self.cost = cost
        self.enrollment = enrollment
        self.hours = hours
        self.serviceArea = serviceArea
        self.taxonomyCodes = taxonomyCodes
        self.phones = phones
        self.provenance = provenance
        self.active = active
    }
}

extension Service: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, description, url, email, domains, intensity, ages, settings, transportation
        case languages, cost, enrollment, hours, phones, provenance, active
        case organizationID = "organization_id"
        case interpreterAvailable = "interpreter_available"
        case serviceArea = "service_area"
        case taxonomyCodes = "taxonomy_codes"
    }

    /// A facet's key missing or null reads as not stated.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            organizationID: try container.decode(String.self, forKey: .organizationID),
            name: try container.decode(String.self, forKey: .name),
            description: try container.decode(String.self, forKey: .description),
            url: try container.decodeIfPresent(String.self, forKey: .url),
            email: try container.decodeIfPresent(String.self, forKey: .email),
            domains: try container.decodeIfPresent([Domain].self, forKey: .domains) ?? [],
            intensity: try container.decodeIfPresent(Intensity.self, forKey: .intensity),
            ages: try container.decodeIfPresent(AgeRange.self, forKey: .ages) ?? AgeRange(),
            settings: try container.decodeIfPresent([Setting].self, forKey: .settings) ?? [],
            transportation: try container.decodeIfPresent(Transportation.self, forKey: .transportation),
            languages: try container.decodeIfPresent([LanguageCode].self, forKey: .languages) ?? [],
            interpreterAvailable: try container.decodeIfPresent(Bool.self, forKey: .interpreterAvailable),
            cost: try container.decodeIfPresent(Cost.self, forKey: .cost) ?? Cost(),
            enrollment: try container.decodeIfPresent(Enrollment.self, forKey: .enrollment) ?? Enrollment(),
            hours: try container.decode([OpeningHours].self, forKey: .hours),
            serviceArea: try container.decode(ServiceArea.self, forKey: .serviceArea),
            taxonomyCodes: try container.decode([String].self, forKey: .taxonomyCodes),
            phones: try container.decode([Phone].self, forKey: .phones),
            provenance: try container.decode(Provenance.self, forKey: .provenance),
            active: try container.decode(Bool.self, forKey: .active))
    }

    /// Facets not stated are written as `null` (or `[]`), never left out, so a client tells
    /// "not stated" from a field it does not know.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(organizationID, forKey: .organizationID)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encode(domains, forKey: .domains)
        try container.encode(intensity, forKey: .intensity)
        try container.encode(ages, forKey: .ages)
        try container.encode(settings, forKey: .settings)
        try container.encode(transportation, forKey: .transportation)
        try container.encode(languages, forKey: .languages)
        try container.encode(interpreterAvailable, forKey: .interpreterAvailable)
        try container.encode(cost, forKey: .cost)
        try container.encode(enrollment, forKey: .enrollment)
        try container.encode(hours, forKey: .hours)
        try container.encode(serviceArea, forKey: .serviceArea)
        try container.encode(taxonomyCodes, forKey: .taxonomyCodes)
        try container.encode(phones, forKey: .phones)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(active, forKey: .active)
    }
}
