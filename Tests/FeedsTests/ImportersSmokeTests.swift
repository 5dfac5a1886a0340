import Testing
import Foundation
@testable import Feeds

@Suite("Feed format detection")
struct FeedFormatTests {
    @Test func detectsFormatsByShape() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("detect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{}".utf8).write(to: folder.appendingPathComponent("datapackage.json"))
        #expect(FeedFormat.detect(path: folder.path) == .hsdsCSV)
        let xml = folder.appendingPathComponent("feed.dat")
        try Data("<?xml version=\"1.0\"?><Source></Source>".utf8).write(to: xml)
        #expect(FeedFormat.detect(path: xml.path) == .airsXML)
        #expect(FeedFormat.detect(path: folder.appendingPathComponent("x.csv").path) == nil)
        try Data("a,b\n".utf8).write(to: folder.appendingPathComponent("x.csv"))
        #expect(FeedFormat.detect(path: folder.appendingPathComponent("x.csv").path) == .mappedCSV)
    }

    /// Folders as exports really come: the package's own folder inside the one named, or tables
    /// without a descriptor in a `data/` folder. A folder of other CSVs is not a package.
    @Test func detectsPackagesTheReaderCanOpen() throws {
        let manager = FileManager.default
        let base = manager.temporaryDirectory.appendingPathComponent("detect-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: base) }
        let nested = base.appendingPathComponent("nested"), bare = base.appendingPathComponent("bare"), other = base.appendingPathComponent("other")
        try manager.createDirectory(at: nested.appendingPathComponent("export-2026-11"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: nested.appendingPathComponent("export-2026-11/datapackage.json"))
        try manager.createDirectory(at: bare.appendingPathComponent("data"), withIntermediateDirectories: true)
        for table in ["organizations.csv", "services.csv"] {
            try Data("id,name\n".utf8).write(to: bare.appendingPathComponent("data/\(table)"))
        }
        try manager.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("id,name\n".utf8).write(to: other.appendingPathComponent("services.csv"))
        #expect(FeedFormat.detect(path: nested.path) == .hsdsCSV)
        #expect(FeedFormat.detect(path: bare.path) == .hsdsCSV)
        #expect(FeedFormat.detect(path: other.path) == nil)
        let sample = try #require(SharedFeeds.folder).appendingPathComponent("hsds-sample-datapackage")
        #expect(FeedFormat.detect(path: sample.path) == .hsdsCSV)
    }
}
