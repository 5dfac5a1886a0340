import Directory
import Testing

/// The one rule for what HSDS 3.1 shows of a term the feed did not name or describe.
@Suite("Taxonomy terms")
struct TaxonomyTermTests {
    @Test func aTermTheFeedNamedShowsItsOwnWords() {
        let term = TaxonomyTerm(source: "county", code: "BD-1800.2000", name: "Food Pantries", description: "Programs that give food.")
        #expect(term.publishedName == "Food Pantries")
        #expect(term.publishedDescription == "Programs that give food.")
    }

    /// HSDS requires both and a frictionless check reads "" as missing: the code stands for the name,
    /// the name for the description; nothing else is made up.
    @Test func aTermWithoutNameOrDescriptionShowsItsCodeForBoth() {
        let bare = TaxonomyTerm(source: "bc211", code: "TJ-4400.8100", taxonomy: TaxonomyTerm.airsTaxonomy)
        #expect(bare.publishedName == "TJ-4400.8100")
        #expect(bare.publishedDescription == "TJ-4400.8100")
        let named = TaxonomyTerm(source: "county", code: "BD-1800.2000", name: "Food Pantries")
        #expect(named.publishedDescription == "Food Pantries")
        #expect(TaxonomyTerm.publishedDescription(ofTaxonomy: "AIRS/211") == "AIRS/211")
    }

    /// Reading a feed's cells undoes the rule, so an export reads back as the terms it came from.
    @Test func cellsThatOnlyRepeatStateNothing() {
        let repeated = TaxonomyTerm(source: "s", code: "BD-1800", feedName: "bd-1800", feedDescription: "BD-1800", taxonomy: " ")
        #expect(repeated == TaxonomyTerm(source: "s", code: "BD-1800"))
        let echoedName = TaxonomyTerm(source: "s", code: "BD-1800", feedName: "Food", feedDescription: "Food", taxonomy: "AIRS/211")
        #expect(echoedName == TaxonomyTerm(source: "s", code: "BD-1800", name: "Food", taxonomy: "AIRS/211"))
        let full = TaxonomyTerm(source: "s", code: "BD-1800", feedName: " Food ", feedDescription: "Food help", taxonomy: "AIRS/211")
        #expect(full == TaxonomyTerm(source: "s", code: "BD-1800", name: "Food", description: "Food help", taxonomy: "AIRS/211"))
        for term in [repeated, echoedName, full] {
            let back = TaxonomyTerm(source: "s", code: term.code, feedName: term.publishedName,
                                    feedDescription: term.publishedDescription, taxonomy: term.taxonomy ?? "")
            #expect(back == term)
        }
    }
}
