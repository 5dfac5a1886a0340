import Testing
@testable import Feeds

@Suite("Default source names")
struct FeedSourceNameTests {
    /// Next week's export of the same feed is the same source.
    @Test(arguments: [
        ("export-2026-11-08.xml", "export"),
        ("export-2026-11-01.xml", "export"),
        ("export_20261108.xml", "export"),
        ("export-11-08-2026.xml", "export"),
        ("export 8.11.2026.xml", "export"),
        ("211-metro-2026-11.xml", "211-metro"),
        ("211-metro_2026-11-08T0930.xml", "211-metro"),
        ("211-metro_20261108T093000.xml", "211-metro"),
        ("211-metro-20261108-0930.xml", "211-metro"),
        ("county_hsds_v2.zip", "county_hsds"),
        ("county_hsds_V12", "county_hsds"),
        ("2026-11-08_county-resources.csv", "county-resources"),
        ("youth programs (1).csv", "youth programs"),
        ("youth-programs-v3-2026-01-15.csv", "youth-programs"),
        ("/feeds/weekly/bc211-export-2026-11-08.xml", "bc211-export"),
        ("export.xml.gz", "export"),
    ])
    func datesAndVersionsLeaveTheName(path: String, expected: String) throws {
        let name = try #require(FeedSourceName(path: path))
        #expect(name.name == expected)
        #expect(!name.removed.isEmpty || path.hasSuffix("export.xml.gz"))
    }

    /// Numbers that are part of a feed's name stay.
    @Test(arguments: [
        ("bc211.xml", "bc211"),
        ("211-metro.xml", "211-metro"),
        ("region-5-resources.csv", "region-5-resources"),
        ("plan-2025.csv", "plan-2025"),
        ("district-13-45.csv", "district-13-45"),
        ("hsds-sample-datapackage", "hsds-sample-datapackage"),
        ("export-2026-13-40.xml", "export-2026-13-40"),
    ])
    func otherNumbersStay(path: String, expected: String) throws {
        let name = try #require(FeedSourceName(path: path))
        #expect(name.name == expected)
        #expect(name.removed.isEmpty)
    }

    @Test(arguments: ["2026-11-08.xml", "20261108.csv", "v2.zip", "2026-11-08_v3.xml"])
    func aNameThatIsOnlyAStampHasNoDefault(path: String) {
        #expect(FeedSourceName(path: path) == nil)
    }

    @Test func whatWasRemovedIsReported() throws {
        let name = try #require(FeedSourceName(path: "export-2026-11-08_v2.xml"))
        #expect(name.name == "export")
        #expect(name.removed == ["2026-11-08", "v2"])
    }
}
