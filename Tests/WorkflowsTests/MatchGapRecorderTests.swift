import Foundation
import Storage
import Testing
import TestSupport
import Workflows

/// The gap recorder the matching use case queues into: batches, timers, shutdown, failed writes.
@Suite("Match gap recorder")
struct MatchGapRecorderTests {
    static let gap = MatchGapRecord(barrier: "anxiety", filter: "language", reason: "no Somali-speaking provider for anxiety")

    static func gapCount(_ store: DirectoryStore) async throws -> Int {
        let tallies = try await ReportStore(database: store.database).matchGaps(from: .distantPast, to: .distantFuture)
        return tallies.reduce(0) { $0 + $1.occurrences }
    }

    @Test(arguments: TestBackend.available)
    func gapRecorderWritesNothingUntilFlushedThenEverything(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store in
            let recorder = MatchGapRecorder(database: store.database, batchSize: 1_000)
            let at = Date(timeIntervalSince1970: 1_790_000_000)
            for _ in 0..<30 { await recorder.record([Self.gap, MatchGapRecord(barrier: "food_insecurity", filter: nil, reason: "none")], at: at) }
            await recorder.record([], at: at)
            #expect(await recorder.pendingCount == 60)
            #expect(try await Self.gapCount(store) == 0, "nothing is written per match")

            try await recorder.flush()
            #expect(await recorder.pendingCount == 0)
            let tallies = try await ReportStore(database: store.database).matchGaps(from: .distantPast, to: .distantFuture)
            #expect(tallies.map(\.occurrences) == [30, 30])
            #expect(Set(tallies.map(\.barrier)) == ["anxiety", "food_insecurity"])
            #expect(tallies.first { $0.barrier == "food_insecurity" }?.filter == nil)
            #expect(tallies.allSatisfy { $0.lastSeen == at })
            try await recorder.flush()  // nothing pending: writes nothing
            #expect(try await Self.gapCount(store) == 60)
        }
    }

    @Test(arguments: TestBackend.available)
    func gapRecorderFlushesAFullBatchByItself(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store in
            let recorder = MatchGapRecorder(database: store.database, batchSize: 10)
            for _ in 0..<10 { await recorder.record([Self.gap]) }
            let written = try await waitUntil(within: .seconds(30)) { try await Self.gapCount(store) == 10 }
            #expect(written != nil, "a full batch is written without a flush")
            #expect(await recorder.pendingCount == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func gapRecorderServiceFlushesOnATimerAndWhenStopped(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store in
            let recorder = MatchGapRecorder(database: store.database, batchSize: 1_000)
            let service = Task { await recorder.run(interval: .milliseconds(50)) }
            await recorder.record([Self.gap])
            let ticked = try await waitUntil(within: .seconds(30)) { try await Self.gapCount(store) == 1 }
            #expect(ticked != nil, "the periodic flush writes pending gaps")

            await recorder.record([Self.gap, Self.gap])
            service.cancel()
            await service.value
            #expect(try await Self.gapCount(store) == 3, "stopping flushes what is pending")
        }
    }

    @Test func aFailedWriteKeepsTheGapsPending() async throws {
        let store = try await withFreshStore(.sqlite) { store in store }
        // The database is shut down: the write fails, and the gaps wait for the next attempt.
        let recorder = MatchGapRecorder(database: store.database, batchSize: 1_000)
        await recorder.record([Self.gap, Self.gap])
        await #expect(throws: (any Error).self) { try await recorder.flush() }
        #expect(await recorder.pendingCount == 2)
    }
}
