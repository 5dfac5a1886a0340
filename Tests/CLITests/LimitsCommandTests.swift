import Foundation
import Storage
import Testing
import TestSupport

/// Issue 21 item 4 on the command line: the use case's limits refuse the same input as the API,
/// in one line with a non-zero exit.
@Suite("closeloop and input limits")
struct LimitsCommandTests {
    @Test func aRepeatedBarrierIsOneLineAndAFailure() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withSeededStore(.sqlite) { store async throws in
            let run = try await MatchCommandTests.closeloop([
                "match", "--barrier", "anxiety", "--barrier", "anxiety", "--tier", "2", "--db", store.database.location.connectionString,
            ])
            #expect(run.status != 0)
            #expect(run.output.isEmpty)
            #expect(run.errors.split(separator: "\n").count == 1, "\(run.errors)")
            #expect(run.errors.contains("barriers lists 'anxiety' more than once"), "\(run.errors)")
        }
    }
}
