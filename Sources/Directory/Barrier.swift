/// A coordinator's word for what keeps a student from school (seed vocabulary),
/// mapped to the facets and AIRS taxonomy prefixes that serve it.
public struct Barrier: Codable, Sendable, Hashable, Identifiable {
    /// Stable code, e.g. "housing_instability".
    public var id: String
    public var label: String
    public var description: String
    public var domains: [Domain]
    public var intensities: [Intensity]
    /// AIRS/211 taxonomy code prefixes, e.g. "BH-1800" matches "BH-1800.8500", and Open Eligibility
    /// terms as codes ("OE:Food Pantry", see `OpenEligibility`).
    public var taxonomyPrefixes: [String]

    public init(
        id: String, label: String, description: String = "", domains: [Domain], intensities: [Intensity],
        taxonomyPrefixes: [String]
    ) {
        self.id = id
        self.label = label
        self.description = description
        self.domains = domains
        self.intensities = intensities
        self.taxonomyPrefixes = taxonomyPrefixes
    }

    /// Whether a service is meant for this barrier: one of its taxonomy codes falls under a prefix.
    /// Codes that describe the provider or the people served never do (see `Taxonomy.describesService`).
    public func isServed(by service: Service) -> Bool {
        service.taxonomyCodes.contains(where: covers)
    }

    /// Whether a taxonomy code ties a service to this barrier.
    public func covers(_ code: String) -> Bool {
        taxonomyPrefixes.contains { Taxonomy.code(code, isUnder: $0) } && Taxonomy.describesService(code)
    }

    enum CodingKeys: String, CodingKey {
        case id, label, description, domains, intensities
        case taxonomyPrefixes = "taxonomy_prefixes"
    }
}

/// A school of the district.
public struct School: Codable, Sendable, Hashable, Identifiable {
    public enum Level: String, Codable, Sendable, Hashable, CaseIterable {
        case elementary, middle, high, k8 = "k_8", alternative
    }

    public var id: String
    public var name: String
    public var level: Level
    /// Lowest and highest grade, kindergarten = 0.
    public var gradeMin: Int
    public var gradeMax: Int
    public var address: Address
    public var coordinates: Coordinates

    public init(id: String, name: String, level: Level, gradeMin: Int, gradeMax: Int, address: Address, coordinates: Coordinates) {
        self.id = id
        self.name = name
        self.level = level
        self.gradeMin = gradeMin
        self.gradeMax = gradeMax
        self.address = address
        self.coordinates = coordinates
    }

    enum CodingKeys: String, CodingKey {
        case id, name, level, address, coordinates
        case gradeMin = "grade_min"
        case gradeMax = "grade_max"
    }
}
