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
                guard !row.isBlank(columns.name) else {
                    log.error(csv.fileName, line: row.line, field: "name", recordID: feedID, "the service has no name; skipped")
                    continue
                }
                let organizationID = row.value(columns.organizationID)
                guard emittedOrganizations.contains(organizationID) else {
                    log.error(csv.fileName, line: row.line, field: "organization_id", recordID: feedID,
                              organizationID.isEmpty
                                ? "the service names no organization; skipped"
                                : "organization '\(organizationID)' is not in organizations.csv (or was skipped); service skipped")
                    continue
                }
                guard let service = buildService(row, columns, in: csv, feedID: feedID, organizationID: organizationID) else { continue }
                try emit(extended(.service(service), row: row, columns: closeloopColumns))
                emittedServices.insert(feedID)
            }
        }
        if servicesWithoutTaxonomy > 0 {
            log.warning(package.tables[.services].map { ($0 as NSString).lastPathComponent } ?? "services.csv",
                        "\(servicesWithoutTaxonomy) service(s) carry no taxonomy code; they were imported with no domain, their intensity left unknown")
        }
    }

    /// nil when a value could not be read (the error is already recorded).
    private func buildService(
        _ row: CSVRow, _ columns: HSDSServiceColumns, in csv: CSVTable, feedID: String, organizationID: String
    ) -> Service? {
        let ownAges: AgeRange?
        switch columns.ages.range(in: row, of: csv, recordID: feedID) {
        case .failure(let problem):
            log.record(problem)
            return nil
        case .success(let range):
            ownAges = range
        }
        guard case .success(let verified) = verification(row, columns.dates, in: csv, recordID: feedID) else { return nil }

        let codes = taxonomyCodes(serviceID: feedID, inlineIDs: row.value(columns.taxonomyIDs), file: csv.fileName, line: row.line)
        if codes.isEmpty { servicesWithoutTaxonomy += 1 }
        let facets = log.classify(codes: codes, mapping: mapping, file: csv.fileName, line: row.line, recordID: feedID)

        var cost = linked.costs[feedID] ?? CostFacts()
        cost.merge(feeTexts[row.value(columns.fees)])
        let status = row.value(columns.status).lowercased()

        return Service(
            id: directoryID(feedID), organizationID: directoryID(organizationID), name: row.value(columns.name),
            description: row.value(columns.description),
            url: row.isBlank(columns.url) ? nil : row.value(columns.url),
            email: row.isBlank(columns.email) ? nil : row.value(columns.email),
            domains: facets.domains, intensity: facets.intensity,
            ages: ages(own: ownAges, feedID: feedID, description: row.value(columns.eligibilityDescription)),
            languages: linked.languages[feedID] ?? [],
            interpreterAvailable: Self.offersInterpretation(row.value(columns.interpretation)),
            cost: cost.cost ?? Cost(),
            enrollment: enrollment(status: status, wait: row.value(columns.waitTime), process: row.value(columns.applicationProcess)),
            hours: (linked.hours[feedID] ?? []).sorted { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) },
            serviceArea: ServiceArea(postalCodes: linked.postalCodes[feedID] ?? []),
            taxonomyCodes: codes,
            phones: linked.servicePhones[feedID] ?? [],
            provenance: provenance(feedID: feedID, lastVerifiedAt: verified),
            // "inactive" and "defunct" services are kept (so re-imports can retire them) but not offered.
            active: status.isEmpty || status == "active" || status == "temporarily closed")
    }

    /// The service's own columns and its eligibility rows widen each other (an end one of them leaves
    /// open stays open); free-text eligibility is the fallback; else the ages are not stated.
    private func ages(own: AgeRange?, feedID: String, description: String) -> AgeRange {
        let ranges = [own, linked.ages[feedID]].compactMap { $0 }
        if let first = ranges.first {
            return ranges.dropFirst().reduce(first) { $0.widened(to: $1) }
        }
        return AgeText.range(from: description) ?? AgeRange()
    }

    /// Closed when the status says so, a waitlist or open when the wait time says so ("no wait" is
    /// open); otherwise the feed does not say.
    private func enrollment(status: String, wait: String, process: String) -> Enrollment {
        let methods = intakeTexts[process]
        if status == "temporarily closed" { return Enrollment(status: .closed, intakeMethods: methods) }
        switch waitTexts[wait] {
        case let weeks? where weeks > 0: return Enrollment(status: .waitlist, waitlistWeeks: weeks, intakeMethods: methods)
        case 0?: return Enrollment(status: .open, intakeMethods: methods)
        default: return Enrollment(intakeMethods: methods)
        }
    }

    /// `interpretation_services` describes how interpretation is offered ("over the phone"); a plain
    /// no means none; a blank says nothing.
    static func offersInterpretation(_ text: String) -> Bool? {
        let lowered = text.lowercased()
        guard !lowered.isEmpty else { return nil }
        return !["no", "none", "n/a", "na", "not available", "false"].contains(lowered)
    }
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
