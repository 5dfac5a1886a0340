import Directory
import Foundation

extension HSDSImport {
    /// Streams services.csv, folding in everything the linked tables said about each service.
    func readServices(emit: (FeedRecord) throws -> Void, progress: (ReadProgress) -> Void) throws {
        try withTable(.services) { csv in
            let columns = HSDSServiceColumns(csv)
            var seen: Set<String> = []
            seen.reserveCapacity(Self.estimatedRows(csv))
            let closeloopColumns = extensionColumns(csv)
            while let row = csv.next() {
                countRecord(in: csv, progress: progress)
                guard let feedID = checkedID(row, column: columns.id, in: csv, seen: &seen) else { continue }
                guard !FeedPlainText.singleLine(row.value(columns.name)).isEmpty else {
                    log.error(csv.fileName, line: row.line, field: "name", recordID: feedID, kind: .missingName,
                              Self.noName("service", cell: row.value(columns.name)))
                    continue
                }
                let organizationID = row.value(columns.organizationID)
                guard emittedOrganizations.contains(organizationID) else {
                    log.error(csv.fileName, line: row.line, field: "organization_id", recordID: feedID, kind: .brokenReference,
                              organizationID.isEmpty
                                ? "the service names no organization; skipped"
                                : "organization '\(organizationID)' is not in organizations.csv (or was skipped); service skipped")
                    continue
                }
                let service = buildService(row, columns, in: csv, feedID: feedID, organizationID: organizationID)
                try emit(extended(.service(service), row: row, columns: closeloopColumns, companion: .closeloopServices, feedID: feedID))
                emittedServices.insert(feedID)
            }
        }
        if servicesWithoutTaxonomy > 0 {
            log.warning(package.tables[.services].map { ($0 as NSString).lastPathComponent } ?? "services.csv",
                        field: "taxonomy", kind: .unmappedTaxonomy,
                        "\(servicesWithoutTaxonomy) service(s) carry no taxonomy code; they were imported with no domain, their intensity left unknown")
        }
    }

    /// Facts the feed's fields state come first; what they leave unknown is read from the eligibility
    /// and description prose and marked inferred. A value that cannot be read is a warning and stays unknown.
    private func buildService(
        _ row: CSVRow, _ columns: HSDSServiceColumns, in csv: CSVTable, feedID: String, organizationID: String
    ) -> Service {
        let verified = verification(row, columns.dates, in: csv, recordID: feedID)
        let codes = taxonomyCodes(serviceID: feedID, inlineIDs: row.value(columns.taxonomyIDs), file: csv.fileName, line: row.line)
        if codes.isEmpty { servicesWithoutTaxonomy += 1 }
        let facets = log.classify(codes: codes, mapping: mapping, file: csv.fileName, line: row.line, recordID: feedID)

        let description = FeedPlainText.plainText(row.value(columns.description))
        let eligibility = eligibilityTexts[row.value(columns.eligibilityDescription)]
        // Settings and transport have no HSDS column, so every description is cut into words; the other
        // facts are read from it only when the fields leave them unknown.
        let prose = FreeTextFacts(description)
        var inferred: Set<InferredFact> = []

        // Ages: the service's columns widened by its eligibility rows; else eligibility prose; else the description.
        let own = columns.ages.ages(in: row, of: csv, recordID: feedID, log: log)
        var ages = [own, linked.ages[feedID]].compactMap { $0 }.reduce(nil as StatedAges?) { $0?.widened(with: $1) ?? $1 }
        if ages == nil, let read = eligibility.ages ?? prose.ages {
            ages = read
            inferred.insert(.ages)
        }

        // Cost: cost options, payments and the fee text; coverage an eligibility text asks for; else the description.
        var cost = linked.costs[feedID]
        if let fees = feeTexts[row.value(columns.fees)] { cost = cost?.merged(with: fees) ?? fees }
        if let asked = eligibility.cost, cost?.insurance.isEmpty ?? true {
            cost = cost?.merged(with: asked) ?? asked
            inferred.insert(.insurance)
        }
        if cost == nil, let read = prose.cost {
            cost = read
            inferred.formUnion(read.insurance.isEmpty ? [.cost] : [.cost, .insurance])
        }

        // Languages and interpretation: the languages table, `interpretation_services`; else the description.
        var languages = linked.languages[feedID] ?? StatedLanguages()
        var interpreter = interpretationTexts[row.value(columns.interpretation)] ?? languages.interpreterAvailable
        if languages.codes.isEmpty, let read = prose.languages, !read.codes.isEmpty {
            languages.codes = read.codes
            inferred.insert(.languages)
        }
        if interpreter == nil, let read = prose.languages?.interpreterAvailable {
            interpreter = read
            inferred.insert(.interpreter)
        }

        let status = HSDSServiceStatus(row.value(columns.status))
        if status == .unknown {
            log.warning(csv.fileName, line: row.line, field: "status", recordID: feedID, kind: .unreadableValue,
                        "'\(row.value(columns.status))' is not an HSDS status (active, inactive, defunct, temporarily closed); the service is listed")
        } else if !status.isListed {
            log.warning(csv.fileName, line: row.line, field: "status", recordID: feedID, kind: .inactiveRecord,
                        "status '\(row.value(columns.status))': kept as an inactive service, not offered")
        }
        var enrollment = enrollment(status: status, wait: row.value(columns.waitTime), process: row.value(columns.applicationProcess))
        if enrollment.status == nil, let read = prose.enrollment?.status {
            enrollment.status = read
            if read == .waitlist { enrollment.waitlistWeeks = prose.enrollment?.waitlistWeeks }
            inferred.insert(.enrollment)
        }
        let settings = prose.settings
        if !settings.isEmpty { inferred.insert(.settings) }
        let transportation = prose.transportation
        if transportation != nil { inferred.insert(.transportation) }

        var hours = (linked.hours[feedID] ?? []).sorted { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) }
        if hours.isEmpty, let read = prose.hours {
            hours = read
            inferred.insert(.hours)
        }

        var provenance = provenance(feedID: feedID, lastVerifiedAt: verified)
        provenance.inferred = inferred.sorted()
        return Service(
            id: directoryID(feedID), organizationID: directoryID(organizationID),
            name: FeedPlainText.singleLine(row.value(columns.name)), description: description,
            url: row.isBlank(columns.url) ? nil : row.value(columns.url),
            email: row.isBlank(columns.email) ? nil : row.value(columns.email),
            domains: facets.domains, intensity: facets.intensity,
            ages: ages?.asAgeRange ?? AgeRange(),
            settings: settings, transportation: transportation,
            languages: languages.codes,
            interpreterAvailable: interpreter,
            cost: cost?.asCost ?? Cost(),
            enrollment: enrollment,
            hours: hours,
            serviceArea: ServiceArea(postalCodes: linked.postalCodes[feedID] ?? []),
            taxonomyCodes: codes,
            phones: linked.servicePhones[feedID] ?? [],
            provenance: provenance,
            // "inactive" and "defunct" services are kept (so re-imports can retire them) but not offered.
            active: status.isListed)
    }

    /// Closed when the status or the application process says so, a waitlist or open when the wait
    /// time says so ("no wait" is open); otherwise the feed does not say.
    private func enrollment(status: HSDSServiceStatus, wait: String, process: String) -> Enrollment {
        let methods = intakeTexts[process]
        if status == .temporarilyClosed { return Enrollment(status: .closed, intakeMethods: methods) }
        switch waitTexts[wait] {
        case let weeks? where weeks > 0: return Enrollment(status: .waitlist, waitlistWeeks: weeks, intakeMethods: methods)
        case 0?: return Enrollment(status: .open, intakeMethods: methods)
        default:
            let stated = processStatuses[process]
            return Enrollment(status: stated?.status, waitlistWeeks: stated?.waitlistWeeks, intakeMethods: methods)
        }
    }
}

/// HSDS `service.status`. Inactive and defunct services are kept inactive: a re-import can then
/// retire what an earlier one listed, and nothing the feed sent is lost.
enum HSDSServiceStatus: Equatable {
    case active, inactive, defunct, temporarilyClosed, unknown

    init(_ text: String) {
        switch text.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: " ") {
        case "", "active": self = .active
        case "inactive": self = .inactive
        case "defunct": self = .defunct
        case "temporarily closed": self = .temporarilyClosed
        default: self = .unknown
        }
    }

    /// Whether the service is offered. A status the reader does not know lists it, with a warning:
    /// hiding it would lose a service over a spelling.
    var isListed: Bool { self != .inactive && self != .defunct }
}

/// services.csv columns across HSDS versions, looked up once.
struct HSDSServiceColumns {
    let id, organizationID, name, description, url, email, status: Int?
    let interpretation, applicationProcess, waitTime, fees, eligibilityDescription, taxonomyIDs: Int?
    let ages: HSDSAgeColumns
    let dates: HSDSVerificationColumns

    init(_ csv: CSVTable) {
        id = csv.column("id")
        organizationID = csv.column("organization_id")
        name = csv.column("name")
        description = csv.column("description")
        url = csv.column("url", "website")
        email = csv.column("email")
        status = csv.column("status")
        interpretation = csv.column("interpretation_services")
        applicationProcess = csv.column("application_process")
        waitTime = csv.column("wait_time")
        // 3.0 `fees_description`; 1.x/2.0 `fees`.
        fees = csv.column("fees_description", "fees")
        eligibilityDescription = csv.column("eligibility_description")
        taxonomyIDs = csv.column("taxonomy_ids")
        ages = HSDSAgeColumns(csv)
        dates = HSDSVerificationColumns(csv)
    }
}
