import Directory
import Foundation
import Storage
import Testing
import TestSupport

/// The change log other server instances follow to keep their match index current.
@Suite("Directory change log")
struct DirectoryChangeLogTests {
    @Test(arguments: TestBackend.available)
    func writesAppendWhatChangedAndRollbacksAppendNothing(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            #expect(try await store.latestChangeSequence() == 0)
            _ = try await ImportTransactionTests.run(store, ImportTransactionTests.feed(count: 3))
            let afterImport = try await store.changes(after: 0)
            #expect(afterImport.compactMap(\.serviceID).sorted() == ["feed:s1", "feed:s2", "feed:s3"])

            let mark = try await store.latestChangeSequence()
            _ = try await store.updateAvailability(serviceID: "feed:s2", enrollment: Enrollment(status: .closed))
            #expect(try await store.changes(after: mark).map(\.serviceID) == ["feed:s2"])

            // Re-importing the same feed changes nothing but still names the services it relinked.
            let beforeDry = try await store.latestChangeSequence()
            _ = try await ImportTransactionTests.run(store, ImportTransactionTests.feed(count: 4), dryRun: true)
            #expect(try await store.latestChangeSequence() == beforeDry)

            // A whole-directory save says "everything" and supersedes the older rows.
            try await store.save(ImportTransactionTests.feed(source: "other", count: 1))
            let all = try await store.changes(after: 0)
            #expect(all.count == 1)
            #expect(all.first?.serviceID == nil)
            #expect(try #require(all.first).sequence > beforeDry)
        }
    }
}
