import Directory
import SQLKit

extension DirectoryStore {
    /// Every taxonomy term the directory knows, ordered by source and code: the terms feeds described
    /// (`taxonomy_terms`, written by imports), and every code an active service carries that its
    /// source did not describe (a seeded directory, an AIRS feed without names, a store imported
    /// before migration 20), with nothing but its source and code. A code is the same term whatever
    /// its case (`service_taxonomy` keeps codes upper-cased).
    public func taxonomyTerms() async throws -> [TaxonomyTerm] {
        var terms: [TermKey: TaxonomyTerm] = [:]
        for row in try await sql.select().columns("source", "code", "name", "description", "taxonomy").from("taxonomy_terms").all() {
            let term = TaxonomyTerm(
                source: try row.decode(column: "source", as: String.self), code: try row.decode(column: "code", as: String.self),
                name: try row.decode(column: "name", as: String?.self),
                description: try row.decode(column: "description", as: String?.self),
                taxonomy: try row.decode(column: "taxonomy", as: String?.self))
            terms[TermKey(term)] = term
        }
        let carried = try await sql.select().distinct()
            .column(SQLColumn("source", table: "s")).column(SQLColumn("code", table: "t"))
            .from(SQLAlias(SQLIdentifier("service_taxonomy"), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier("services"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "s"), SQLBinaryOperator.equal, SQLColumn("service_id", table: "t"))
            .where(SQLColumn("active", table: "s"), .equal, SQLBind(1))
            .all()
        for row in carried {
            let term = TaxonomyTerm(source: try row.decode(column: "source", as: String.self), code: try row.decode(column: "code", as: String.self))
            let key = TermKey(term)
            if terms[key] == nil { terms[key] = term }
        }
        return terms.values.sorted { ($0.source, $0.code) < ($1.source, $1.code) }
    }

    /// Stores terms as described, outside an import (tests, tools). Same rules as an import's.
    public func saveTaxonomyTerms(_ terms: [TaxonomyTerm]) async throws {
        try await database.transaction { db in try await Self.upsert(terms, on: db) }
    }

    /// Inserts the terms, or replaces what is stored for the same source and code.
    static func upsert(_ terms: [TaxonomyTerm], on db: any SQLDatabase) async throws {
        for term in terms {
            try await db.insert(into: "taxonomy_terms")
                .columns("source", "code", "name", "description", "taxonomy")
                .values(SQLBind(term.source), SQLBind(term.code), optional(term.name), optional(term.description), optional(term.taxonomy))
                .onConflict(with: ["source", "code"]) { update in
                    try update.set(excludedValueOf: "name").set(excludedValueOf: "description").set(excludedValueOf: "taxonomy")
                }
                .run()
        }
    }

    private static func optional(_ text: String?) -> any SQLExpression {
        text.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null
    }

    /// A term's identity: its source and its code, whatever the case.
    private struct TermKey: Hashable {
        let source: String
        let code: String
        init(_ term: TaxonomyTerm) {
            source = term.source
            code = term.code.uppercased()
        }
    }
}

extension ImportWriter {
    /// Stores what the feed said about its taxonomy terms (`ReadSummary.taxonomyTerms`), in the
    /// import's transaction, under the import's source whatever source the terms name. A full import
    /// that reads its feed to the end then drops the terms of this source the feed no longer
    /// describes (`withdrawMissing`); an import that never calls this leaves stored terms alone.
    public func describe(_ terms: [TaxonomyTerm]) async throws {
        let own = terms.map { term in
            var term = term
            term.source = source
            return term
        }
        try await DirectoryStore.upsert(own, on: try await db())
        describedTermCodes = (describedTermCodes ?? []).union(own.map(\.code))
    }

    /// The terms of this source that the feed did not describe this time.
    func withdrawUndescribedTerms() async throws {
        guard let described = describedTermCodes else { return }
        let stored = try await db().select().column("code").from("taxonomy_terms").where("source", .equal, source).all()
            .map { try $0.decode(column: "code", as: String.self) }
        let missing = stored.filter { !described.contains($0) }
        for batch in missing.chunked(into: DirectoryStore.batchSize) {
            try await db().delete(from: "taxonomy_terms").where("source", .equal, source).where("code", .in, Array(batch)).run()
        }
    }
}
