import Directory
import Foundation
import Feeds
import Storage
import Testing
import TestSupport

/// `closeloop import` of an AIRS feed whose records are marked not to be listed: they reach the store
/// inactive (kept, never offered), each mark is a row of the rejects file with its kind, and the
/// summary counts them.
@Suite("closeloop import: AIRS records not to be listed")
struct AIRSListingImportTests {
    static let feed = ImportCommandTests.fixtures.appendingPathComponent("airs/listing-flags.xml").path

    @Test(arguments: TestBackend.available)
    func unlistedRecordsAreStoredInactiveAndListedInTheRejects(backend: TestBackend) async throws {
        try ImportCommandTests.requireExecutable()
        let folder = try ImportCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withFreshStore(backend) { store async throws in
            let rejects = folder.appendingPathComponent("rejects.csv")
            let run = try await ImportCommandTests.closeloop([
                "import", Self.feed, "--source", "metro", "--rejects", rejects.path, "--db", store.database.location.connectionString,
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("inactive records 5"), "\(run.output)")

            let stored = try await store.snapshot()
            #expect(stored.services.count == 7, "nothing dropped")
            let inactive = Set(stored.services.filter { !$0.active }.map(\.id))
            #expect(inactive == Set(["SS-902", "SS-912", "SS-914", "SS-915", "SS-916"].map { "metro:\($0)" }))
            #expect(stored.organizations.first { $0.id == "metro:A-900" }?.active == false)
            #expect(Set(stored.locations.filter { !$0.active }.map(\.id)) == ["metro:S-901", "metro:S-911"])

            let rows = try String(contentsOf: rejects, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)  // CRLF, as RFC 4180 has it
            #expect(rows.first == ImportRejects.columns.joined(separator: ","))
            let unlisted = rows.filter { $0.contains(",warning,inactive_record,") }
            #expect(unlisted.count == 5, "\(rows)")
            #expect(unlisted.first?.hasPrefix("listing-flags.xml,3,,ExcludeFromDirectory,A-900,warning,inactive_record,") == true,
                    "\(unlisted)")
            #expect(rows.contains { $0.contains(",Status,SS-917,warning,unreadable_value,") }, "\(rows)")
        }
    }
}
