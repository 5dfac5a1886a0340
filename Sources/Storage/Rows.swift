import Directory
import Foundation

// Row types mirror the tables column for column (hence the snake_case names);
// they convert to and from the Directory model and nothing else.

struct OrganizationRow: Codable, Sendable {
    var id: String
    var name: String
    var description: String
    var url: String?
    var email: String?
    var phones: String
    var source: String
    var external_id: String
    var imported_at: Int?
    var last_verified_at: Int?
    var active: Int

    init(_ organization: Organization) {
        id = organization.id
        name = organization.name
        description = organization.description
        url = organization.url
        email = organization.email
        phones = JSONColumn.encode(organization.phones)
        source = organization.provenance.source
        external_id = organization.provenance.externalID
        imported_at = Clock.seconds(organization.provenance.importedAt)
        last_verified_at = Clock.seconds(organization.provenance.lastVerifiedAt)
        active = organization.active ? 1 : 0
    }

    func model() throws -> Organization {
        Organization(
            id: id, name: name, description: description, url: url, email: email,
            phones: try JSONColumn.decode([Phone].self, from: phones, column: "organizations.phones"),
            provenance: Provenance(
                source: source, externalID: external_id, importedAt: Clock.date(imported_at),
                lastVerifiedAt: Clock.date(last_verified_at)),
            active: active != 0)
    }
}

struct LocationRow: Codable, Sendable {
    var id: String
    var organization_id: String
    var name: String
    var address_1: String?
    var city: String?
    var region: String?
    var postal_code: String?
    var country: String?
    var lat: Double?
    var lon: Double?
    var transit_accessible: Int?
    var source: String
    var external_id: String
    var imported_at: Int?
    var last_verified_at: Int?
    var active: Int
    var coordinates_precision: String?

    init(_ location: Location) {
        id = location.id
        organization_id = location.organizationID
        name = location.name
        address_1 = location.address?.address1
        city = location.address?.city
        region = location.address?.region
        postal_code = location.address?.postalCode
        country = location.address?.country
        lat = location.coordinates?.lat
        lon = location.coordinates?.lon
        transit_accessible = location.transitAccessible.map { $0 ? 1 : 0 }
        source = location.provenance.source
        external_id = location.provenance.externalID
        imported_at = Clock.seconds(location.provenance.importedAt)
        last_verified_at = Clock.seconds(location.provenance.lastVerifiedAt)
        active = location.active ? 1 : 0
        coordinates_precision = location.coordinatesPrecision?.rawValue
    }

    func model() throws -> Location {
        var address: Address?
        if let address_1, let city {
            address = Address(
                address1: address_1, city: city, region: region ?? "", postalCode: postal_code ?? "",
                country: country ?? "US")
        }
        var coordinates: Coordinates?
        if let lat, let lon { coordinates = Coordinates(lat: lat, lon: lon) }
        let precision = try coordinates_precision.map {
            try vocabulary(CoordinatesPrecision.self, $0, "locations.coordinates_precision", of: id)
        }
        return Location(
            id: id, organizationID: organization_id, name: name, address: address, coordinates: coordinates,
            coordinatesPrecision: precision,
            transitAccessible: transit_accessible.map { $0 != 0 },
            // A site's one inferred fact is a ZIP centre, which its precision already records.
            provenance: Provenance(
                source: source, externalID: external_id, importedAt: Clock.date(imported_at),
                lastVerifiedAt: Clock.date(last_verified_at), inferred: precision == .postalCode ? [.coordinates] : []),
            active: active != 0)
    }
}

struct ServiceRow: Codable, Sendable {
    var id: String
    var organization_id: String
    var name: String
    var description: String
    var url: String?
    var email: String?
    var intensity: String?
    var age_min: Int?
    var age_max: Int?
    var transportation: String?
    var interpreter_available: Int?
    var cost_kind: String?
    var enrollment_status: String?
    var waitlist_weeks: Int?
    var capacity: Int?
    var intake_methods: String
    var hours: String
    var service_area: String
    var phones: String
    var search_text: String
    var domains: String
    var settings: String
    var languages: String
    var insurance: String
    var taxonomy_codes: String
    var source: String
    var external_id: String
    var imported_at: Int?
    var last_verified_at: Int?
    var active: Int
    var inferred: String

    init(_ service: Service, organizationName: String) {
        id = service.id
        organization_id = service.organizationID
        name = service.name
        description = service.description
        url = service.url
        email = service.email
        intensity = service.intensity?.rawValue
        age_min = service.ages.min
        age_max = service.ages.max
        transportation = service.transportation?.rawValue
        interpreter_available = service.interpreterAvailable.map { $0 ? 1 : 0 }
        cost_kind = service.cost.kind?.rawValue
        enrollment_status = service.enrollment.status?.rawValue
        waitlist_weeks = service.enrollment.waitlistWeeks
        capacity = service.enrollment.capacity
        intake_methods = JSONColumn.encode(codes: service.enrollment.intakeMethods)
        hours = JSONColumn.encode(service.hours)
        service_area = JSONColumn.encode(service.serviceArea)
        phones = JSONColumn.encode(service.phones)
        search_text = SearchText.normalize([service.name, service.description, organizationName].joined(separator: " "))
        domains = JSONColumn.encode(codes: service.domains)
        settings = JSONColumn.encode(codes: service.settings)
        languages = JSONColumn.encode(codes: service.languages)
        insurance = JSONColumn.encode(codes: service.cost.insurance)
        taxonomy_codes = JSONColumn.encode(codes: service.taxonomyCodes)
        source = service.provenance.source
        external_id = service.provenance.externalID
        imported_at = Clock.seconds(service.provenance.importedAt)
        last_verified_at = Clock.seconds(service.provenance.lastVerifiedAt)
        active = service.active ? 1 : 0
        inferred = JSONColumn.encode(codes: service.provenance.inferred)
    }

    func model() throws -> Service {
        /// A NULL column is a facet the feed did not state.
        func stated<T: RawRepresentable>(_ type: T.Type, _ raw: String?, _ column: String) throws -> T? where T.RawValue == String {
            try raw.map { try vocabulary(type, $0, "services.\(column)", of: id) }
        }
        return Service(
            id: id, organizationID: organization_id, name: name, description: description, url: url, email: email,
            domains: try JSONColumn.decode([Domain].self, from: domains, column: "services.domains"),
            intensity: try stated(Intensity.self, intensity, "intensity"),
            ages: AgeRange(min: age_min, max: age_max),
            settings: try JSONColumn.decode([Setting].self, from: settings, column: "services.settings"),
            transportation: try stated(Transportation.self, transportation, "transportation"),
            languages: try JSONColumn.decode([LanguageCode].self, from: languages, column: "services.languages"),
            interpreterAvailable: interpreter_available.map { $0 != 0 },
            cost: Cost(
                kind: try stated(CostKind.self, cost_kind, "cost_kind"),
                insurance: try JSONColumn.decode([Insurance].self, from: insurance, column: "services.insurance")),
            enrollment: Enrollment(
                status: try stated(EnrollmentStatus.self, enrollment_status, "enrollment_status"),
                waitlistWeeks: waitlist_weeks, capacity: capacity,
                intakeMethods: try JSONColumn.decode([IntakeMethod].self, from: intake_methods, column: "services.intake_methods")),
            hours: try JSONColumn.decode([OpeningHours].self, from: hours, column: "services.hours"),
            serviceArea: try JSONColumn.decode(ServiceArea.self, from: service_area, column: "services.service_area"),
            taxonomyCodes: try JSONColumn.decode([String].self, from: taxonomy_codes, column: "services.taxonomy_codes"),
            phones: try JSONColumn.decode([Phone].self, from: phones, column: "services.phones"),
            provenance: Provenance(
                source: source, externalID: external_id, importedAt: Clock.date(imported_at),
                lastVerifiedAt: Clock.date(last_verified_at),
                inferred: try JSONColumn.decode([InferredFact].self, from: inferred, column: "services.inferred")),
            active: active != 0)
    }
}

/// A vocabulary column's value as the model's enum; a value no case has is a damaged store.
private func vocabulary<T: RawRepresentable>(_ type: T.Type, _ raw: String, _ column: String, of id: String) throws -> T
where T.RawValue == String {
    guard let value = T(rawValue: raw) else {
        throw StoreError.integrity("\(column) of \(id) holds unknown value '\(raw)'")
    }
    return value
}

struct ServiceAtLocationRow: Codable, Sendable {
    var id: String
    var service_id: String
    var location_id: String
}

struct BarrierRow: Codable, Sendable {
    var id: String
    var label: String
    var description: String
    var domains: String
    var intensities: String
    var taxonomy_prefixes: String

    init(_ barrier: Barrier) {
        id = barrier.id
        label = barrier.label
        description = barrier.description
        domains = JSONColumn.encode(codes: barrier.domains)
        intensities = JSONColumn.encode(codes: barrier.intensities)
        taxonomy_prefixes = JSONColumn.encode(codes: barrier.taxonomyPrefixes)
    }

    func model() throws -> Barrier {
        Barrier(
            id: id, label: label, description: description,
            domains: try JSONColumn.decode([Domain].self, from: domains, column: "barriers.domains"),
            intensities: try JSONColumn.decode([Intensity].self, from: intensities, column: "barriers.intensities"),
            taxonomyPrefixes: try JSONColumn.decode([String].self, from: taxonomy_prefixes, column: "barriers.taxonomy_prefixes"))
    }
}

struct SchoolRow: Codable, Sendable {
    var id: String
    var name: String
    var level: String
    var grade_min: Int
    var grade_max: Int
    var address: String
    var lat: Double
    var lon: Double

    init(_ school: School) {
        id = school.id
        name = school.name
        level = school.level.rawValue
        grade_min = school.gradeMin
        grade_max = school.gradeMax
        address = JSONColumn.encode(school.address)
        lat = school.coordinates.lat
        lon = school.coordinates.lon
    }

    func model() throws -> School {
        guard let level = School.Level(rawValue: level) else {
            throw StoreError.integrity("schools.level of \(id) holds unknown value '\(self.level)'")
        }
        return School(
            id: id, name: name, level: level, gradeMin: grade_min, gradeMax: grade_max,
            address: try JSONColumn.decode(Address.self, from: address, column: "schools.address"),
            coordinates: Coordinates(lat: lat, lon: lon))
    }
}

/// Keyword search compares lower-cased, whitespace-folded text on both engines
/// (PostgreSQL's LIKE is case-sensitive, SQLite's is not for ASCII only).
enum SearchText {
    static func normalize(_ text: String) -> String {
        asciiNormalized(text) ?? text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The same folding byte by byte for ASCII text, most of a feed's names and descriptions;
    /// nil for anything else. An import normalizes every service's text, and the general path was
    /// a tenth of the writer's CPU.
    static func asciiNormalized(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var pendingSpace = false
                for byte in bytes {
                    if byte == 0x20 || (0x09...0x0D).contains(byte) {
                        pendingSpace = count > 0
                        continue
                    }
                    if pendingSpace {
                        output[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    output[count] = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
                    count += 1
                }
                return count
            }
        }
    }
}
