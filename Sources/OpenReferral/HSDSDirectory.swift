import Directory
import Foundation

/// The whole directory as HSDS 3.1 records, each with all its children, and the way back from an
/// HSDS id to the record: what the `/hsds/` API pages through and the CSV export flattens.
///
/// Built once from a snapshot (`init(snapshot:terms:)`); a service that changes is replaced in
/// place (`replace(services:removing:)`), which is how an availability report reaches it.
public struct HSDSDirectory: Sendable {
    /// A published service with what filters need of ours.
    public struct ServiceEntry: Sendable {
        /// Fully nested.
        public var record: HSDSService
        public var service: Service
        /// For `modified_after`.
        public var modified: Date?
        /// Lower-cased name, description and organization name, for `search`.
        public var searchText: String
        /// The site records' postal codes and points, for `postcode`/`proximity`.
        public var sites: [Location]
    }

    public struct ServiceAtLocationEntry: Sendable {
        /// The site with the service (one-to-one fields) nested.
        public var record: HSDSServiceAtLocation
        /// Index of its service in `services`.
        public var serviceIndex: Int
        public var site: Location
    }

    public private(set) var services: [ServiceEntry] = []
    /// Organizations with their phones and sites (not their services: see `services(ofOrganization:)`).
    public private(set) var organizations: [HSDSOrganization] = []
    public private(set) var servicesAtLocation: [ServiceAtLocationEntry] = []
    public let terms: HSDSTermNames

    private var serviceByUUID: [String: Int] = [:]
    private var serviceByOurID: [String: Int] = [:]
    private var organizationByUUID: [String: Int] = [:]
    private var organizationByOurID: [String: Organization] = [:]
    private var siteByUUID: [String: Int] = [:]
    private var sitesByService: [String: [Int]] = [:]
    private var servicesByOrganization: [String: [Int]] = [:]
    private var locationsByOurID: [String: Location] = [:]
    private var locationIDsByService: [String: [String]] = [:]

    public init(snapshot: DirectorySnapshot, terms: HSDSTermNames = HSDSTermNames()) {
        self.terms = terms
        for organization in snapshot.organizations { organizationByOurID[organization.id] = organization }
        for location in snapshot.locations { locationsByOurID[location.id] = location }
        for link in snapshot.servicesAtLocation { locationIDsByService[link.serviceID, default: []].append(link.locationID) }
        let sitesByOrganization = Dictionary(grouping: snapshot.locations, by: \.organizationID)
        organizations = snapshot.organizations.map { organization in
            var record = HSDSMapping.organization(organization)
            record.locations = (sitesByOrganization[organization.id] ?? []).map(HSDSMapping.location)
            return record
        }
        for (index, organization) in organizations.enumerated() { organizationByUUID[organization.id] = index }
        services.reserveCapacity(snapshot.services.count)
        for service in snapshot.services { append(service) }
    }

    private func entry(for service: Service) -> ServiceEntry {
        let organization = organizationByOurID[service.organizationID]
        let sites = (locationIDsByService[service.id] ?? []).sorted().compactMap { locationsByOurID[$0] }
        let record = HSDSMapping.service(service, organization: organization, sites: sites, terms: terms)
        return ServiceEntry(
            record: record, service: service, modified: HSDSMapping.lastModified(service.provenance),
            searchText: [service.name, service.description, organization?.name ?? ""].joined(separator: "\n").lowercased(),
            sites: sites)
    }

    private mutating func append(_ service: Service) {
        let entry = entry(for: service)
        let index = services.count
        services.append(entry)
        serviceByUUID[entry.record.id] = index
        serviceByOurID[service.id] = index
        servicesByOrganization[entry.record.organizationID ?? "", default: []].append(index)
        for (site, record) in zip(entry.sites, entry.record.serviceAtLocations ?? []) {
            siteByUUID[record.id] = servicesAtLocation.count
            sitesByService[service.id, default: []].append(servicesAtLocation.count)
            servicesAtLocation.append(ServiceAtLocationEntry(
                record: HSDSMapping.serviceAtLocation(service: entry.record, site: record), serviceIndex: index, site: site))
        }
    }

    /// Replaces changed services (same sites: an availability report or a re-read of the service);
    /// a service not yet published is added. Anything that moves sites or organizations is a
    /// rebuild from a new snapshot.
    public mutating func replace(services changed: [Service]) {
        for service in changed {
            guard let index = serviceByOurID[service.id] else {
                append(service)
                continue
            }
            let entry = entry(for: service)
            services[index] = entry
            for site in sitesByService[service.id] ?? [] {
                servicesAtLocation[site].record.service = entry.record.listForm
            }
        }
    }

    // MARK: lookups by HSDS id

    public func service(id: String) -> ServiceEntry? { serviceByUUID[id.lowercased()].map { services[$0] } }

    public func organization(id: String) -> HSDSOrganization? { organizationByUUID[id.lowercased()].map { organizations[$0] } }

    public func serviceAtLocation(id: String) -> ServiceAtLocationEntry? { siteByUUID[id.lowercased()].map { servicesAtLocation[$0] } }

    /// Indexes into `services` of an organization's services (by its HSDS id), in our id order.
    public func services(ofOrganization id: String) -> [Int] { servicesByOrganization[id.lowercased()] ?? [] }

    /// Index of a service by our id.
    public func serviceIndex(ourID: String) -> Int? { serviceByOurID[ourID] }
}
