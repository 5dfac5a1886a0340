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

    private static let facetTables: [(table: String, column: String)] = [
        ("service_domains", "domain"), ("service_languages", "language"), ("service_insurance", "insurance"),
        ("service_settings", "setting"), ("service_taxonomy", "code"),
    ]
}

extension Migrations {
    /// Indexes no query read, each a B-tree written for every service an import adds or changes.
    ///
    /// - On `services`, intensity, enrollment and ages: a directory page walks services in id order
    ///   and stops at its page size, so the planners filter those in the walk (EXPLAIN QUERY PLAN on a
    ///   100,000-service store; pages took the same 0–5 ms with and without them).
    /// - On SQLite, each facet table's (value, service_id) index: SQLite's planner answers every
    ///   facet filter, page and report join by the table's primary key (service_id, value) from the
    ///   services side, even for a language no service speaks. PostgreSQL can run such an EXISTS as
    ///   a semi-join driven by the value, so it keeps them. `service_taxonomy`'s (code, service_id)
    ///   serves the barrier's taxonomy-prefix lookups and stays.
    ///
    /// Together about a sixth of SQLite's work on a 100,000-service import. The match index reads
    /// the tables whole.
    static let unusedIndexes = Migration(version: 10, name: "drop_unused_indexes") { backend in
        var names = ["services_intensity", "services_enrollment", "services_ages"]
        if backend == .sqlite {
            names += facetTables.filter { $0.table != "service_taxonomy" }.map { "\($0.table)_\($0.column)" }
        }
        return names.map { "DROP INDEX IF EXISTS \($0)" }
    }
}
