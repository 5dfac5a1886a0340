import Directory
import Foundation

/// Reads back the `x_closeloop_*` columns that `HSDSExporter` writes, so that importing an export
/// gives the same directory: original ids and provenance, and the facets HSDS has no column for.
/// Feeds from elsewhere have no such columns and are read as plain HSDS.
struct HSDSCloseloopExtensions {
    /// What the extension columns of one row say, parsed when the package is opened. Parsed values
    /// rather than the cells as text: a 100,000-service export holds a million extension cells, and a
    /// dictionary of strings per row cost hundreds of megabytes.
    private struct Values {
        var source: String?
        var externalID: String?
        var active: Bool?
        var transitAccessible: Bool?
        /// Services only; blank list cells read as empty lists, as the exporter writes them.
        var domains: [Domain] = []
        var intensity: Intensity?
        var settings: [Setting] = []
        var transportation: Transportation?
        var interpreter: Bool?
        var cost: Cost?
        var enrollment: Enrollment?
        var radiusKm: Double?
    }

    private var organizations: [String: Values] = [:]
    private var locations: [String: Values] = [:]
    private var services: [String: Values] = [:]

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
    private static func rows(of table: CSVTable) -> [String: Values] {
        guard let idColumn = table.column("id"), table.header.contains(where: { $0.hasPrefix("x_closeloop_") }) else { return [:] }
        func column(_ name: String) -> Int? {
            table.header.firstIndex(of: name)
        }
        let source = column("x_closeloop_source"), external = column("x_closeloop_external_id")
        let active = column("x_closeloop_active"), transit = column("x_closeloop_transit_accessible")
        let domains = column("x_closeloop_domains"), intensity = column("x_closeloop_intensity")
        let settings = column("x_closeloop_settings"), transportation = column("x_closeloop_transportation")
        let interpreter = column("x_closeloop_interpreter"), cost = column("x_closeloop_cost")
        let insurance = column("x_closeloop_insurance"), enrollment = column("x_closeloop_enrollment")
        let waitlist = column("x_closeloop_waitlist_weeks"), capacity = column("x_closeloop_capacity")
        let intake = column("x_closeloop_intake_methods"), radius = column("x_closeloop_service_area_radius_km")

        var result: [String: Values] = [:]
        while let row = table.next() {
            // A blank cell counts as absent, as if the column were not there.
            func text(_ index: Int?) -> String? { row.isBlank(index) ? nil : row.value(index) }
            func flag(_ index: Int?) -> Bool? { text(index).map { $0.lowercased() == "true" } }
            func list<T: RawRepresentable>(_ index: Int?) -> [T] where T.RawValue == String {
                text(index).map { $0.split(separator: ";").compactMap { T(rawValue: String($0)) } } ?? []
            }
            var values = Values(
                source: text(source), externalID: text(external), active: flag(active), transitAccessible: flag(transit))
            values.domains = list(domains)
            values.intensity = text(intensity).flatMap(Intensity.init(rawValue:))
            values.settings = list(settings)
            values.transportation = text(transportation).flatMap(Transportation.init(rawValue:))
            values.interpreter = flag(interpreter)
            values.cost = text(cost).flatMap(CostKind.init(rawValue:)).map { Cost(kind: $0, insurance: list(insurance)) }
            values.enrollment = text(enrollment).flatMap(EnrollmentStatus.init(rawValue:)).map { status in
                Enrollment(status: status, waitlistWeeks: text(waitlist).flatMap { Int($0) },
                           capacity: text(capacity).flatMap { Int($0) }, intakeMethods: list(intake))
            }
            values.radiusKm = text(radius).flatMap { Double($0) }
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
        func provenance(_ current: Provenance, _ values: Values?) -> Provenance {
            var result = current
            if let source = values?.source { result.source = source }
            if let external = values?.externalID { result.externalID = external }
            return result
        }

        switch record {
        case .organization(var organization):
            let values = organizations[original(organization.id)]
            organization.id = original(organization.id)
            organization.provenance = provenance(organization.provenance, values)
            organization.active = values?.active ?? organization.active
            return .organization(organization)
        case .location(var location):
            let values = locations[original(location.id)]
            location.id = original(location.id)
            location.organizationID = original(location.organizationID)
            location.provenance = provenance(location.provenance, values)
            location.transitAccessible = values?.transitAccessible ?? location.transitAccessible
            location.active = values?.active ?? location.active
            return .location(location)
        case .service(var service):
            let values = services[original(service.id)]
            service.id = original(service.id)
            service.organizationID = original(service.organizationID)
            service.provenance = provenance(service.provenance, values)
            if let values { apply(values, to: &service) }
            return .service(service)
        case .serviceAtLocation(var link):
            link.id = original(link.id)
            link.serviceID = original(link.serviceID)
            link.locationID = original(link.locationID)
            return .serviceAtLocation(link)
        }
    }

    private func apply(_ values: Values, to service: inout Service) {
        service.domains = values.domains
        if let intensity = values.intensity { service.intensity = intensity }
        service.settings = values.settings
        if let transportation = values.transportation { service.transportation = transportation }
        if let interpreter = values.interpreter { service.interpreterAvailable = interpreter }
        if let cost = values.cost { service.cost = cost }
        if let enrollment = values.enrollment { service.enrollment = enrollment }
        service.serviceArea.radiusKm = values.radiusKm
    }
}
