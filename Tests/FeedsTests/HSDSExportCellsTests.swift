import Directory
import Foundation
import Testing
@testable import Feeds

/// The HSDS export is read by programs, not spreadsheets: values that would start a spreadsheet formula
/// are written exactly (the report and rejects CSVs neutralize them; this file must not).
@Suite("HSDS export: exact cells")
struct HSDSExportCellsTests {
    @Test func formulaLikeValuesAreWrittenExactly() throws {
        let name = #"=HYPERLINK("http://evil.example","x")"#
        let organization = Organization(
            id: "riverton-211:A-900", name: name, description: "-for families, by appointment",
            phones: [Phone(number: "+1 515 555 0190")],
            provenance: Provenance(source: "riverton-211", externalID: "A-900"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hsds-cells-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try HSDSExporter(directory: DirectorySnapshot(organizations: [organization])).write(to: folder)

        let organizations = try CSVFixtures.rows(folder.appendingPathComponent("organizations.csv").path).rows.map(\.fields)
        let header = try #require(organizations.first)
        let row = try #require(organizations.dropFirst().first)
        #expect(row[try #require(header.firstIndex(of: "name"))] == name)
        #expect(row[try #require(header.firstIndex(of: "description"))] == "-for families, by appointment")
        let phones = try CSVFixtures.rows(folder.appendingPathComponent("phones.csv").path).rows.map(\.fields)
        let number = try #require(phones.first?.firstIndex(of: "number"))
        #expect(phones.dropFirst().map { $0[number] } == ["+1 515 555 0190"])
        // RFC 4180 line ends, like every CSV the project writes.
        #expect(try String(contentsOf: folder.appendingPathComponent("organizations.csv"), encoding: .utf8).hasSuffix("\r\n"))
    }
}
