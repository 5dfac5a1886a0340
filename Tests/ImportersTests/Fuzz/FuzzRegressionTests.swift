import Directory
import Foundation
import Testing
@testable import Importers

/// The smallest inputs behind what fuzzing found, each a test of its own.
@Suite("Feed readers: fuzzing regressions")
struct FuzzRegressionTests {
    static func writeTemporary(_ bytes: [UInt8], name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-fuzz-regression-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// "12345678901234567890/1/2024" as a verification date overflowed Int while the month was read
    /// (the length check came after the parse) and trapped, killing the import.
    @Test("A verification date with a twenty-digit month is not a date, and the agency is kept")
    func hugeMonthInAVerificationDate() throws {
        for date in ["12345678901234567890/1/2024", "1/98765432109876543210/2024", "99999999999999999999999/99999999999999999999/2024"] {
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Source><Agency><Key>A-1</Key><Name>Harbor Youth</Name><DateLastVerified>\(date)</DateLastVerified>
                <Site><Key>S-1</Key><Name>Main</Name><SiteService><Key>SS-1</Key><Name>Tutoring</Name></SiteService></Site>
                </Agency></Source>

                """
            let path = try Self.writeTemporary(Array(xml.utf8), name: "huge-date.xml")
            let reader = AIRSReader(path: path, source: "s", mapping: CSVFixtures.mapping, importedAt: FeedFuzzCases.importedAt)
            let feed = try CollectedFeed(reader)
            #expect(feed.organizations.map(\.name) == ["Harbor Youth"])
            #expect(feed.organizations.first?.provenance.lastVerifiedAt == nil)
            #expect(feed.warnings.contains { $0.field == "DateLastVerified" && $0.message.contains(date) && $0.line == 2 })
        }
    }
}
