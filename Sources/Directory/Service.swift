/// A service an organization offers (HSDS `service`), with every facet the matcher uses.
public struct Service: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var organizationID: String
    public var name: String
    public var description: String
    public var url: String?
    public var email: String?
    public var domains: [Domain]
    public var intensity: Intensity
    public var ages: AgeRange
    public var settings: [Setting]
    public var transportation: Transportation
    public var languages: [LanguageCode]
    public var interpreterAvailable: Bool
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
        url: String? = nil, email: String? = nil, domains: [Domain], intensity: Intensity,
        ages: AgeRange = AgeRange(), settings: [Setting] = [], transportation: Transportation = .none,
        languages: [LanguageCode] = [.english], interpreterAvailable: Bool = false,
        cost: Cost = Cost(kind: .free), enrollment: Enrollment = Enrollment(status: .open),
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

    enum CodingKeys: String, CodingKey {
        case id, name, description, url, email, domains, intensity, ages, settings, transportation
        case languages, cost, enrollment, hours, phones, provenance, active
        case organizationID = "organization_id"
        case interpreterAvailable = "interpreter_available"
        case serviceArea = "service_area"
        case taxonomyCodes = "taxonomy_codes"
    }
}

/// Ages served, in whole years, both ends inclusive.
public struct AgeRange: Codable, Sendable, Hashable {
    public var min: Int
    public var max: Int

    public init(min: Int = 0, max: Int = 99) {
        self.min = min
        self.max = max
    }

    public func contains(_ age: Int) -> Bool { (min...max).contains(age) }
}

public struct Cost: Codable, Sendable, Hashable {
    public var kind: CostKind
    /// Coverage the service accepts; `.uninsured` means families without coverage are served.
    public var insurance: [Insurance]

    public init(kind: CostKind, insurance: [Insurance] = []) {
        self.kind = kind
        self.insurance = insurance
    }

    /// Whether a family with this coverage can use the service.
    /// Free services serve everyone; otherwise the coverage must be accepted.
    public func accepts(_ coverage: Insurance) -> Bool {
        kind == .free || insurance.contains(coverage)
    }
}

public struct Enrollment: Codable, Sendable, Hashable {
    public var status: EnrollmentStatus
    /// Expected wait when `status == .waitlist`.
    public var waitlistWeeks: Int?
    /// Open places, when the partner reports it.
    public var capacity: Int?
    public var intakeMethods: [IntakeMethod]

    public init(status: EnrollmentStatus, waitlistWeeks: Int? = nil, capacity: Int? = nil, intakeMethods: [IntakeMethod] = []) {
        self.status = status
        self.waitlistWeeks = waitlistWeeks
        self.capacity = capacity
        self.intakeMethods = intakeMethods
    }

    enum CodingKeys: String, CodingKey {
        case status, capacity
        case waitlistWeeks = "waitlist_weeks"
        case intakeMethods = "intake_methods"
    }
}
