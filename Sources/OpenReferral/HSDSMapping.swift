import Directory
import Foundation

/// The one mapping from Closeloop's directory records to HSDS 3.1 records, for the API and the CSV
/// export alike. Only what the feed or the partner stated is written: an unknown facet leaves its
/// field out (or its list empty), nothing is filled with a plausible default.
///
/// Ids: organizations, services and locations by `HSDSIdentifier` of their provenance (source and
/// feed id), so they survive re-imports; everything else is named under its parent's UUID with a
/// key that does not depend on sibling order (a phone by kind and number, a schedule by its slot).
public enum HSDSMapping {
    // MARK: ids

    public static func organizationID(_ organization: Organization) -> UUID {
        HSDSIdentifier.id(.organization, source: organization.provenance.source, externalID: organization.provenance.externalID)
    }

    public static func serviceID(_ service: Service) -> UUID {
        HSDSIdentifier.id(.service, source: service.provenance.source, externalID: service.provenance.externalID)
    }

    public static func locationID(_ location: Location) -> UUID {
        HSDSIdentifier.id(.location, source: location.provenance.source, externalID: location.provenance.externalID)
    }

    /// A service at a site: named under the service by the site's UUID.
    public static func serviceAtLocationID(service: UUID, location: UUID) -> UUID {
        HSDSIdentifier.id(.serviceAtLocation, parent: service, key: location.uuidString.lowercased())
    }

    /// A taxonomy by the name feeds give it ("AIRS/211"): one id per name across feeds.
    public static func taxonomyID(name: String) -> UUID {
        HSDSIdentifier.id(.taxonomy, source: "closeloop", externalID: name)
    }

    /// A term is its source's: feeds word codes differently (`TaxonomyTerm`), so the id is of the
    /// source and the code (in capitals: a code is the same term whatever its case).
    public static func taxonomyTermID(source: String, code: String) -> UUID {
        HSDSIdentifier.id(.taxonomyTerm, source: source, externalID: code.uppercased())
    }

    /// The unit capacities are counted in: places for new families.
    public static let placeUnit = HSDSUnit(
        id: string(HSDSIdentifier.id(.unit, source: "closeloop", externalID: "place")), name: "place for a new family")

    static func string(_ id: UUID) -> String { id.uuidString.lowercased() }

    // MARK: records

    /// ISO 8601 in UTC with seconds, e.g. 2026-12-06T16:35:51Z.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// When the record last changed as far as we know: the later of its import and the partner's
    /// last confirmation (an availability report stamps the latter). Nil when neither is known.
    public static func lastModified(_ provenance: Provenance) -> Date? {
        switch (provenance.importedAt, provenance.lastVerifiedAt) {
        case let (imported?, verified?): max(imported, verified)
        case let (imported?, nil): imported
        case let (nil, verified?): verified
        case (nil, nil): nil
        }
    }

    public static func organization(_ organization: Organization) -> HSDSOrganization {
        let id = organizationID(organization)
        return HSDSOrganization(
            id: string(id), name: organization.name, description: organization.description,
            email: nonEmpty(organization.email), website: nonEmpty(organization.url),
            phones: phones(organization.phones, parent: id, organization: true))
    }

    public static func location(_ location: Location) -> HSDSLocation {
        let id = locationID(location)
        let address = location.address.map {
            HSDSAddress(
                id: string(HSDSIdentifier.id(.address, parent: id, key: "physical")), locationID: string(id),
                address1: $0.address1, city: $0.city, stateProvince: $0.region, postalCode: $0.postalCode, country: $0.country)
        }
        let transportation: String? = switch location.transitAccessible {
        case true?: "Served by public transit"
        case false?: "Not served by public transit"
        case nil: nil
        }
        return HSDSLocation(
            id: string(id), organizationID: nil, name: nonEmpty(location.name), transportation: transportation,
            latitude: location.coordinates?.lat, longitude: location.coordinates?.lon, addresses: address.map { [$0] } ?? [])
    }

    /// A service fully nested: its organization (without its sites), its sites, phones, schedules,
    /// languages, cost, areas, capacities and taxonomy terms.
    public static func service(
        _ service: Service, organization: Organization?, sites: [Location], terms: HSDSTermNames = HSDSTermNames()
    ) -> HSDSService {
        let id = serviceID(service)
        let organizationRecord = organization.map(Self.organization)
        return HSDSService(
            id: string(id),
            organizationID: organizationRecord?.id,
            name: service.name,
            description: nonEmpty(service.description),
            url: nonEmpty(service.url),
            email: nonEmpty(service.email),
            status: service.active ? "active" : "inactive",
            interpretationServices: service.interpreterAvailable.map { $0 ? "Interpreter available" : "No interpreter available" },
            applicationProcess: service.enrollment.intakeMethods.isEmpty
                ? nil : "Intake: " + service.enrollment.intakeMethods.sorted().map(intakeText).joined(separator: ", "),
            waitTime: waitTime(service.enrollment),
            minimumAge: service.ages.min,
            maximumAge: service.ages.max,
            lastModified: lastModified(service.provenance).map(timestamp),
            phones: phones(service.phones, parent: id, organization: false),
            schedules: service.hours.map { slot in
                HSDSSchedule(
                    id: string(HSDSIdentifier.id(.schedule, parent: id, key: "\(slot.weekday.rawValue)|\(slot.opens)|\(slot.closes)")),
                    serviceID: string(id), byday: byday(slot.weekday), opensAt: slot.opens.description, closesAt: slot.closes.description)
            },
            serviceAreas: serviceAreas(service.serviceArea, service: id),
            serviceAtLocations: sites.map { site in
                let locationRecord = location(site)
                return HSDSServiceAtLocation(
                    id: string(serviceAtLocationID(service: id, location: locationID(site))), serviceID: string(id),
                    locationID: locationRecord.id, location: locationRecord)
            },
            languages: service.languages.map { language in
                HSDSLanguage(
                    id: string(HSDSIdentifier.id(.language, parent: id, key: language.rawValue)), serviceID: string(id),
                    name: language.englishName, code: language.rawValue)
            },
            organization: organizationRecord,
            costOptions: costOptions(service.cost, service: id),
            capacities: capacities(service, id: id),
            attributes: attributes(codes: service.taxonomyCodes, source: service.provenance.source, service: id, terms: terms))
    }

    /// The service at one of its sites, with the site and the service (one-to-one fields) nested.
    public static func serviceAtLocation(service: HSDSService, site: HSDSServiceAtLocation) -> HSDSServiceAtLocation {
        var record = site
        record.service = service.listForm
        return record
    }

    // MARK: parts

    static func phones(_ phones: [Phone], parent: UUID, organization: Bool) -> [HSDSPhone] {
        phones.map { phone in
            let id = HSDSIdentifier.id(.phone, parent: parent, key: "\(phone.kind.rawValue)|\(phone.number)")
            return HSDSPhone(
                id: string(id), organizationID: organization ? string(parent) : nil, serviceID: organization ? nil : string(parent),
                number: phone.number,
                // HSDS's phone types have no hotline: it is a voice line, said so in the description.
                type: phone.kind == .hotline ? "voice" : phone.kind.rawValue,
                description: phone.kind == .hotline ? "Hotline" : nil,
                languages: phone.language.map { language in
                    [HSDSLanguage(
                        id: string(HSDSIdentifier.id(.language, parent: id, key: language.rawValue)), phoneID: string(id),
                        name: language.englishName, code: language.rawValue)]
                })
        }
    }

    static func byday(_ day: Weekday) -> String {
        switch day {
        case .monday: "MO"
        case .tuesday: "TU"
        case .wednesday: "WE"
        case .thursday: "TH"
        case .friday: "FR"
        case .saturday: "SA"
        case .sunday: "SU"
        }
    }

    static func intakeText(_ method: IntakeMethod) -> String {
        switch method {
        case .walkIn: "walk-in"
        case .phone: "phone"
        case .schoolReferral: "school referral"
        case .online: "online"
        }
    }

    static func waitTime(_ enrollment: Enrollment) -> String? {
        guard enrollment.status == .waitlist, let weeks = enrollment.waitlistWeeks else { return nil }
        return weeks == 1 ? "About 1 week (waitlist)" : "About \(weeks) weeks (waitlist)"
    }

    static func serviceAreas(_ area: ServiceArea, service: UUID) -> [HSDSServiceArea] {
        var areas = area.postalCodes.map { code in
            HSDSServiceArea(
                id: string(HSDSIdentifier.id(.serviceArea, parent: service, key: "postal_code|\(code)")), serviceID: string(service),
                name: code, description: "Postal code \(code)")
        }
        if let radius = area.radiusKm {
            areas.append(HSDSServiceArea(
                id: string(HSDSIdentifier.id(.serviceArea, parent: service, key: "radius_km")), serviceID: string(service),
                name: "Within \(kilometres(radius)) km", description: "Within \(kilometres(radius)) km of the service's sites"))
        }
        return areas
    }

    static func kilometres(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func costOptions(_ cost: Cost, service: UUID) -> [HSDSCostOption] {
        var options: [HSDSCostOption] = []
        if let kind = cost.kind {
            let id = string(HSDSIdentifier.id(.costOption, parent: service, key: "kind"))
            switch kind {
            case .free: options.append(HSDSCostOption(id: id, serviceID: string(service), option: "Free", amount: 0))
            case .slidingScale: options.append(HSDSCostOption(id: id, serviceID: string(service), option: "Sliding scale"))
            case .fee: options.append(HSDSCostOption(id: id, serviceID: string(service), option: "Fee"))
            }
        }
        for coverage in cost.insurance.sorted() {
            let text = switch coverage {
            case .medicaid: "Medicaid accepted"
            case .chip: "CHIP accepted"
            case .private: "Private insurance accepted"
            case .uninsured: "Families without insurance served"
            }
            options.append(HSDSCostOption(
                id: string(HSDSIdentifier.id(.costOption, parent: service, key: "insurance|\(coverage.rawValue)")),
                serviceID: string(service), option: text))
        }
        return options
    }

    /// Room as the partner reported it: the open places when stated; none open when the service is
    /// on a waitlist or closed to new families (that status says so); nothing at all when the
    /// partner stated neither, or when we do not know when it was stated (`updated` is required).
    static func capacities(_ service: Service, id: UUID) -> [HSDSServiceCapacity] {
        let enrollment = service.enrollment
        let available: Int
        if let places = enrollment.capacity {
            available = places
        } else if enrollment.status == .waitlist || enrollment.status == .closed {
            available = 0
        } else {
            return []
        }
        guard let updated = service.provenance.lastVerifiedAt ?? service.provenance.importedAt else { return [] }
        let description: String? = switch enrollment.status {
        case .open?: "Taking new families"
        case .waitlist?: waitTime(enrollment).map { "Waitlist: \($0.prefix(1).lowercased() + $0.dropFirst())" } ?? "Waitlist"
        case .closed?: "Not taking new families"
        case nil: nil
        }
        return [HSDSServiceCapacity(
            id: string(HSDSIdentifier.id(.capacity, parent: id, key: "place")), serviceID: string(id), unit: placeUnit,
            available: available, description: description, updated: timestamp(updated))]
    }

    static func attributes(codes: [String], source: String, service: UUID, terms: HSDSTermNames) -> [HSDSAttribute] {
        var seen = Set<String>()
        return codes.filter { seen.insert($0.uppercased()).inserted }.sorted().map { code in
            let termID = taxonomyTermID(source: source, code: code)
            return HSDSAttribute(
                id: string(HSDSIdentifier.id(.attribute, parent: service, key: string(termID))), linkID: string(service),
                linkEntity: "service", taxonomyTermID: string(termID), value: code, taxonomyTerm: terms.term(source: source, code: code))
        }
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

/// The taxonomy terms and taxonomies as HSDS 3.1 shows them, from the store's terms
/// (`DirectoryStore.taxonomyTerms()`: what feeds described, and every code an active service carries).
/// A name or description the feed did not give follows `TaxonomyTerm`'s one rule
/// (`publishedName`, `publishedDescription`). A term whose feed named no taxonomy has none here.
public struct HSDSTermNames: Sendable {
    private var bySourceAndCode: [String: Int] = [:]
    private var byID: [String: Int] = [:]
    private var taxonomyByID: [String: Int] = [:]
    /// Every term, by source and code.
    public private(set) var all: [HSDSTaxonomyTerm] = []
    /// Every taxonomy a term names, by name.
    public private(set) var taxonomies: [HSDSTaxonomy] = []

    public init() {}

    public init(_ terms: [TaxonomyTerm]) {
        let sorted = terms.sorted { ($0.source, $0.code.uppercased()) < ($1.source, $1.code.uppercased()) }
        let names = Set(sorted.compactMap(\.taxonomy)).sorted()
        taxonomies = names.map {
            HSDSTaxonomy(id: HSDSMapping.string(HSDSMapping.taxonomyID(name: $0)), name: $0, description: TaxonomyTerm.publishedDescription(ofTaxonomy: $0))
        }
        for (index, taxonomy) in taxonomies.enumerated() { taxonomyByID[taxonomy.id] = index }
        let keys = Set(sorted.map { Self.key($0.source, $0.code) })
        for term in sorted {
            let key = Self.key(term.source, term.code)
            guard bySourceAndCode[key] == nil else { continue }
            let taxonomy = term.taxonomy.flatMap { name in taxonomyByID[HSDSMapping.string(HSDSMapping.taxonomyID(name: name))].map { taxonomies[$0] } }
            // AIRS/211 codes are hierarchical; the parent is named only when its source has it too.
            let parent = term.taxonomy == TaxonomyTerm.airsTaxonomy
                ? Self.airsParent(of: term.code.uppercased()).flatMap { keys.contains(Self.key(term.source, $0)) ? $0 : nil } : nil
            let record = HSDSTaxonomyTerm(
                id: HSDSMapping.string(HSDSMapping.taxonomyTermID(source: term.source, code: term.code)), code: term.code,
                name: term.publishedName, description: term.publishedDescription,
                parentID: parent.map { HSDSMapping.string(HSDSMapping.taxonomyTermID(source: term.source, code: $0)) },
                taxonomy: taxonomy?.name, taxonomyID: taxonomy?.id, taxonomyDetail: taxonomy)
            bySourceAndCode[key] = all.count
            byID[record.id] = all.count
            all.append(record)
        }
    }

    static func key(_ source: String, _ code: String) -> String { source + "\u{1F}" + code.uppercased() }

    public func term(source: String, code: String) -> HSDSTaxonomyTerm? { bySourceAndCode[Self.key(source, code)].map { all[$0] } }

    public func term(id: String) -> HSDSTaxonomyTerm? { byID[id.lowercased()].map { all[$0] } }

    public func taxonomy(id: String) -> HSDSTaxonomy? { taxonomyByID[id.lowercased()].map { taxonomies[$0] } }

    /// "BD-1800.2000" → "BD-1800"; "BD-1800" → "BD"; "BD" → "B"; "B" → nil.
    static func airsParent(of code: String) -> String? {
        if let cut = code.lastIndex(where: { $0 == "." || $0 == "-" }) { return String(code[..<cut]) }
        return code.count > 1 ? String(code.prefix(1)) : nil
    }
}
