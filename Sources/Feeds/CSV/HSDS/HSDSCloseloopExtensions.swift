import Directory
import Foundation

/// Reads back the `x_closeloop_*` columns that `HSDSExporter` writes, so that importing an export
/// gives the same directory: original ids and provenance, and the facets HSDS has no column for.
/// Feeds from elsewhere have no such columns and are read as plain HSDS.
///
/// The columns are read from each record's own row as the core tables are streamed, never loaded
/// ahead: an export of 100,000 services holds a million extension cells.
struct HSDSCloseloopExtensions {
    /// Where one table's extension columns are; looked up once per table.
    struct Columns {
        /// False when the table has no `id` column or no extension column: its rows say nothing.
        let applies: Bool
        let source, externalID, active, transitAccessible, coordinatesPrecision: Int?
        /// A companion table's (3.1 export): the record's own ids, its verification date, and lists
        /// written as JSON.
        let closeloopID, organizationID, serviceID, locationID, lastVerifiedAt, phones, postalCodes, taxonomyCodes: Int?
        let url, email, address, inferred: Int?
        let domains, intensity, settings, transportation, interpreter: Int?
        let cost, insurance, enrollment, waitlistWeeks, capacity, intakeMethods, radiusKm: Int?
        /// The standard age columns, read exactly: an exported 99 is the 99 that was stored, not a
        /// feed's way of writing "no upper limit".
        let minimumAge, maximumAge: Int?
        /// The table's file, for the warnings about its cells.
        let fileName: String

        init(_ csv: CSVTable) {
            fileName = csv.fileName
            // Extension columns are matched exactly as the exporter writes them.
            func column(_ name: String) -> Int? { csv.header.firstIndex(of: name) }
            applies = csv.column("id") != nil && csv.header.contains { $0.hasPrefix("x_closeloop_") }
            url = column("x_closeloop_url")
            inferred = column("x_closeloop_inferred")
            email = column("x_closeloop_email")
            address = column("x_closeloop_address")
            closeloopID = column("x_closeloop_id")
            organizationID = column("x_closeloop_organization_id")
            serviceID = column("x_closeloop_service_id")
            locationID = column("x_closeloop_location_id")
            lastVerifiedAt = column("x_closeloop_last_verified_at")
            phones = column("x_closeloop_phones")
            postalCodes = column("x_closeloop_postal_codes")
            taxonomyCodes = column("x_closeloop_taxonomy_codes")
            source = column("x_closeloop_source")
            externalID = column("x_closeloop_external_id")
            active = column("x_closeloop_active")
            transitAccessible = column("x_closeloop_transit_accessible")
            coordinatesPrecision = column("x_closeloop_coordinates_precision")
            domains = column("x_closeloop_domains")
            intensity = column("x_closeloop_intensity")
            settings = column("x_closeloop_settings")
            transportation = column("x_closeloop_transportation")
            interpreter = column("x_closeloop_interpreter")
            cost = column("x_closeloop_cost")
            insurance = column("x_closeloop_insurance")
            enrollment = column("x_closeloop_enrollment")
            waitlistWeeks = column("x_closeloop_waitlist_weeks")
            capacity = column("x_closeloop_capacity")
            intakeMethods = column("x_closeloop_intake_methods")
            radiusKm = column("x_closeloop_service_area_radius_km")
            minimumAge = column("minimum_age")
            maximumAge = column("maximum_age")
        }
    }

    /// nil when the package is not a Closeloop export: no companion table (3.1 exports) and no
    /// `x_closeloop_source` column in services.csv (3.0 exports).
    static func detect(_ package: HSDSPackage) -> HSDSCloseloopExtensions? {
        if package.tables[.closeloopServices] != nil || package.tables[.closeloopOrganizations] != nil {
            return HSDSCloseloopExtensions()
        }
        guard let servicesPath = package.tables[.services], let services = try? CSVTable(path: servicesPath),
              services.column("x_closeloop_source") != nil else { return nil }
        return HSDSCloseloopExtensions()
    }

    /// The record as it was exported: ids without the import's source prefix, original provenance
    /// and Closeloop's own facets, read from `row` (the row the record was built from; nil for links,
    /// whose only extension is their ids).
    func apply(_ record: FeedRecord, row: CSVRow?, columns: Columns?, source: String, log: CSVImportLog) -> FeedRecord {
        func original(_ id: String) -> String {
            id.hasPrefix(source + ":") ? String(id.dropFirst(source.count + 1)) : id
        }
        let cells = row.flatMap { row in columns.flatMap { $0.applies ? Cells(row: row, columns: $0, log: log) : nil } }

        switch record {
        case .organization(var organization):
            organization.id = cells?.ownID(cells?.columns.closeloopID) ?? original(organization.id)
            if let cells {
                cells.apply(to: &organization.provenance)
                organization.active = cells.flag(cells.columns.active) ?? organization.active
                organization.phones = cells.json(cells.columns.phones) ?? organization.phones
                if cells.columns.url != nil { organization.url = cells.text(cells.columns.url) }
                if cells.columns.email != nil { organization.email = cells.text(cells.columns.email) }
            }
            return .organization(organization)
        case .location(var location):
            location.id = cells?.ownID(cells?.columns.closeloopID) ?? original(location.id)
            location.organizationID = cells?.ownID(cells?.columns.organizationID) ?? original(location.organizationID)
            if let cells {
                cells.apply(to: &location.provenance)
                // A blank cell of a column the export has is a fact not stated.
                if cells.columns.transitAccessible != nil { location.transitAccessible = cells.flag(cells.columns.transitAccessible) }
                if cells.columns.coordinatesPrecision != nil {
                    location.coordinatesPrecision = cells.vocabulary(cells.columns.coordinatesPrecision)
                }
                location.active = cells.flag(cells.columns.active) ?? location.active
                if cells.columns.address != nil { location.address = cells.json(cells.columns.address) }
            }
            return .location(location)
        case .service(var service):
            service.id = cells?.ownID(cells?.columns.closeloopID) ?? original(service.id)
            service.organizationID = cells?.ownID(cells?.columns.organizationID) ?? original(service.organizationID)
            if let cells {
                cells.apply(to: &service.provenance)
                cells.apply(to: &service)
            }
            return .service(service)
        case .serviceAtLocation(var link):
            link.id = cells?.ownID(cells?.columns.closeloopID) ?? original(link.id)
            link.serviceID = cells?.ownID(cells?.columns.serviceID) ?? original(link.serviceID)
            link.locationID = cells?.ownID(cells?.columns.locationID) ?? original(link.locationID)
            return .serviceAtLocation(link)
        }
    }

    /// One row's extension cells; a blank cell counts as absent.
    private struct Cells {
        let row: CSVRow
        let columns: Columns
        let log: CSVImportLog

        func text(_ index: Int?) -> String? { row.isBlank(index) ? nil : row.value(index) }

        func flag(_ index: Int?) -> Bool? { text(index).map { $0.lowercased() == "true" } }

        func vocabulary<T: RawRepresentable>(_ index: Int?) -> T? where T.RawValue == String {
            text(index).flatMap(T.init(rawValue:))
        }

        /// An empty or missing cell is an empty list.
        func list<T: RawRepresentable>(_ index: Int?) -> [T] where T.RawValue == String {
            text(index).map { $0.split(separator: ";").compactMap { T(rawValue: String($0)) } } ?? []
        }

        func apply(to provenance: inout Provenance) {
            if let source = text(columns.source) { provenance.source = source }
            if let external = text(columns.externalID) { provenance.externalID = external }
            // A companion table says when the partner last confirmed the record; blank is never.
            if columns.lastVerifiedAt != nil {
                provenance.lastVerifiedAt = text(columns.lastVerifiedAt).flatMap { try? Date($0, strategy: .iso8601) }
            }
            // What Closeloop had read from free text rather than from fields, as exported.
            if columns.inferred != nil { provenance.inferred = list(columns.inferred) }
        }

        /// The record's Closeloop id as exported; nil when the cell is blank or the column missing.
        func ownID(_ index: Int?) -> String? { text(index) }

        /// A JSON list cell (phones, postal codes, codes); nil when blank, absent or unreadable.
        func json<T: Decodable>(_ index: Int?) -> T? {
            text(index).flatMap { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
        }

        /// A whole number of at least 0 (weeks of wait, places); anything else is left unknown, with a warning.
        func count(_ index: Int?, _ field: String, recordID: String) -> Int? {
            guard let cell = text(index) else { return nil }
            if let value = Int(cell), value >= 0 { return value }
            log.warning(columns.fileName, line: row.line, field: field, recordID: recordID, kind: .unreadableValue,
                        "'\(cell)' is not a whole number of at least 0; left unknown")
            return nil
        }

        /// Kilometres, finite and not negative (an edited cell may say "nan", "inf" or "-5", which
        /// `Double` reads); at most half the Earth's circumference.
        func radius(recordID: String) -> Double? {
            guard let cell = text(columns.radiusKm) else { return nil }
            if let value = Double(cell), value.isFinite, (0...20_000).contains(value) { return value }
            log.warning(columns.fileName, line: row.line, field: "x_closeloop_service_area_radius_km", recordID: recordID,
                        kind: .unreadableValue, "'\(cell)' is not a distance in kilometres (0 to 20000); the service radius is left unknown")
            return nil
        }

        /// The exported ages, read exactly (an exported 99 stays 99); nil when both cells are blank.
        /// Ages that are not whole years from 0 to 120 with the minimum first are unknown, with a warning.
        func ages(recordID: String) -> AgeRange? {
            let minimum = text(columns.minimumAge), maximum = text(columns.maximumAge)
            guard minimum != nil || maximum != nil else { return nil }
            func years(_ cell: String?) -> Int?? {
                guard let cell else { return .some(nil) }
                guard let value = Int(cell), (0...AgeWords.oldestAge).contains(value) else { return nil }
                return value
            }
            if let low = years(minimum), let high = years(maximum), (low ?? 0) <= (high ?? Int.max) {
                return AgeRange(min: low, max: high)
            }
            log.warning(columns.fileName, line: row.line, field: "minimum_age", recordID: recordID, kind: .unreadableAges,
                        "ages '\(minimum ?? "")' to '\(maximum ?? "")' are not whole years from 0 to \(AgeWords.oldestAge) with the minimum first; ages left unknown")
            return AgeRange()
        }

        /// Where the export has a facet's column, its cell is what Closeloop knew: a blank cell is a
        /// facet not stated, not one to derive again from the standard columns.
        func apply(to service: inout Service) {
            service.domains = list(columns.domains)
            if columns.intensity != nil { service.intensity = vocabulary(columns.intensity) }
            service.settings = list(columns.settings)
            if columns.transportation != nil { service.transportation = vocabulary(columns.transportation) }
            if columns.interpreter != nil { service.interpreterAvailable = flag(columns.interpreter) }
            if columns.cost != nil {
                service.cost = Cost(kind: vocabulary(columns.cost), insurance: list(columns.insurance))
            }
            if columns.enrollment != nil {
                service.enrollment = Enrollment(
                    status: vocabulary(columns.enrollment),
                    waitlistWeeks: count(columns.waitlistWeeks, "x_closeloop_waitlist_weeks", recordID: service.id),
                    capacity: count(columns.capacity, "x_closeloop_capacity", recordID: service.id),
                    intakeMethods: list(columns.intakeMethods))
            }
            service.serviceArea.radiusKm = radius(recordID: service.id)
            if columns.active != nil { service.active = flag(columns.active) ?? service.active }
            if let postalCodes: [String] = json(columns.postalCodes) { service.serviceArea.postalCodes = postalCodes }
            if let phones: [Phone] = json(columns.phones) { service.phones = phones }
            if let codes: [String] = json(columns.taxonomyCodes) { service.taxonomyCodes = codes }
            if columns.url != nil { service.url = text(columns.url) }
            if columns.email != nil { service.email = text(columns.email) }
            if columns.minimumAge != nil || columns.maximumAge != nil, let exported = ages(recordID: service.id) {
                service.ages = exported
            }
            // What these columns state is what Closeloop knew, not what the description suggested.
            var overwritten: Set<InferredFact> = [.domains, .settings]
            if columns.intensity != nil { overwritten.insert(.intensity) }
            if columns.transportation != nil { overwritten.insert(.transportation) }
            if columns.interpreter != nil { overwritten.insert(.interpreter) }
            if columns.cost != nil { overwritten.formUnion([.cost, .insurance]) }
            if columns.enrollment != nil { overwritten.insert(.enrollment) }
            // A companion table lists the facts that were inferred; that list is exact.
            if columns.inferred == nil { service.provenance.inferred.removeAll(where: overwritten.contains) }
        }
    }
}
