import Foundation

/// The tables of an HSDS 3.1 CSV export: every resource of the HSDS 3.1 tabular package
/// (`datapackage.json` of openreferral/specification 3.1, commit abc731c), with its file name and
/// its columns in the package's order, so a frictionless check against that package finds each file
/// and each header where it looks. A resource with no row is still written, header only: the
/// package lists it and its foreign keys name it.
///
/// Two resources follow the 3.1 JSON schemas instead of the package: the package gives
/// `service_capacity` only `service_id` and `unit_id` (and a primary key `id` it lacks) and `unit`
/// no field at all, which frictionless refuses as a schema; the columns here are those of
/// schema/service_capacity.json and schema/unit.json, as in the spec's examples/csv.
///
/// Closeloop's own facts go into tables of their own (`closeloopTables`), never into extra columns:
/// against the HSDS package frictionless reports an extra column as an `extra-label` error.
enum HSDSExportSchema {
    struct Table {
        /// The package's resource name ("service_at_location").
        let resource: String
        /// The file ("service_at_location.csv").
        let file: String
        let columns: [String]
        /// Frictionless types other than string, as the package declares them.
        var types: [String: String] = [:]
    }

    static let tables: [Table] = [
        Table(resource: "organization", file: "organizations.csv", columns: ["id", "name", "alternate_name", "description", "email", "website", "tax_status", "tax_id", "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id"], types: ["year_incorporated": "number"]),
        Table(resource: "program", file: "programs.csv", columns: ["id", "organization_id", "name", "alternate_name", "description"]),
        Table(resource: "service", file: "services.csv", columns: ["id", "organization_id", "program_id", "name", "alternate_name", "description", "url", "email", "status", "interpretation_services", "application_process", "fees_description", "wait_time", "fees", "accreditations", "eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses", "alert", "last_modified"], types: ["minimum_age": "number", "maximum_age": "number", "assured_date": "date", "last_modified": "datetime"]),
        Table(resource: "attribute", file: "attributes.csv", columns: ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value", "label"]),
        Table(resource: "service_at_location", file: "service_at_location.csv", columns: ["id", "service_id", "location_id", "description"]),
        Table(resource: "location", file: "locations.csv", columns: ["id", "location_type", "url", "organization_id", "name", "alternate_name", "description", "transportation", "latitude", "longitude", "external_identifier", "external_identifier_type"], types: ["latitude": "number", "longitude": "number"]),
        Table(resource: "phone", file: "phones.csv", columns: ["id", "location_id", "service_id", "organization_id", "contact_id", "service_at_location_id", "number", "extension", "type", "description"], types: ["extension": "number"]),
        Table(resource: "contact", file: "contacts.csv", columns: ["id", "organization_id", "service_id", "service_at_location_id", "location_id", "name", "title", "department", "email"]),
        Table(resource: "address", file: "addresses.csv", columns: ["id", "location_id", "attention", "address_1", "address_2", "city", "region", "state_province", "postal_code", "country", "address_type"]),
        Table(resource: "schedule", file: "schedules.csv", columns: ["id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to", "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday", "byweekno", "bymonthday", "byyearday", "description", "opens_at", "closes_at", "schedule_link", "attending_type", "notes"], types: ["valid_from": "date", "valid_to": "date", "dtstart": "date", "timezone": "number", "until": "date", "count": "number", "interval": "number", "opens_at": "time", "closes_at": "time"]),
        Table(resource: "funding", file: "funding.csv", columns: ["id", "organization_id", "service_id", "source"]),
        Table(resource: "service_area", file: "service_areas.csv", columns: ["id", "service_id", "service_at_location_id", "name", "description", "extent", "extent_type", "uri"]),
        Table(resource: "required_document", file: "required_documents.csv", columns: ["id", "service_id", "document", "uri"]),
        Table(resource: "language", file: "languages.csv", columns: ["id", "service_id", "location_id", "phone_id", "name", "code", "note"]),
        Table(resource: "accessibility", file: "accessibility.csv", columns: ["id", "location_id", "description", "details", "url"]),
        Table(resource: "taxonomy_term", file: "taxonomy_terms.csv", columns: ["id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id", "term_uri"]),
        Table(resource: "metadata", file: "metadata.csv", columns: ["id", "resource_id", "resource_type", "last_action_date", "last_action_type", "field_name", "previous_value", "replacement_value", "updated_by"], types: ["last_action_date": "date"]),
        Table(resource: "meta_table_description", file: "meta_table_descriptions.csv", columns: ["id", "name", "language", "character_set"]),
        Table(resource: "cost_option", file: "cost_options.csv", columns: ["id", "service_id", "valid_from", "valid_to", "option", "currency", "amount", "amount_description"], types: ["valid_from": "date", "valid_to": "date", "amount": "number"]),
        Table(resource: "organization_identifier", file: "organization_identifiers.csv", columns: ["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"]),
        Table(resource: "taxonomy", file: "taxonomies.csv", columns: ["id", "name", "description", "uri", "version"]),
        Table(resource: "service_capacity", file: "service_capacity.csv", columns: ["id", "service_id", "unit_id", "available", "maximum", "description", "updated"]),
        Table(resource: "unit", file: "units.csv", columns: ["id", "name", "scheme", "identifier", "uri"]),
        Table(resource: "url", file: "url.csv", columns: ["id", "label", "url", "organization_id", "service_id"]),
    ]

    /// Columns the package requires besides `id`, by resource: a child record (an address…) missing
    /// one is left out of its HSDS table (and kept in Closeloop's), since a blank cell is a missing
    /// value to frictionless. The core records always have theirs.
    static let required: [String: Set<String>] = [
        "organization": ["name", "description"],
        "program": ["organization_id", "name", "description"],
        "service": ["organization_id", "name", "status"],
        "attribute": ["link_id", "taxonomy_term_id", "link_entity"],
        "service_at_location": ["service_id", "location_id"],
        "location": ["location_type"],
        "phone": ["number"],
        "address": ["address_1", "city", "state_province", "postal_code", "country", "address_type"],
        "taxonomy_term": ["name", "description"],
        "metadata": ["resource_id", "resource_type", "last_action_date", "last_action_type", "field_name", "previous_value", "replacement_value", "updated_by"],
        "cost_option": ["service_id"],
        "organization_identifier": ["organization_id", "identifier_type", "identifier"],
        "taxonomy": ["name", "description"],
        "url": ["url"],
    ]

    /// Cells the package checks against a format or a time type, by resource (`HSDSCellFormat`).
    static let formats: [String: [String: HSDSCellFormat]] = [
        "organization": ["email": .email, "website": .uri, "uri": .uri],
        "service": ["url": .uri, "email": .email, "assurer_email": .email],
        "location": ["url": .uri],
        "contact": ["email": .email],
        "schedule": ["schedule_link": .uri, "opens_at": .time, "closes_at": .time],
        "required_document": ["uri": .uri],
        "accessibility": ["url": .uri],
        "taxonomy_term": ["term_uri": .uri],
        "taxonomy": ["uri": .uri],
        "url": ["url": .uri],
    ]

    static func table(_ resource: String) -> Table? { tables.first { $0.resource == resource } }

    /// What Closeloop knows beyond HSDS, one row per record, keyed by the record's HSDS id and in the
    /// order of its HSDS table (`HSDSCloseloopExtensions` reads the two in step): the record's own id
    /// and provenance, and the facets HSDS has no field for. Other HSDS consumers ignore these files;
    /// Closeloop's reader uses them, so export → import gives the same directory.
    static let closeloopTables: [Table] = [
        Table(resource: "x_closeloop_organization", file: "x_closeloop_organizations.csv", columns: [
            "id", "x_closeloop_id", "x_closeloop_active", "x_closeloop_url", "x_closeloop_email", "x_closeloop_phones",
        ] + provenanceColumns),
        Table(resource: "x_closeloop_location", file: "x_closeloop_locations.csv", columns: [
            "id", "x_closeloop_id", "x_closeloop_organization_id", "x_closeloop_transit_accessible",
            "x_closeloop_coordinates_precision", "x_closeloop_active", "x_closeloop_address",
        ] + provenanceColumns),
        Table(resource: "x_closeloop_service", file: "x_closeloop_services.csv", columns: [
            "id", "x_closeloop_id", "x_closeloop_organization_id", "x_closeloop_active", "minimum_age", "maximum_age",
            "x_closeloop_domains", "x_closeloop_intensity", "x_closeloop_settings", "x_closeloop_transportation",
            "x_closeloop_interpreter", "x_closeloop_cost", "x_closeloop_insurance", "x_closeloop_enrollment",
            "x_closeloop_waitlist_weeks", "x_closeloop_capacity", "x_closeloop_intake_methods",
            "x_closeloop_service_area_radius_km", "x_closeloop_postal_codes", "x_closeloop_url", "x_closeloop_email",
            "x_closeloop_phones", "x_closeloop_taxonomy_codes",
        ] + provenanceColumns, types: [
            "minimum_age": "integer", "maximum_age": "integer", "x_closeloop_waitlist_weeks": "integer",
            "x_closeloop_capacity": "integer", "x_closeloop_service_area_radius_km": "number",
        ]),
        Table(resource: "x_closeloop_service_at_location", file: "x_closeloop_service_at_location.csv", columns: [
            "id", "x_closeloop_id", "x_closeloop_service_id", "x_closeloop_location_id",
        ]),
    ]

    /// Phones, postal codes, taxonomy codes and an address are JSON (their items may hold any character);
    /// other lists are `;`-separated vocabulary values.
    static let provenanceColumns = [
        "x_closeloop_source", "x_closeloop_external_id", "x_closeloop_imported_at", "x_closeloop_last_verified_at",
        "x_closeloop_inferred",
    ]

    /// The export's own descriptor: the HSDS resources, then Closeloop's. (Validation uses the spec's
    /// package, not this one.)
    static func datapackage() throws -> Data {
        let resources: [[String: Any]] = (tables + closeloopTables).map { table in
            [
                "name": table.resource, "path": table.file, "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "schema": [
                    "fields": table.columns.map { ["name": $0, "type": table.types[$0] ?? "string"] },
                    "primaryKey": "id",
                ] as [String: Any],
            ]
        }
        let package: [String: Any] = [
            "name": "closeloop-directory", "title": "Closeloop directory export",
            "profile": "tabular-data-package", "version": "3.1",
            "description": "Open Referral HSDS 3.1 tables exported by Closeloop; x_closeloop_* tables hold what Closeloop knows beyond HSDS.",
            "resources": resources,
        ]
        return try JSONSerialization.data(withJSONObject: package, options: [.prettyPrinted, .sortedKeys])
    }
}
