import Directory
import Foundation
import Testing
@testable import Feeds

/// What readers hand the import about taxonomy terms (`ReadSummary.taxonomyTerms`): names and
/// descriptions as the feed words them, never made up.
@Suite("Taxonomy terms as feeds describe them")
struct TaxonomyTermReadingTests {
    private func readHSDS(_ path: String) throws -> CollectedFeed {
        try CollectedFeed(HSDSReader(path: path, source: "county", mapping: CSVFixtures.mapping, importedAt: CSVFixtures.importedAt))
    }

    /// HSDS 3.0 taxonomy_terms.csv: each term with a code keeps its name and taxonomy; a term with no
    /// usable code ("Wheelchair accessible") tags no service with a code and is not kept.
    @Test func hsdsTermsKeepTheirNames() throws {
        let feed = try readHSDS(CSVFixtures.path("hsds30/valid"))
        let terms = feed.summary.taxonomyTerms
        #expect(terms.count == 5)
        #expect(terms["BD-1800.2000"] == TaxonomyTerm(source: "county", code: "BD-1800.2000", name: "Food Pantries", taxonomy: "AIRS"))
        #expect(terms["YZ-9999"]?.name == "Unmapped Example")
        #expect(!terms.values.contains { $0.name == "Wheelchair accessible" })
        // Every code a service carries is described by the feed here.
        #expect(Set(feed.services.flatMap(\.taxonomyCodes)).isSubset(of: Set(terms.keys)))
    }

    /// A description is read as plain text; the taxonomy comes from taxonomies.csv when the term names
    /// it by id only.
    @Test func hsdsDescriptionsAndTaxonomiesByID() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("terms-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CSVFixtures.path("hsds30/valid")), to: folder)
        try Data("""
            id,code,name,description,parent_id,taxonomy,language,taxonomy_id,term_uri
            term-tutoring,HH-0500.8000,Tutoring Services,<p>Help with <b>school work</b>.</p>,,,en,tax-airs,
            term-pantry,BD-1800.2000,BD-1800.2000,BD-1800.2000,,,en,tax-airs,

            """.utf8).write(to: folder.appendingPathComponent("taxonomy_terms.csv"))
        try Data("id,name,description\ntax-airs,AIRS/211 LA County Taxonomy,\n".utf8)
            .write(to: folder.appendingPathComponent("taxonomies.csv"))
        let feed = try readHSDS(folder.path)
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        #expect(feed.summary.taxonomyTerms["HH-0500.8000"] == TaxonomyTerm(
            source: "county", code: "HH-0500.8000", name: "Tutoring Services", description: "Help with school work.",
            taxonomy: "AIRS/211 LA County Taxonomy"))
        // A name and description that only repeat the code state nothing.
        #expect(feed.summary.taxonomyTerms["BD-1800.2000"] == TaxonomyTerm(
            source: "county", code: "BD-1800.2000", taxonomy: "AIRS/211 LA County Taxonomy"))
    }

    /// The real BC 211 excerpt gives `<Taxonomy><Code>` only: every code a service keeps is a term of
    /// AIRS/211 with no name; the non-code facet strings (`{what:'CAMPS…'}`) name nothing.
    @Test(.enabled(if: SharedFeeds.isPresent, "shared/feeds is not beside the repository"))
    func airsCodesAreTermsWithoutNames() throws {
        let path = try #require(SharedFeeds.folder).appendingPathComponent(AIRSSharedExcerptTests.file).path
        let read = try AIRSShapes.read(path: path, source: "bc211")
        let terms = read.summary.taxonomyTerms
        #expect(Set(terms.keys) == Set(read.services.flatMap(\.taxonomyCodes)))
        #expect(terms.count > 20)
        #expect(terms.values.allSatisfy { $0.name == nil && $0.description == nil && $0.taxonomy == "AIRS/211" && $0.source == "bc211" })
        #expect(terms["TJ-4400.8100"] != nil)
    }
}
