extension Migrations {
    /// "Not stated is a value": the facet columns earlier imports had to fill take NULL for a fact a
    /// feed does not state; services gain `inferred` (facets read from free text, a JSON list) and
    /// locations `coordinates_precision` (how their coordinates were obtained).
    ///
    /// SQLite cannot drop a NOT NULL in place, so `services` and `locations` are rebuilt, column for
    /// column, with their indexes (SQLite's documented way; neither table has triggers or views).
    /// PostgreSQL drops the constraints in place.
    ///
    /// Then it takes back what earlier imports invented where that can be told from the rows: ages of
    /// exactly 0–99 on a service not from the seed were the importers' filler for "no ages given".
    /// Other defaults (cost free, enrollment open, English, prevention, no interpreter, no
    /// transportation, no bus line) look the same as a feed stating them; the README says so.
    /// Every coordinate stored so far came from a feed: imported sites' are marked `stated`
    /// (the seed's, like a freshly loaded seed, leave it unsaid).
    static let factsNotStated = Migration(version: 11, name: "facts_not_stated", rebuildsTables: true) { backend in
        var statements: [String]
        switch backend {
        case .sqlite:
            statements = rebuildServices + rebuildLocations
        case .postgres:
            let nullable = ["intensity", "age_min", "age_max", "transportation", "interpreter_available", "cost_kind", "enrollment_status"]
            statements = [
                "ALTER TABLE services " + nullable.map { "ALTER COLUMN \($0) DROP NOT NULL" }.joined(separator: ", "),
                "ALTER TABLE services ADD COLUMN inferred TEXT NOT NULL DEFAULT '[]'",
                "ALTER TABLE locations ALTER COLUMN transit_accessible DROP NOT NULL",
                "ALTER TABLE locations ADD COLUMN coordinates_precision TEXT",
            ]
        }
        return statements + [
            "UPDATE services SET age_min = NULL, age_max = NULL WHERE source <> 'seed' AND age_min = 0 AND age_max = 99",
            "UPDATE locations SET coordinates_precision = 'stated' WHERE source <> 'seed' AND lat IS NOT NULL AND lon IS NOT NULL",
        ]
    }

    private static let serviceColumns = """
        id, organization_id, name, description, url, email, intensity, age_min, age_max, transportation, \
        interpreter_available, cost_kind, enrollment_status, waitlist_weeks, capacity, intake_methods, hours, service_area, \
        phones, search_text, domains, settings, languages, insurance, taxonomy_codes, source, external_id, imported_at, \
        last_verified_at, active
        """

    /// Migration 1's table with the facet columns nullable and `inferred` last (where PostgreSQL's
    /// ADD COLUMN puts it); migration 10 left only the organization index.
    private static let rebuildServices = [
        """
        CREATE TABLE services_rebuilt (
            id TEXT PRIMARY KEY, organization_id TEXT NOT NULL REFERENCES organizations (id),
            name TEXT NOT NULL, description TEXT NOT NULL, url TEXT, email TEXT,
            intensity TEXT, age_min BIGINT, age_max BIGINT,
            transportation TEXT, interpreter_available BIGINT, cost_kind TEXT,
            enrollment_status TEXT, waitlist_weeks BIGINT, capacity BIGINT, intake_methods TEXT NOT NULL,
            hours TEXT NOT NULL, service_area TEXT NOT NULL, phones TEXT NOT NULL, search_text TEXT NOT NULL,
            domains TEXT NOT NULL, settings TEXT NOT NULL, languages TEXT NOT NULL, insurance TEXT NOT NULL,
            taxonomy_codes TEXT NOT NULL,
            source TEXT NOT NULL, external_id TEXT NOT NULL, imported_at BIGINT, last_verified_at BIGINT,
            active BIGINT NOT NULL DEFAULT 1, inferred TEXT NOT NULL DEFAULT '[]',
            UNIQUE (source, external_id))
        """,
        "INSERT INTO services_rebuilt (\(serviceColumns)) SELECT \(serviceColumns) FROM services",
        "DROP TABLE services",
        "ALTER TABLE services_rebuilt RENAME TO services",
        "CREATE INDEX services_organization ON services (organization_id)",
    ]

    private static let locationColumns = """
        id, organization_id, name, address_1, city, region, postal_code, country, lat, lon, transit_accessible, \
        source, external_id, imported_at, last_verified_at, active
        """

    private static let rebuildLocations = [
        """
        CREATE TABLE locations_rebuilt (
            id TEXT PRIMARY KEY, organization_id TEXT NOT NULL REFERENCES organizations (id),
            name TEXT NOT NULL, address_1 TEXT, city TEXT, region TEXT, postal_code TEXT, country TEXT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, transit_accessible BIGINT,
            source TEXT NOT NULL, external_id TEXT NOT NULL, imported_at BIGINT, last_verified_at BIGINT,
            active BIGINT NOT NULL DEFAULT 1, coordinates_precision TEXT,
            UNIQUE (source, external_id))
        """,
        "INSERT INTO locations_rebuilt (\(locationColumns)) SELECT \(locationColumns) FROM locations",
        "DROP TABLE locations",
        "ALTER TABLE locations_rebuilt RENAME TO locations",
        "CREATE INDEX locations_organization ON locations (organization_id)",
        "CREATE INDEX locations_lat_lon ON locations (lat, lon)",
    ]
}
