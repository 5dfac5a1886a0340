import Directory
import Foundation
import Storage
import Testing
import TestSupport

/// A file that is not well-formed XML is refused whole: `closeloop import` exits 1 and the store is
/// exactly as before, with or without --strict, even though the reader had already handed over the
/// agency that closed before the cut.
@Suite("closeloop import: a broken AIRS file changes nothing")
struct AIRSTruncatedImportTests {
    static let complete = ImportCommandTests.fixtures.appendingPathComponent("airs/icarol-facts.xml").path
    /// Next week's export of the same source, renamed agency and changed fee, cut off mid-record.
    static let cut = ImportCommandTests.fixtures.appendingPathComponent("airs/icarol-cut-mid-record.xml").path

    @Test(arguments: TestBackend.available)
    func aTruncatedExportChangesNothingWithOrWithoutStrict(backend: TestBackend) async throws {
        try ImportCommandTests.requireExecutable()
        let folder = try ImportCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withFreshStore(backend) { store async throws in
            let db = store.database.location.connectionString
            let first = try await ImportCommandTests.closeloop(["import", Self.complete, "--source", "heartland", "--db", db])
            #expect(first.status == 0, "\(first.errors)")
            let before = try await store.snapshot()
            #expect(before.services.count == 4)
            #expect(before.organizations.map(\.name) == ["Lakeside Family Services"])

            for strict in [[], ["--strict"]] {
                let rejects = folder.appendingPathComponent("rejects-\(strict.count).csv")
                let run = try await ImportCommandTests.closeloop(
                    ["import", Self.cut, "--source", "heartland", "--rejects", rejects.path, "--db", db] + strict)
                #expect(run.status == 1, "\(strict): exit \(run.status): \(run.output)")
                #expect(run.errors.contains("nothing written"), "\(strict): \(run.errors)")
                #expect(run.errors.contains("icarol-cut-mid-record.xml:"), "names the file and line: \(run.errors)")
                // The problem that refused it is in the rejects file, with its kind.
                let rows = try String(contentsOf: rejects, encoding: .utf8)
                #expect(rows.contains("malformed_file"), "\(rows)")
                let after = try await store.snapshot()
                #expect(after == before, "\(strict): the store changed")
            }
            #expect(try await store.snapshot().organizations.map(\.name) == ["Lakeside Family Services"])
        }
    }
}
