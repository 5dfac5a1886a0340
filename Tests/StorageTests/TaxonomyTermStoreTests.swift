import Directory
import Foundation
import Storage
import Testing
import TestSupport

/// Migration 20: the terms a feed describes are stored with its import, per source, and read back with
/// every code services carry.
@Suite("Taxonomy term storage")
struct TaxonomyTermStoreTests {
    /// One organization and two services carrying `codes`.
    static func feed(source: String = "county", codes: [[String]]) -> DirectorySnapshot {
        let provenance = { (id: String) in Provenance(source: source, externalID: id) }
        var snapshot = DirectorySnapshot(organizations: [Organization(id: "\(source):o", name: "Agency", provenance: provenance("o"))])
        for (index, serviceCodes) in codes.enumerated() {
            snapshot.services.append(Service(
                id: "\(source):s\(index)", organizationID: "\(source):o", name: "Service \(index)", domains: [], intensity: nil,
                taxonomyCodes: serviceCodes, provenance: provenance("s\(index)")))
        }
        return snapshot
    }

    static func run(
        _ store: DirectoryStore, _ feed: DirectorySnapshot, terms: [TaxonomyTerm]?, source: String = "county",
        isFullImport: Bool = true, dryRun: Bool = false
    ) async throws {
        _ = try await store.importFeed(.init(source: source, isFullImport: isFullImport, dryRun: dryRun)) { writer in
            try await writer.write(feed)
            if let terms { try await writer.describe(terms) }
            return true
        }
    }

    static let pantry = TaxonomyTerm(
        source: "county", code: "BD-1800.2000", name: "Food Pantries", description: "Programs that hand out food.", taxonomy: "AIRS/211")

    @Test(arguments: TestBackend.available)
    func namesTheFeedGaveAreStoredWithItsImport(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let feed = Self.feed(codes: [["BD-1800.2000", "RP-1400.8000"], ["BD-1800.2000"]])
            try await Self.run(store, feed, terms: [Self.pantry])
            let terms = try await store.taxonomyTerms()
            #expect(terms == [
                Self.pantry,
                // Carried by a service, never described: its source and code, nothing made up.
                TaxonomyTerm(source: "county", code: "RP-1400.8000"),
            ])
            #expect(terms.map(\.publishedName) == ["Food Pantries", "RP-1400.8000"])
        }
    }

    /// A term stored under the import's source whatever source the reader put on it; a later import
    /// rewording it replaces the words, and one that says nothing more (no name) clears them.
    @Test(arguments: TestBackend.available)
    func aReimportRewordsItsTerms(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let feed = Self.feed(codes: [["BD-1800.2000"]])
            var elsewhere = Self.pantry
            elsewhere.source = "reader-said-something-else"
            try await Self.run(store, feed, terms: [elsewhere])
            #expect(try await store.taxonomyTerms() == [Self.pantry])
            try await Self.run(store, feed, terms: [TaxonomyTerm(source: "county", code: "BD-1800.2000", taxonomy: "AIRS/211")])
            #expect(try await store.taxonomyTerms() == [TaxonomyTerm(source: "county", code: "BD-1800.2000", taxonomy: "AIRS/211")])
        }
    }

    /// A full import that reads its feed to the end drops terms the feed no longer describes; a partial
    /// one, a dry run and an import that describes no term at all leave stored terms as they were.
    @Test(arguments: TestBackend.available)
    func onlyAWholeFeedWithdrawsTerms(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let feed = Self.feed(codes: [["BD-1800.2000"]])
            let shelter = TaxonomyTerm(source: "county", code: "BH-1800", name: "Emergency Shelter")
            try await Self.run(store, feed, terms: [Self.pantry, shelter])
            #expect(try await store.taxonomyTerms().map(\.code) == ["BD-1800.2000", "BH-1800"])

            try await Self.run(store, feed, terms: [Self.pantry], isFullImport: false)
            try await Self.run(store, feed, terms: [Self.pantry], dryRun: true)
            try await Self.run(store, feed, terms: nil)
            #expect(try await store.taxonomyTerms().map(\.code) == ["BD-1800.2000", "BH-1800"])

            try await Self.run(store, feed, terms: [Self.pantry])
            #expect(try await store.taxonomyTerms() == [Self.pantry])
        }
    }

    /// A dry run stores nothing, and the terms of two sources stay apart even for the same code.
    @Test(arguments: TestBackend.available)
    func termsArePerSourceAndADryRunKeepsNone(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            try await Self.run(store, Self.feed(codes: [["BD-1800.2000"]]), terms: [Self.pantry], dryRun: true)
            #expect(try await store.taxonomyTerms().isEmpty)

            try await Self.run(store, Self.feed(codes: [["BD-1800.2000"]]), terms: [Self.pantry])
            let other = TaxonomyTerm(source: "metro", code: "BD-1800.2000", name: "Food Banks/Food Pantries")
            try await Self.run(store, Self.feed(source: "metro", codes: [["bd-1800.2000"]]), terms: [other], source: "metro")
            #expect(try await store.taxonomyTerms() == [Self.pantry, other])
        }
    }

    /// A withdrawn service's codes are no term of the directory unless its feed described them.
    @Test(arguments: TestBackend.available)
    func codesOfWithdrawnServicesAreNotListed(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            try await Self.run(store, Self.feed(codes: [["BD-1800.2000"], ["RP-1400.8000"]]), terms: [])
            #expect(try await store.taxonomyTerms().map(\.code) == ["BD-1800.2000", "RP-1400.8000"])
            try await Self.run(store, Self.feed(codes: [["BD-1800.2000"]]), terms: [])
            #expect(try await store.taxonomyTerms().map(\.code) == ["BD-1800.2000"])
        }
    }
}
