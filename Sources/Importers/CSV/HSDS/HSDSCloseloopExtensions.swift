import Directory
import Foundation

/// Reads back the `x_closeloop_*` columns that `HSDSExporter` writes, so that importing an export
/// gives the same directory: original ids and provenance, and the facets HSDS has no column for.
/// Feeds from elsewhere have no such columns and are read as plain HSDS.
struct HSDSCloseloopExtensions {
    private var organizations: [String: [String: String]] = [:]
    private var locations: [String: [String: String]] = [:]
    private var services: [String: [String: String]] = [:]

    /// nil when the package is not a Closeloop export (services.csv has no `x_closeloop_source`).
    static func load(_ package: HSDSPackage) -> HSDSCloseloopExtensions? {
        guard let servicesPath = package.tables[.services], let services = try? CSVTable(path: servicesPath),
              services.column("x_closeloop_source") != nil else { return nil }
        var extensions = HSDSCloseloopExtensions()
        extensions.services = rows(of: services)
        if let path = package.tables[.organizations], let table = try? CSVTable(path: path) {
            extensions.organizations = rows(of: table)
        }
        if let path = package.tables[.locations], let table = try? CSVTable(path: path) {
            extensions.locations = rows(of: table)
        }
        return extensions
    }

    /// The extension columns of each row, keyed by the row's id.
    private static func rows(of table: CSVTable) -> [String: [String: String]] {
        let columns = table.header.enumerated().filter { $0.element.hasPrefix("x_closeloop_") }
        guard let idColumn = table.column("id"), !columns.isEmpty else { return [:] }
        var result: [String: [String: String]] = [:]
        while let row = table.next() {
            var values: [String: String] = [:]
            for (index, name) in columns where !row.isBlank(index) { values[name] = row.value(index) }
            result[row.value(idColumn)] = values
        }
        return result
    }

    /// The record as it was exported: ids without the import's source prefix, original provenance
    /// and Closeloop's own facets.
    func apply(_ record: FeedRecord, source: String) -> FeedRecord {
        func original(_ id: String) -> String {
            id.hasPrefix(source + ":") ? String(id.dropFirst(source.count + 1)) : id
        }
        func provenance(_ current: Provenance, _ values: [String: String]?) -> Provenance {
            var result = current
            if let source = values?["x_closeloop_source"] { result.source = source }
            if let external = values?["x_closeloop_external_id"] { result.externalID = external }
            return result
        }
        func flag(_ values: [String: String]?, _ name: String) -> Bool? {
            values?[name].map { $0.lowercased() == "true" }
        }

        switch record {
        case .organization(var organization):
            let values = organizations[original(organization.id)]
            organization.id = original(organization.id)
            organization.provenance = provenance(organization.provenance, values)
            organization.active = flag(values, "x_closeloop_active") ?? organization.active
            return .organization(organization)
        case .location(var location):
            let values = locations[original(location.id)]
            location.id = original(location.id)
            location.organizationID = original(location.organizationID)
            location.provenance = provenance(location.provenance, values)
            location.transitAccessible = flag(values, "x_closeloop_transit_accessible") ?? location.transitAccessible
            location.active = flag(values, "x_closeloop_active") ?? location.active
            return .location(location)
        case .service(var service):
            let values = services[original(service.id)]
            service.id = original(service.id)
            service.organizationID = original(service.organizationID)
            service.provenance = provenance(service.provenance, values)
            apply(values, to: &service, flag: flag)
            return .service(service)
        case .serviceAtLocation(var link):
            link.id = original(link.id)
            link.serviceID = original(link.serviceID)
            link.locationID = original(link.locationID)
            return .serviceAtLocation(link)
        }
    }

    private func apply(
        _ values: [String: String]?, to service: inout Service, flag: ([String: String]?, String) -> Bool?
    ) {
        guard let values else { return }
        func vocabulary<T: RawRepresentable>(_ name: String) -> [T]? where T.RawValue == String {
            // An empty cell is an empty list (blank cells are not collected).
            values[name].map { $0.split(separator: ";").compactMap { T(rawValue: String($0)) } } ?? []
        }
        if let domains: [Domain] = vocabulary("x_closeloop_domains") { service.domains = domains }
        if let intensity = values["x_closeloop_intensity"].flatMap(Intensity.init(rawValue:)) { service.intensity = intensity }
        if let settings: [Setting] = vocabulary("x_closeloop_settings") { service.settings = settings }
        if let transportation = values["x_closeloop_transportation"].flatMap(Transportation.init(rawValue:)) {
            service.transportation = transportation
        }
        if let interpreter = flag(values, "x_closeloop_interpreter") { service.interpreterAvailable = interpreter }
        if let kind = values["x_closeloop_cost"].flatMap(CostKind.init(rawValue:)) {
            service.cost = Cost(kind: kind, insurance: vocabulary("x_closeloop_insurance") ?? [])
        }
        if let status = values["x_closeloop_enrollment"].flatMap(EnrollmentStatus.init(rawValue:)) {
            service.enrollment = Enrollment(
                status: status, waitlistWeeks: values["x_closeloop_waitlist_weeks"].flatMap { Int($0) },
                capacity: values["x_closeloop_capacity"].flatMap { Int($0) },
                intakeMethods: vocabulary("x_closeloop_intake_methods") ?? [])
        }
        service.serviceArea.radiusKm = values["x_closeloop_service_area_radius_km"].flatMap { Double($0) }
    }
}
