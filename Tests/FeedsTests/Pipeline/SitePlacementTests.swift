import Directory
import Foundation
import Testing
@testable import Feeds

@Suite("ZIP-centre placement of sites without coordinates")
struct SitePlacementTests {
    static let centroids = try! PostalCodeCentroids(tsv: """
        # test table
        50316\t41.6086\t-93.5996
        50309\t41.5842\t-93.6220
        00601\t18.1800\t-66.7500
        """)
    static let desMoinesEast = Coordinates(lat: 41.6086, lon: -93.5996)

    static func site(
        _ id: String, street: String = "1200 Grand Ave", city: String = "Des Moines", region: String = "IA",
        postalCode: String = "50316", country: String = "US", coordinates: Coordinates? = nil
    ) -> Location {
        Location(
            id: id, organizationID: "org", name: id,
            address: Address(address1: street, city: city, region: region, postalCode: postalCode, country: country),
            coordinates: coordinates, coordinatesPrecision: coordinates == nil ? nil : .stated,
            provenance: Provenance(source: "sheet", externalID: id, inferred: [.ages]))
    }

    @Test func aUSAddressWithoutCoordinatesGetsItsZIPCentre() {
        var placement = SitePlacement(centroids: Self.centroids, file: "sheet.csv")
        for written in ["50316", "50316-1234", " 50316 "] {
            var location = Self.site("a", postalCode: written)
            placement.place(&location)
            #expect(location.coordinates == Self.desMoinesEast, "\(written)")
            #expect(location.coordinatesPrecision == .postalCode)
            #expect(location.provenance.inferred == [.ages, .coordinates])
            #expect(location.address?.postalCode == written, "the address itself is kept as the feed wrote it")
        }
        #expect(placement.placed == 3)
        #expect(placement.problems.isEmpty)
    }

    @Test(arguments: ["US", "USA", "U.S.A.", "United States", "united states of america", ""])
    func countriesWrittenAsTheUS(country: String) {
        var placement = SitePlacement(centroids: Self.centroids, file: "sheet.csv")
        var location = Self.site("a", country: country)
        placement.place(&location)
        #expect(location.coordinates == Self.desMoinesEast)
    }

    @Test func aTerritoryIsUS() {
        var placement = SitePlacement(centroids: Self.centroids, file: "sheet.csv")
        var location = Self.site("pr", city: "Adjuntas", region: "Puerto Rico", postalCode: "00601", country: "Puerto Rico")
        placement.place(&location)
        #expect(location.coordinates == Coordinates(lat: 18.18, lon: -66.75))
    }

    /// A spreadsheet with the whole address in one cell.
    @Test func aZIPAfterTheStateInTheAddressText() {
        var placement = SitePlacement(centroids: Self.centroids, file: "sheet.csv")
        var location = Self.site("a", street: "1200 Grand Ave, Des Moines, IA 50309", city: "", region: "", postalCode: "", country: "")
        placement.place(&location)
        #expect(location.coordinates == Coordinates(lat: 41.5842, lon: -93.6220))
    }

    @Test func statedCoordinatesAreKept() {
        var placement = SitePlacement(centroids: Self.centroids, file: "sheet.csv")
        let stated = Coordinates(lat: 41.6, lon: -93.7)
        var location = Self.site("a", coordinates: stated)
        placement.place(&location)
        #expect(location.coordinates == stated)
        #expect(location.coordinatesPrecision == .stated)
        #expect(location.provenance.inferred == [.ages])
        #expect(placement.placed == 0)
    }

    /// A five-digit code of another country is not a ZIP, even one that is in the table.
    @Test(arguments: [
        ("CA", "BC", "V6B 1A1"), ("Canada", "ON", "50316"), ("Mexico", "CDMX", "50316"), ("DE", "", "50316"),
        ("US", "British Columbia", "50316"),  // a reader's default "US" with a province
    ])
    func foreignSitesAreNotPlaced(country: String, region: String, postalCode: String) {
        var placement = SitePlacement(centroids: Self.centroids, file: "export.xml")
        var location = Self.site("c", region: region, postalCode: postalCode, country: country)
        placement.place(&location)
        #expect(location.coordinates == nil)
        #expect(location.coordinatesPrecision == nil)
        #expect(placement.problems.isEmpty)
    }

    /// Neither country nor region: US unless the feed has named another country for an earlier site.
    @Test func aSiteWithoutCountryOrRegionFollowsTheFeed() {
        var placement = SitePlacement(centroids: Self.centroids, file: "sheet.csv")
        var first = Self.site("a", region: "", country: "")
        placement.place(&first)
        #expect(first.coordinates == Self.desMoinesEast)

        var canadian = Self.site("b", region: "BC", postalCode: "V6B 1A1", country: "Canada",
                                 coordinates: Coordinates(lat: 49.28, lon: -123.12))
        placement.place(&canadian)
        var after = Self.site("c", region: "", country: "")
        placement.place(&after)
        #expect(after.coordinates == nil)
    }

    @Test func aUSSiteThatCannotBePlacedIsAWarning() {
        var placement = SitePlacement(centroids: Self.centroids, file: "sheet.csv")
        var unknownZIP = Self.site("a", postalCode: "99999")
        var noZIP = Self.site("b", street: "Main St", postalCode: "")
        var noAddress = Location(id: "v", organizationID: "org", name: "Online", provenance: Provenance(source: "s", externalID: "v"))
        placement.place(&unknownZIP)
        placement.place(&noZIP)
        placement.place(&noAddress)
        #expect(unknownZIP.coordinates == nil && noZIP.coordinates == nil && noAddress.coordinates == nil)
        #expect(placement.problems.map(\.recordID) == ["a", "b"])
        #expect(placement.problems.allSatisfy { $0.kind == .siteNotPlaced && $0.severity == .warning && $0.file == "sheet.csv" })
        #expect(placement.problems[0].message.contains("99999"))
    }
}
