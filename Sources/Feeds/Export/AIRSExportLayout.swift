import Directory

/// Where each record of a directory goes in an AIRS tree (Agency → Site → SiteService), as indexes into
/// the snapshot's arrays, so the exporter can walk the tree without copying records.
///
/// AIRS has no service shared by several sites: a `<SiteService>` is one service at one site, and its
/// key must be unique in the file. So each service is written once, under the first site it is linked
/// to that belongs to its own organization; its other links have no place in AIRS and are counted in
/// `linksNotWritten`. A service linked to no site of its organization goes under the organization's first
/// site, and an organization with services but no site gets a stand-in site (named after it).
struct AIRSExportLayout {
    struct Agency {
        /// Index into `organizations`.
        let organization: Int
        var sites: [Site] = []
    }

    struct Site {
        /// Index into `locations`; nil for the stand-in site of an organization without locations.
        let location: Int?
        /// Indexes into `services`.
        var services: [Int] = []
    }

    private(set) var agencies: [Agency] = []
    /// Service-at-location links not expressible in AIRS (a service's second and further sites).
    private(set) var linksNotWritten = 0
    /// Locations and services not written: their organization is not in the directory (no agency to go
    /// in), or an earlier record of the same kind has the same id.
    private(set) var skipped = 0

    init(_ directory: DirectorySnapshot) {
        var agencyOfOrganization: [String: Int] = [:]
        agencyOfOrganization.reserveCapacity(directory.organizations.count)
        for (index, organization) in directory.organizations.enumerated() where agencyOfOrganization[organization.id] == nil {
            agencyOfOrganization[organization.id] = agencies.count
            agencies.append(Agency(organization: index))
        }

        // Each location becomes a site of its organization's agency.
        var siteOfLocation: [String: (agency: Int, site: Int)] = [:]
        siteOfLocation.reserveCapacity(directory.locations.count)
        for (index, location) in directory.locations.enumerated() {
            guard let agency = agencyOfOrganization[location.organizationID], siteOfLocation[location.id] == nil else {
                skipped += 1
                continue
            }
            siteOfLocation[location.id] = (agency, agencies[agency].sites.count)
            agencies[agency].sites.append(Site(location: index))
        }

        // The first link of each service to a site of its own organization decides where it goes.
        var serviceIndex: [String: Int] = [:]
        serviceIndex.reserveCapacity(directory.services.count)
        for (index, service) in directory.services.enumerated() where serviceIndex[service.id] == nil {
            serviceIndex[service.id] = index
        }
        var placement = [(agency: Int, site: Int)?](repeating: nil, count: directory.services.count)
        var links = [Int](repeating: 0, count: directory.services.count)
        for link in directory.servicesAtLocation {
            guard let service = serviceIndex[link.serviceID] else { continue }
            links[service] += 1
            guard placement[service] == nil, let site = siteOfLocation[link.locationID],
                  agencyOfOrganization[directory.services[service].organizationID] == site.agency else { continue }
            placement[service] = site
        }

        for (index, service) in directory.services.enumerated() {
            guard serviceIndex[service.id] == index, let agency = agencyOfOrganization[service.organizationID] else {
                skipped += 1
                continue
            }
            let site: Int
            if let placed = placement[index] {
                site = placed.site
                linksNotWritten += links[index] - 1
            } else {
                if agencies[agency].sites.isEmpty { agencies[agency].sites.append(Site(location: nil)) }
                site = 0
                linksNotWritten += links[index]
            }
            agencies[agency].sites[site].services.append(index)
        }
    }
}
