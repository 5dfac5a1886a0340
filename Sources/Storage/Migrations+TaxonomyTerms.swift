extension Migrations {
    /// Issue 23: taxonomy terms with the names and descriptions their feed gave (`TaxonomyTerm`).
    /// Services keep only codes (`service_taxonomy`); this table says what a code means, per source,
    /// because two feeds may word the same code differently. NULL is "the feed did not say": the
    /// rule for what HSDS shows then is `TaxonomyTerm.publishedName` / `publishedDescription`, not a
    /// default stored here. Codes are stored as services carry them.
    static let taxonomyTerms = Migration(version: 20, name: "taxonomy_terms") { _ in
        [
            """
            CREATE TABLE taxonomy_terms (
                source TEXT NOT NULL, code TEXT NOT NULL, name TEXT, description TEXT, taxonomy TEXT,
                PRIMARY KEY (source, code))
            """,
        ]
    }
}
