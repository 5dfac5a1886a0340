import Directory
import Foundation
import TextFormats

/// Writes a directory as an Open Referral HSDS 3.0 datapackage (datapackage.json + CSV tables).
///
/// Standard columns carry everything HSDS has a place for (names, descriptions, ages, phones,
/// addresses, schedules, languages, service areas, taxonomy terms, cost options). Closeloop's facets
/// that HSDS has no column for (domains, intensity, settings, transportation, insurance, enrollment)
/// go into `x_closeloop_*` columns of services.csv, which other HSDS consumers ignore and Closeloop's
/// HSDS reader uses, so export → import gives back the same directory. Ids are Closeloop's own, with
/// each record's original source and feed id in `x_closeloop_source` / `x_closeloop_external_id`.
/// A facet the directory does not know is an empty cell (and no row in a linked table), never a default.
///
/// The tables are for machines (HSDS tools, Closeloop's own reader), so values are written exactly,
/// with no spreadsheet-safety quote: a name that starts with `=` or a phone with `+` reads back as it was.
public struct HSDSExporter {
    public let directory: DirectorySnapshot

    public init(directory: DirectorySnapshot) {
        self.directory = directory
    }

    /// The tables, file name → CSV text.
    public func tables() -> [String: String] {
        var tables: [String: String] = [:]
        for table in HSDSExportSchema.tables {
            var writer = CSVWriter(columns: table.columns, for: .machine)
            for row in rows(for: table.name) { writer.append(row) }
            tables[table.name + ".csv"] = writer.text
        }
        return tables
    }

    /// Writes datapackage.json and every table into `folder` (created if missing).
    public func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, text) in tables() {
            try Data(text.utf8).write(to: folder.appendingPathComponent(file))
        }
        try HSDSExportSchema.datapackage().write(to: folder.appendingPathComponent("datapackage.json"))
    }

    private func date(_ date: Date?) -> String { date.map { $0.formatted(.iso8601) } ?? "" }

    private func list<T: RawRepresentable>(_ values: [T]) -> String where T.RawValue == String {
        values.map(\.rawValue).joined(separator: ";")
    }

    // swiftlint:disable:next cyclomatic_complexity
    private func rows(for table: String) -> [[String: String]] {
        switch table {
        case "organizations":
            return directory.organizations.map { organization in
                [
                    "id": organization.id, "name": organization.name,
                    "description": organization.description, "email": organization.email ?? "",
                    "website": organization.url ?? "", "x_closeloop_active": organization.active ? "true" : "false",
                    "last_modified": date(organization.provenance.lastVerifiedAt),
                ].merging(provenance(organization.provenance)) { a, _ in a }
            }
        case "locations":
            return directory.locations.map { location in
                [
                    "id": location.id, "organization_id": location.organizationID,
                    "location_type": "physical", "name": location.name,
                    "latitude": location.coordinates.map { String($0.lat) } ?? "",
                    "longitude": location.coordinates.map { String($0.lon) } ?? "",
                    "transportation": location.transitAccessible == true ? "Transit accessible" : "",
                    "x_closeloop_transit_accessible": flag(location.transitAccessible),
                    "x_closeloop_coordinates_precision": location.coordinatesPrecision?.rawValue ?? "",
                    "x_closeloop_active": location.active ? "true" : "false",
                    "last_modified": date(location.provenance.lastVerifiedAt),
                ].merging(provenance(location.provenance)) { a, _ in a }
            }
        case "addresses":
            return directory.locations.compactMap { location in
                guard let address = location.address else { return nil }
                return [
                    "id": "addr-" + location.id, "location_id": location.id,
                    "address_1": address.address1, "city": address.city, "state_province": address.region,
                    "region": address.region, "postal_code": address.postalCode, "country": address.country,
                    "address_type": "physical",
                ]
            }
        case "services":
            return directory.services.map(serviceRow)
        case "service_at_locations":
            return directory.servicesAtLocation.map { link in
                [
                    "id": link.id, "service_id": link.serviceID,
                    "location_id": link.locationID,
                ]
            }
        case "phones":
            return phoneRows()
        case "schedules":
            return directory.services.flatMap { service in
                service.hours.enumerated().map { index, slot in
                    [
                        "id": "\(service.id)-h\(index + 1)", "service_id": service.id,
                        "freq": "WEEKLY", "byday": Self.byday[slot.weekday] ?? "", "opens_at": slot.opens.description,
                        "closes_at": slot.closes.description,
                    ]
                }
            }
        case "languages":
            return directory.services.flatMap { service in
                service.languages.enumerated().map { index, language in
                    [
                        "id": "\(service.id)-l\(index + 1)", "service_id": service.id,
                        "code": language.rawValue, "name": language.rawValue,
                    ]
                }
            }
        case "service_areas":
            return directory.services.flatMap { service in
                service.serviceArea.postalCodes.enumerated().map { index, code in
                    [
                        "id": "\(service.id)-a\(index + 1)", "service_id": service.id,
                        "name": code, "extent_type": "postal_code",
                    ]
                }
            }
        case "cost_options":
            return directory.services.compactMap { service in
                guard service.cost != Cost() else { return nil }
                return [
                    "id": "\(service.id)-c", "service_id": service.id,
                    "option": service.cost.kind.flatMap { Self.costLabel[$0] } ?? "", "amount_description": list(service.cost.insurance),
                ]
            }
        case "taxonomy_terms":
            let codes = Set(directory.services.flatMap(\.taxonomyCodes)).sorted()
            return codes.map { ["id": $0, "code": $0, "name": $0, "taxonomy": "AIRS/211"] }
        case "attributes":
            return directory.services.flatMap { service in
                service.taxonomyCodes.enumerated().map { index, code in
                    [
                        "id": "\(service.id)-t\(index + 1)", "link_id": service.id,
                        "link_type": "service", "link_entity": "service", "taxonomy_term_id": code,
                    ]
                }
            }
        default:
            return []
        }
    }

    private func serviceRow(_ service: Service) -> [String: String] {
        let enrollment = service.enrollment
        var row: [String: String] = [
            "id": service.id, "organization_id": service.organizationID, "name": service.name,
            "description": service.description, "url": service.url ?? "", "email": service.email ?? "",
            "status": service.active ? "active" : "inactive",
        ]
        row["interpretation_services"] = service.interpreterAvailable.map { $0 ? "Interpreter available" : "None" } ?? ""
        row["minimum_age"] = service.ages.min.map(String.init) ?? ""
        row["maximum_age"] = service.ages.max.map(String.init) ?? ""
        row["wait_time"] = enrollment.waitlistWeeks.map { "About \($0) weeks" } ?? ""
        row["application_process"] = enrollment.intakeMethods.map(\.rawValue).joined(separator: ", ")
        row["last_modified"] = date(service.provenance.lastVerifiedAt)
        row["x_closeloop_domains"] = list(service.domains)
        row["x_closeloop_intensity"] = service.intensity?.rawValue ?? ""
        row["x_closeloop_settings"] = list(service.settings)
        row["x_closeloop_transportation"] = service.transportation?.rawValue ?? ""
        row["x_closeloop_interpreter"] = flag(service.interpreterAvailable)
        row["x_closeloop_cost"] = service.cost.kind?.rawValue ?? ""
        row["x_closeloop_insurance"] = list(service.cost.insurance)
        row["x_closeloop_enrollment"] = enrollment.status?.rawValue ?? ""
        row["x_closeloop_waitlist_weeks"] = enrollment.waitlistWeeks.map(String.init) ?? ""
        row["x_closeloop_capacity"] = enrollment.capacity.map(String.init) ?? ""
        row["x_closeloop_intake_methods"] = list(enrollment.intakeMethods)
        row["x_closeloop_service_area_radius_km"] = service.serviceArea.radiusKm.map { String($0) } ?? ""
        return row.merging(provenance(service.provenance)) { current, _ in current }
    }

    /// "true", "false", or empty when not stated.
    private func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }

    private func provenance(_ provenance: Provenance) -> [String: String] {
        [
            "x_closeloop_source": provenance.source, "x_closeloop_external_id": provenance.externalID,
            "x_closeloop_imported_at": date(provenance.importedAt),
        ]
    }

    private func phoneRows() -> [[String: String]] {
        var rows: [[String: String]] = []
        for organization in directory.organizations {
            for (index, phone) in organization.phones.enumerated() {
                rows.append(phoneRow(phone, id: "\(organization.id)-p\(index + 1)",
                                     owner: ("organization_id", organization.id)))
            }
        }
        for service in directory.services {
            for (index, phone) in service.phones.enumerated() {
                rows.append(phoneRow(phone, id: "\(service.id)-p\(index + 1)",
                                     owner: ("service_id", service.id)))
            }
        }
        return rows
    }

    private func phoneRow(_ phone: Phone, id: String, owner: (String, String)) -> [String: String] {
        ["id": id, owner.0: owner.1, "number": phone.number, "type": phone.kind.rawValue, "x_closeloop_language": phone.language?.rawValue ?? ""]
    }

    static let byday: [Weekday: String] = [
        .monday: "MO", .tuesday: "TU", .wednesday: "WE", .thursday: "TH", .friday: "FR", .saturday: "SA", .sunday: "SU",
    ]
    static let costLabel: [CostKind: String] = [.free: "Free", .slidingScale: "Sliding scale", .fee: "Fee"]
}
