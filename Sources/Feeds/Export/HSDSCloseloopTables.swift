import Directory
import Foundation
import OpenReferral
import TextFormats

/// The `x_closeloop_*` tables of an HSDS 3.1 export (`HSDSExportSchema.closeloopTables`): one row per
/// organization, location, service and service at a location, keyed by the record's HSDS id and in
/// the order of its HSDS table, with what HSDS has no field for. A fact not stated is an empty cell.
struct HSDSCloseloopTables {
    let directory: DirectorySnapshot

    /// The tables, file name → CSV text, their rows in the order of `rows`' HSDS tables.
    func tables(inOrderOf rows: HSDSFlatRows) -> [String: String] {
        var organizations: [String: Organization] = [:]
        for organization in directory.organizations { organizations[uuid(HSDSMapping.organizationID(organization))] = organization }
        var locations: [String: Location] = [:]
        for location in directory.locations { locations[uuid(HSDSMapping.locationID(location))] = location }
        var services: [String: Service] = [:]
        var serviceUUIDs: [String: UUID] = [:]
        for service in directory.services {
            let id = HSDSMapping.serviceID(service)
            services[uuid(id)] = service
            serviceUUIDs[service.id] = id
        }
        let locationUUIDs = Dictionary(directory.locations.map { ($0.id, HSDSMapping.locationID($0)) }, uniquingKeysWith: { a, _ in a })
        var links: [String: ServiceAtLocation] = [:]
        for link in directory.servicesAtLocation {
            guard let service = serviceUUIDs[link.serviceID], let location = locationUUIDs[link.locationID] else { continue }
            let id = uuid(HSDSMapping.serviceAtLocationID(service: service, location: location))
            if links[id] == nil { links[id] = link }
        }

        var tables: [String: String] = [:]
        for table in HSDSExportSchema.closeloopTables {
            var writer = CSVWriter(columns: table.columns, for: .machine)
            switch table.resource {
            case "x_closeloop_organization":
                for id in rows.ids(of: "organization") { if let record = organizations[id] { writer.append(row(record, id: id)) } }
            case "x_closeloop_location":
                for id in rows.ids(of: "location") { if let record = locations[id] { writer.append(row(record, id: id)) } }
            case "x_closeloop_service":
                for id in rows.ids(of: "service") { if let record = services[id] { writer.append(row(record, id: id)) } }
            case "x_closeloop_service_at_location":
                for id in rows.ids(of: "service_at_location") {
                    guard let link = links[id] else { continue }
                    writer.append([
                        "id": id, "x_closeloop_id": link.id, "x_closeloop_service_id": link.serviceID,
                        "x_closeloop_location_id": link.locationID,
                    ])
                }
            default:
                break
            }
            tables[table.file] = writer.text
        }
        return tables
    }

    private func uuid(_ id: UUID) -> String { id.uuidString.lowercased() }

    private func row(_ organization: Organization, id: String) -> [String: String] {
        [
            "id": id, "x_closeloop_id": organization.id, "x_closeloop_active": flag(organization.active),
            "x_closeloop_phones": json(organization.phones), "x_closeloop_url": organization.url ?? "",
            "x_closeloop_email": organization.email ?? "",
        ].merging(provenance(organization.provenance)) { a, _ in a }
    }

    private func row(_ location: Location, id: String) -> [String: String] {
        [
            "id": id, "x_closeloop_id": location.id, "x_closeloop_organization_id": location.organizationID,
            "x_closeloop_transit_accessible": flag(location.transitAccessible),
            "x_closeloop_coordinates_precision": location.coordinatesPrecision?.rawValue ?? "",
            "x_closeloop_active": flag(location.active), "x_closeloop_address": location.address.map(json) ?? "",
        ].merging(provenance(location.provenance)) { a, _ in a }
    }

    private func row(_ service: Service, id: String) -> [String: String] {
        let enrollment = service.enrollment
        var row: [String: String] = [
            "id": id, "x_closeloop_id": service.id, "x_closeloop_organization_id": service.organizationID,
            "minimum_age": service.ages.min.map(String.init) ?? "", "maximum_age": service.ages.max.map(String.init) ?? "",
        ]
        row["x_closeloop_active"] = flag(service.active)
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
        row["x_closeloop_postal_codes"] = json(service.serviceArea.postalCodes)
        row["x_closeloop_phones"] = json(service.phones)
        row["x_closeloop_taxonomy_codes"] = json(service.taxonomyCodes)
        row["x_closeloop_url"] = service.url ?? ""
        row["x_closeloop_email"] = service.email ?? ""
        return row.merging(provenance(service.provenance)) { current, _ in current }
    }

    private func date(_ date: Date?) -> String { date.map { $0.formatted(.iso8601) } ?? "" }

    private func list<T: RawRepresentable>(_ values: [T]) -> String where T.RawValue == String {
        values.map(\.rawValue).joined(separator: ";")
    }

    /// A list whose items may hold any character (phones, codes, postal codes), as JSON.
    private func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// "true", "false", or empty when not stated.
    private func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }

    private func provenance(_ provenance: Provenance) -> [String: String] {
        [
            "x_closeloop_source": provenance.source, "x_closeloop_external_id": provenance.externalID,
            "x_closeloop_imported_at": date(provenance.importedAt), "x_closeloop_last_verified_at": date(provenance.lastVerifiedAt),
            "x_closeloop_inferred": list(provenance.inferred),
        ]
    }
}
