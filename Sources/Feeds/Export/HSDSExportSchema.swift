import Foundation

/// The HSDS 3.0 tables Closeloop exports and their columns, in the order the spec lists them,
/// followed by Closeloop's `x_closeloop_*` extension columns.
enum HSDSExportSchema {
    struct Table {
        let name: String
        let columns: [String]
    }

    static let provenanceColumns = ["x_closeloop_source", "x_closeloop_external_id", "x_closeloop_imported_at"]

    static let tables: [Table] = [
        Table(name: "organizations", columns: [
            "id", "name", "alternate_name", "description", "email", "website", "last_modified", "x_closeloop_active",
        ] + provenanceColumns),
        Table(name: "services", columns: [
            "id", "organization_id", "name", "alternate_name", "description", "url", "email", "status",
            "interpretation_services", "application_process", "wait_time", "minimum_age", "maximum_age", "last_modified",
            "x_closeloop_domains", "x_closeloop_intensity", "x_closeloop_settings", "x_closeloop_transportation",
            "x_closeloop_interpreter", "x_closeloop_cost", "x_closeloop_insurance", "x_closeloop_enrollment",
            "x_closeloop_waitlist_weeks", "x_closeloop_capacity", "x_closeloop_intake_methods",
            "x_closeloop_service_area_radius_km",
        ] + provenanceColumns),
        Table(name: "locations", columns: [
            "id", "location_type", "organization_id", "name", "transportation", "latitude", "longitude", "last_modified",
            "x_closeloop_transit_accessible", "x_closeloop_coordinates_precision", "x_closeloop_active",
        ] + provenanceColumns),
        Table(name: "service_at_locations", columns: ["id", "service_id", "location_id"]),
        Table(name: "addresses", columns: [
            "id", "location_id", "address_1", "city", "region", "state_province", "postal_code", "country", "address_type",
        ]),
        Table(name: "phones", columns: ["id", "organization_id", "service_id", "number", "type", "x_closeloop_language"]),
        Table(name: "schedules", columns: ["id", "service_id", "freq", "byday", "opens_at", "closes_at"]),
        Table(name: "languages", columns: ["id", "service_id", "name", "code"]),
        Table(name: "service_areas", columns: ["id", "service_id", "name", "extent_type"]),
        Table(name: "cost_options", columns: ["id", "service_id", "option", "amount_description"]),
        Table(name: "taxonomy_terms", columns: ["id", "code", "name", "taxonomy"]),
        Table(name: "attributes", columns: ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id"]),
    ]

    /// A Frictionless tabular data package describing the tables.
    static func datapackage() throws -> Data {
        let resources: [[String: Any]] = tables.map { table in
            [
                "name": table.name, "path": table.name + ".csv", "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "schema": [
                    "fields": table.columns.map { ["name": $0, "type": fieldType($0)] },
                    "primaryKey": "id",
                ] as [String: Any],
            ]
        }
        let package: [String: Any] = [
            "name": "closeloop-directory", "title": "Closeloop directory export",
            "profile": "tabular-data-package", "version": "3.0",
            "description": "Open Referral HSDS 3.0 tables exported by Closeloop; x_closeloop_* columns are Closeloop extensions.",
            "resources": resources,
        ]
        return try JSONSerialization.data(withJSONObject: package, options: [.prettyPrinted, .sortedKeys])
    }

    private static func fieldType(_ column: String) -> String {
        switch column {
        case "latitude", "longitude", "x_closeloop_service_area_radius_km": "number"
        case "minimum_age", "maximum_age", "x_closeloop_waitlist_weeks", "x_closeloop_capacity": "integer"
        case "last_modified", "x_closeloop_imported_at": "datetime"
        default: "string"
        }
    }
}
