import Directory
import Foundation

/// The whole directory ready to publish as HSDS 3.1, and the way back from an HSDS id to the
/// record: what the `/hsds/` API pages through and the CSV export flattens.
///
/// It keeps our records with their HSDS ids and what filters read (term ids, last change, search
/// text); a service's nested HSDS record is mapped when it is read (`ServiceEntry.record`), a page
/// or a stream at a time. Keeping every nested record instead cost about 1.4 GB and minutes of a
/// debug build for 100,000 services (docs/PERFORMANCE.md, "HSDS API").
///
/// Built once from a snapshot (`init(snapshot:terms:)`); a service that changes is replaced in
/// place (`replace(services:)`), which is how an availability report reaches it.
public struct HSDSDirectory: Sendable {
    /// A published service with what filters need.
    public struct ServiceEntry: Sendable {
        public let service: Service
        public let organization: Organization?
        /// Its sites, in our id order.
        public let sites: [Location]
        let terms: HSDSTermNames
        /// Its HSDS id, and its organization's.
        public let id: String
        public let organizationID: String?
        /// For `modified_after`.
        public let modified: Date?
        /// Lower-cased name, description and organization name, for `search`.
        public let searchText: String
        /// Its terms' ids and their taxonomies' ids, for `taxonomy_term_id` and `taxonomy_id`.
        public let termIDs: [String]
        public let taxonomyIDs: [String]

        init(service: Service, organization: Organization?, sites: [Location], terms: HSDSTermNames) {
            self.service = service
            self.organization = organization
            self.sites = sites
            self.terms = terms
            id = HSDSMapping.string(HSDSMapping.serviceID(service))
            organizationID = organization.map { HSDSMapping.string(HSDSMapping.organizationID($0)) }
            modified = HSDSMapping.lastModified(service.provenance)
            searchText = [service.name, service.description, organization?.name ?? ""].joined(separator: "\n").lowercased()
            let source = service.provenance.source
            termIDs = service.taxonomyCodes.map { HSDSMapping.string(HSDSMapping.taxonomyTermID(source: source, code: $0)) }
            taxonomyIDs = service.taxonomyCodes.compactMap { terms.term(source: source, code: $0)?.taxonomyID }
        }

        /// Fully nested (organization, sites, phones, schedules, languages, cost, areas, capacities, terms).
        public var record: HSDSService {
            HSDSMapping.service(service, organization: organization, sites: sites, terms: terms)
        }
    }

    public struct ServiceAtLocationEntry: Sendable {
        public let id: String
        /// Index of its service in `services`.
        public let serviceIndex: Int
        public let site: Location
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
        ServiceEntry(
            service: service, organization: organizationByOurID[service.organizationID],
            sites: (locationIDsByService[service.id] ?? []).sorted().compactMap { locationsByOurID[$0] }, terms: terms)
    }

    private mutating func append(_ service: Service) {
        let entry = entry(for: service)
        let index = services.count
        services.append(entry)
        serviceByUUID[entry.id] = index
        serviceByOurID[service.id] = index
        servicesByOrganization[entry.organizationID ?? "", default: []].append(index)
        let serviceUUID = HSDSMapping.serviceID(service)
        for site in entry.sites {
            let id = HSDSMapping.string(HSDSMapping.serviceAtLocationID(service: serviceUUID, location: HSDSMapping.locationID(site)))
            siteByUUID[id] = servicesAtLocation.count
            servicesAtLocation.append(ServiceAtLocationEntry(id: id, serviceIndex: index, site: site))
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
            services[index] = entry(for: service)
        }
    }

    /// The service at a site with the site nested, and the service: its one-to-one fields, or the
    /// whole nested record when `fullService`.
    public func record(of site: ServiceAtLocationEntry, fullService: Bool) -> HSDSServiceAtLocation {
        let service = services[site.serviceIndex].record
        guard var record = service.serviceAtLocations?.first(where: { $0.id == site.id }) else {
            return HSDSServiceAtLocation(id: site.id, serviceID: service.id, locationID: nil, service: service.listForm)
        }
        record.service = fullService ? service : service.listForm
        return record
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
