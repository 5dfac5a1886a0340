import Directory
import Foundation

/// Turns mapped rows into directory records, emitting each organization, location and service the
/// first time a row names it, and a link for every new service/location pair.
///
/// Ids made for a sheet without id columns are slugs joined by "." and "@" ("harbor-youth.anxiety-group",
/// "harbor-youth@88-harbor-way-riverton-98501"): they never hold "/", "?", "#", "%" or a space, so every
/// id opens as one segment of an API path.
struct MappedRecordBuilder {
    let source: String
    let importedAt: Date
    let mapping: TaxonomyMapping
    let fileName: String
    let log: CSVImportLog

    private var organizations: Set<String> = []
    private var locations: Set<String> = []
    private var services: Set<String> = []
    private var links: Set<String> = []

    init(source: String, importedAt: Date, mapping: TaxonomyMapping, fileName: String, log: CSVImportLog) {
        self.source = source
        self.importedAt = importedAt
        self.mapping = mapping
        self.fileName = fileName
        self.log = log
    }

    mutating func records(for row: MappedRow, line: Int) -> [FeedRecord] {
        var records: [FeedRecord] = []
        // Without an id column, the name is the organization's identity: the same agency on many rows is one record.
        let organizationID = row.organizationID.isEmpty ? FeedText.slug(row.organizationName) : FeedText.pathSafeID(row.organizationID)
        if organizations.insert(organizationID).inserted {
            records.append(.organization(Organization(
                id: directoryID(organizationID), name: row.organizationName.isEmpty ? organizationID : row.organizationName,
                url: row.url.isEmpty ? nil : row.url, email: row.email.isEmpty ? nil : row.email,
                phones: row.phones.filter { $0.kind == .voice }.prefix(1).map { $0 },
                provenance: provenance(organizationID, verified: row.lastVerified))))
        }

        var locationID: String?
        if let place = Self.place(of: row) {
            let id = "\(organizationID)@\(place)"
            locationID = id
            if locations.insert(id).inserted {
                records.append(.location(Location(
                    id: directoryID(id), organizationID: directoryID(organizationID),
                    name: row.address.isEmpty ? row.organizationName : row.address,
                    address: row.address.isEmpty ? nil : Address(
                        address1: row.address, city: row.city, region: row.region, postalCode: row.postalCode,
                        country: row.country.isEmpty ? "US" : row.country),
                    coordinates: row.coordinates, coordinatesPrecision: row.coordinates == nil ? nil : .stated,
                    transitAccessible: row.transportation == .transitAccessible ? true : nil,
                    provenance: provenance(id, verified: row.lastVerified))))
            }
        }

        let serviceID = row.serviceID.isEmpty ? "\(organizationID).\(FeedText.slug(row.serviceName))" : FeedText.pathSafeID(row.serviceID)
        if services.insert(serviceID).inserted {
            records.append(.service(service(row, id: serviceID, organizationID: organizationID, line: line)))
        }
        if let locationID, links.insert("\(serviceID)@\(locationID)").inserted {
            records.append(.serviceAtLocation(ServiceAtLocation(
                id: directoryID("\(serviceID)@\(locationID)"), serviceID: directoryID(serviceID),
                locationID: directoryID(locationID))))
        }
        return records
    }

    /// Domains and intensity come from the sheet when it has them, from taxonomy codes otherwise.
    /// Columns come first; what they leave unknown is read from the eligibility text and the
    /// description and marked inferred. What none of them states is left unknown.
    private func service(_ row: MappedRow, id: String, organizationID: String, line: Int) -> Service {
        let derived = log.classify(codes: row.taxonomyCodes, mapping: mapping, file: fileName, line: line, recordID: id)
        let prose = FreeTextFacts(row.description)
        var inferred = row.inferred

        var ages = row.ages
        if ages == nil, let read = row.eligibility?.ages ?? prose.ages {
            ages = read
            inferred.insert(.ages)
        }
        var cost = row.cost
        if let asked = row.eligibility?.cost, cost?.insurance.isEmpty ?? true {
            cost = cost?.merged(with: asked) ?? asked
            inferred.insert(.insurance)
        }
        if cost == nil, let read = prose.cost {
            cost = read
            inferred.formUnion(read.insurance.isEmpty ? [.cost] : [.cost, .insurance])
        }
        var languages = row.languages?.codes ?? []
        if languages.isEmpty, let read = prose.languages?.codes, !read.isEmpty {
            languages = read
            inferred.insert(.languages)
        }
        var interpreter = row.interpreter
        if interpreter == nil, let read = prose.languages?.interpreterAvailable {
            interpreter = read
            inferred.insert(.interpreter)
        }
        var enrollmentStatus = row.enrollment ?? row.waitlistWeeks.map { $0 > 0 ? .waitlist : .open }
        var waitlistWeeks = row.waitlistWeeks
        if enrollmentStatus == nil, let read = prose.enrollment?.status {
            enrollmentStatus = read
            waitlistWeeks = prose.enrollment?.waitlistWeeks
            inferred.insert(.enrollment)
        }
        var settings = row.settings
        if settings.isEmpty, !prose.settings.isEmpty {
            settings = prose.settings
            inferred.insert(.settings)
        }
        var transportation = row.transportation
        if transportation == nil, let read = prose.transportation {
            transportation = read
            inferred.insert(.transportation)
        }
        var hours = row.hours.sorted { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) }
        if hours.isEmpty, let read = prose.hours {
            hours = read
            inferred.insert(.hours)
        }

        var provenance = provenance(id, verified: row.lastVerified)
        provenance.inferred = inferred.sorted()
        return Service(
            id: directoryID(id), organizationID: directoryID(organizationID), name: row.serviceName,
            description: row.description, url: row.url.isEmpty ? nil : row.url, email: row.email.isEmpty ? nil : row.email,
            domains: row.domains.flatMap { $0.isEmpty ? nil : Domain.allCases.filter($0.contains) } ?? derived.domains,
            intensity: row.intensity ?? derived.intensity,
            ages: ages?.asAgeRange ?? AgeRange(),
            settings: Setting.allCases.filter(settings.contains),
            transportation: transportation,
            languages: languages,
            interpreterAvailable: interpreter,
            cost: cost?.asCost ?? Cost(),
            enrollment: Enrollment(
                status: enrollmentStatus, waitlistWeeks: enrollmentStatus == .waitlist ? waitlistWeeks : nil,
                intakeMethods: row.intakeMethods),
            hours: hours,
            taxonomyCodes: row.taxonomyCodes,
            phones: row.phones,
            provenance: provenance,
            active: row.isListed)
    }

    /// What makes a site the same site for one organization: its street address, or without one its
    /// point; nil for a row with neither (a phone line, an online or home-visit service).
    private static func place(of row: MappedRow) -> String? {
        if !row.address.isEmpty { return FeedText.slug("\(row.address) \(row.city) \(row.postalCode)") }
        if let point = row.coordinates { return "\(point.lat),\(point.lon)" }
        return nil
    }

    private func directoryID(_ feedID: String) -> String { "\(source):\(feedID)" }

    private func provenance(_ feedID: String, verified: Date?) -> Provenance {
        Provenance(source: source, externalID: feedID, importedAt: importedAt, lastVerifiedAt: verified)
    }
}
