import Foundation
import Testing
@testable import Feeds

/// What fuzzing found in the AIRS reader. A finding not fixed yet waits disabled, naming the input
/// and the symptom.
@Suite("AIRS reader: fuzzing findings")
struct AIRSFuzzFindingsTests {
    static func problems(_ xml: String) throws -> [ImportProblem] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("airs-finding-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let reader = AIRSReader(path: file.path, source: "s", mapping: CSVFixtures.mapping, importedAt: FeedFuzzCases.importedAt)
        return try reader.read(emit: { _ in }, progress: { _ in }).problems
    }

    /// Found by FeedFuzzTests: malformed XML used to be reported with kind `other`.
    @Test("Malformed XML is a malformed_file problem, not 'other'")
    func malformedXMLHasAKind() throws {
        for xml in [
            "<?xml version=\"1.0\"?>\n<Source><Agency><Key>A-1</Key></Site></Source>\n",
            "<?xml version=\"1.0\"?>\n<Source><Agency><Key>A-1</Key><Name>Caf\u{E9}\n",
            "",
        ] {
            let problems = try Self.problems(xml)
            #expect(!problems.isEmpty)
            #expect(problems.allSatisfy { $0.kind == .malformedFile }, "\(problems)")
        }
        // Latin-1 bytes in a file that declares no encoding: not UTF-8, libxml2 error 9.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("airs-finding-\(UUID().uuidString).xml")
        try Data("<?xml version=\"1.0\"?>\n<Source><Agency><Key>A-1</Key><Name>Ni".utf8 + [0xF1] + "os</Name></Agency></Source>\n".utf8)
            .write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let reader = AIRSReader(path: file.path, source: "s", mapping: CSVFixtures.mapping, importedAt: FeedFuzzCases.importedAt)
        let problems = try reader.read(emit: { _ in }, progress: { _ in }).problems
        #expect(problems.contains { $0.kind == .malformedFile || $0.kind == .textEncoding }, "\(problems)")
        #expect(!problems.contains { $0.kind == .other }, "\(problems)")
    }

    @Test("Problems in a file with CR-only line ends name their real line")
    func crOnlyLineNumbers() throws {
        let xml = "<?xml version=\"1.0\"?>\r<Source>\r<Agency>\r<Name>No key</Name>\r</Agency>\r</Source>\r"
        let problems = try Self.problems(xml)
        let missingKey = try #require(problems.first)
        #expect(missingKey.line == 3 || missingKey.line == 4, "\(problems)")
    }
}
