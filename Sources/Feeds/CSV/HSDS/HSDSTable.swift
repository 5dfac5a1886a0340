/// The HSDS tables the reader uses, with the names they go by in HSDS 1.1, 2.0 and 3.0.
enum HSDSTable: String, CaseIterable, Sendable {
    // Core tables: emitted as records, counted in `recordsRead`.
    case organizations, locations, services, servicesAtLocation
    // Linked tables: loaded into dictionaries first, folded into the core records.
    case phones, addresses, postalAddresses, schedules, languages, eligibility, costOptions, paymentsAccepted
    case serviceAreas, taxonomyTerms, serviceTaxonomy, attributes
    /// 3.0 `taxonomy`: the taxonomies terms belong to, to tell Open Eligibility terms by their taxonomy's name.
    /// After `taxonomyTerms`, so 1.1's `taxonomy` resource (its terms) is taken by that table first.
    case taxonomies
    /// Closeloop's own tables in its HSDS 3.1 exports (`HSDSExportSchema.closeloopTables`), read in
    /// step with the core table each extends (`HSDSCompanionTable`).
    case closeloopOrganizations, closeloopLocations, closeloopServices, closeloopServicesAtLocation

    var isCore: Bool {
        switch self {
        case .organizations, .locations, .services, .servicesAtLocation: true
        default: false
        }
    }

    /// A package without these cannot be imported.
    var isRequired: Bool { self == .organizations || self == .services }

    /// `datapackage.json` resource names, most specific first.
    var resourceNames: [String] {
        switch self {
        case .organizations: ["organization", "organizations"]
        case .locations: ["location", "locations"]
        case .services: ["service", "services"]
        case .servicesAtLocation: ["service_at_location", "services_at_location", "service_at_locations"]
        case .phones: ["phone", "phones"]
        // 1.1/2.0 `physical_address`; 3.0 `address` (with an address_type column).
        case .addresses: ["physical_address", "physical_addresses", "address", "addresses"]
        case .postalAddresses: ["postal_address", "postal_addresses"]
        // 1.1 `regular_schedule` (weekday); 2.0/3.0 `schedule` (byday, iCalendar style).
        case .schedules: ["regular_schedule", "regular_schedules", "schedule", "schedules"]
        case .languages: ["language", "languages"]
        case .eligibility: ["eligibility", "eligibilities"]
        case .costOptions: ["cost_option", "cost_options"]
        case .paymentsAccepted: ["payment_accepted", "payments_accepted"]
        case .serviceAreas: ["service_area", "service_areas"]
        // 2.0/3.0 `taxonomy_term`; 1.1 `taxonomy` held the terms (3.0's `taxonomy` lists taxonomies, so it comes last).
        case .taxonomyTerms: ["taxonomy_term", "taxonomy_terms", "taxonomy"]
        // 1.1 `service_taxonomy` (taxonomy_id); 2.0 `service_attribute` (taxonomy_term_id).
        case .serviceTaxonomy: ["service_taxonomy", "services_taxonomy", "service_attribute", "service_attributes"]
        // 3.0 `attribute`: link_id + link_entity + taxonomy_term_id.
        case .attributes: ["attribute", "attributes"]
        case .taxonomies: ["taxonomy", "taxonomies"]
        case .closeloopOrganizations: ["x_closeloop_organization"]
        case .closeloopLocations: ["x_closeloop_location"]
        case .closeloopServices: ["x_closeloop_service"]
        case .closeloopServicesAtLocation: ["x_closeloop_service_at_location"]
        }
    }

    /// File names to look for when `datapackage.json` does not list the table.
    var fileNames: [String] {
        switch self {
        case .organizations: ["organizations.csv", "organization.csv"]
        case .locations: ["locations.csv", "location.csv"]
        case .services: ["services.csv", "service.csv"]
        case .servicesAtLocation: ["services_at_location.csv", "service_at_location.csv", "service_at_locations.csv"]
        case .phones: ["phones.csv", "phone.csv"]
        case .addresses: ["physical_addresses.csv", "addresses.csv", "address.csv", "physical_address.csv"]
        case .postalAddresses: ["postal_addresses.csv", "postal_address.csv"]
        case .schedules: ["regular_schedules.csv", "schedules.csv", "schedule.csv", "regular_schedule.csv"]
        case .languages: ["languages.csv", "language.csv"]
        case .eligibility: ["eligibility.csv", "eligibilities.csv"]
        case .costOptions: ["cost_options.csv", "cost_option.csv"]
        case .paymentsAccepted: ["payments_accepted.csv", "payment_accepted.csv"]
        case .serviceAreas: ["service_areas.csv", "service_area.csv"]
        case .taxonomyTerms: ["taxonomy_terms.csv", "taxonomy_term.csv", "taxonomy.csv"]
        case .serviceTaxonomy: ["services_taxonomy.csv", "service_taxonomy.csv", "service_attributes.csv", "service_attribute.csv"]
        case .attributes: ["attributes.csv", "attribute.csv"]
        case .taxonomies: ["taxonomies.csv"]
        case .closeloopOrganizations: ["x_closeloop_organizations.csv"]
        case .closeloopLocations: ["x_closeloop_locations.csv"]
        case .closeloopServices: ["x_closeloop_services.csv"]
        case .closeloopServicesAtLocation: ["x_closeloop_service_at_location.csv"]
        }
    }

    /// Columns the reader cannot do without; each entry lists the names one column goes by across versions.
    var requiredColumns: [[String]] {
        switch self {
        case .organizations: [["id"], ["name"]]
        case .locations: [["id"]]
        case .services: [["id"], ["name"], ["organization_id"]]
        case .servicesAtLocation: [["service_id"], ["location_id"]]
        case .phones: [["number"]]
        case .addresses, .postalAddresses: [["location_id"]]
        case .schedules: [["service_id"]]
        case .languages: [["service_id"], ["language", "code", "name"]]
        case .eligibility, .costOptions, .serviceAreas: [["service_id"]]
        case .paymentsAccepted: [["service_id"], ["payment"]]
        case .taxonomyTerms: [["id"]]
        case .serviceTaxonomy: [["service_id"], ["taxonomy_term_id", "taxonomy_id"]]
        case .attributes: [["link_id"], ["taxonomy_term_id"]]
        case .taxonomies: [["id"], ["name"]]
        case .closeloopOrganizations, .closeloopLocations, .closeloopServices, .closeloopServicesAtLocation: [["id"], ["x_closeloop_id"]]
        }
    }
}
