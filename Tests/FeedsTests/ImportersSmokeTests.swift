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
}
