import Directory
import Foundation
import Storage
import Testing
import TestSupport
import Workflows

/// The live match index the matching use case owns: one build, in-place updates, `prepare`.
@Suite("Live match index")
struct LiveMatchIndexTests {
    /// Matches read the index without waiting on the actor; while an update is applied they wait
    /// for its result instead, and never start a build of their own.
    @Test(arguments: TestBackend.available)
    func matchesDuringUpdatesReadTheOldOrTheNewIndexAndNeverRebuild(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let index = LiveMatchIndex(store: store)
            let first = try await index.current()
            let serviceID = try #require(try await store.snapshot().services.first { first.contains(serviceID: $0.id) }?.id)
            let statuses: [EnrollmentStatus] = [.closed, .open]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<200 {
                            let current = try await index.current()
                            #expect(current.serviceCount >= first.serviceCount - 1)
                        }
                    }
                }
                group.addTask {
                    for round in 0..<20 {
                        _ = try await store.updateAvailability(serviceID: serviceID, enrollment: Enrollment(status: statuses[round % 2]))
                        try await index.catchUp()
                    }
                }
                try await group.waitForAll()
            }
            // The last update opened it again: the index shows it, built once and updated in place since.
            #expect(try await index.current().contains(serviceID: serviceID))
            #expect(await index.builds == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func prepareBuildsBeforeTheFirstRequest(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let index = LiveMatchIndex(store: store)
            #expect(await index.builds == 0)
            await index.prepare(logger: TestBackend.logger)
            // Nobody asks for the index: only `prepare` can have built it.
            // A liveness bound, not a timing goal: a loaded 2-core machine once took over 30 s to build it.
            let built = try await waitUntil(within: .seconds(120)) { await index.builds == 1 }
            #expect(built != nil, "prepare starts the build by itself")
            async let first = index.current()
            async let second = index.current()
            _ = try await (first, second)
            #expect(await index.builds == 1, "and the first requests use it")
        }
    }
}
