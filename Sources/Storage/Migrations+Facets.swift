extension Migrations {
    /// The five facet tables become WITHOUT ROWID on SQLite: their primary key was a B-tree of its own
    /// beside the table's, three trees per table where two do. An import writes several facet rows per
    /// service, and the extra tree was a tenth of SQLite's work. PostgreSQL has no rowid; nothing changes there.
    static let facetTablesWithoutRowID = Migration(version: 9, name: "facet_tables_without_rowid") { backend in
        guard backend == .sqlite else { return [] }
        return facetTables.flatMap { table, column in
            [
                """
                CREATE TABLE \(table)_rebuilt (service_id TEXT NOT NULL REFERENCES services (id), \(column) TEXT NOT NULL,
                    PRIMARY KEY (service_id, \(column))) WITHOUT ROWID
                """,
                "INSERT INTO \(table)_rebuilt (service_id, \(column)) SELECT service_id, \(column) FROM \(table)",
                "DROP TABLE \(table)",
                "ALTER TABLE \(table)_rebuilt RENAME TO \(table)",
                "CREATE INDEX \(table)_\(column) ON \(table) (\(column), service_id)",
            ]
        }
    }

    private static let facetTables = [
        ("service_domains", "domain"), ("service_languages", "language"), ("service_insurance", "insurance"),
        ("service_settings", "setting"), ("service_taxonomy", "code"),
    ]
}

extension Migrations {
    /// Three indexes on `services` that no query used: a directory page walks services in id order
    /// and stops at its page size, so with a filter on intensity (a third of services match),
    /// enrollment or ages the planners read the id index, not these (EXPLAIN QUERY PLAN on a
    /// 100,000-service store; pages took the same 0–5 ms with and without them). Each was a B-tree
    /// written on every service an import adds or changes: about a tenth of SQLite's work on that
    /// import. The match index reads the table whole.
    static let unusedServiceIndexes = Migration(version: 10, name: "drop_unused_service_indexes") { _ in
        ["services_intensity", "services_enrollment", "services_ages"].map { "DROP INDEX IF EXISTS \($0)" }
    }
}
