import Directory
import Foundation
import Matching
import Storage
import Testing
import TestSupport
import Workflows

/// The matching use case at its layer: validation, the match, and the gaps it queues.
@Suite("Matchmaking")
struct MatchmakingTests {
    /// Nothing for these barriers takes a baby, so the match has gaps.
    static let unservable = NeedsProfile(barriers: ["career_readiness", "bullying"], tier: 1, age: 0)

    static func recordedGaps(_ world: UseCaseWorld) async throws -> [MatchGapTally] {
        try await world.gaps.flush()
        return try await ReportStore(database: world.store.database).matchGaps(from: .distantPast, to: .distantFuture)
    }

    @Test(arguments: TestBackend.available)
    func aMatchQueuesItsGapsAtTheTimeItWasJudged(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let result = try await world.matchmaking.match(Self.unservable, now: UseCaseWorld.now, limitPerBarrier: 5)
            #expect(!result.gaps.isEmpty)
            #expect(result.results.map(\.barrier) == ["career_readiness", "bullying"])
            #expect(result.results.allSatisfy { $0.services.count <= 5 })
            let tallies = try await Self.recordedGaps(world)
            #expect(Set(tallies.map(\.barrier)) == Set(result.gaps.map(\.barrier)))
            #expect(tallies.allSatisfy { $0.lastSeen == UseCaseWorld.now }, "recorded at the match's time, not the wall clock")
            #expect(Set(tallies.map(\.latestReason)) == Set(result.gaps.map(\.reason)))
        }
    }

    @Test(arguments: TestBackend.available)
    func anInvalidProfileIsRefusedAndRecordsNothing(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            await #expect(throws: MatchRefusal.invalidProfile(.unknownBarrier("astrology"))) {
                try await world.matchmaking.match(NeedsProfile(barriers: ["astrology"], tier: 2), now: UseCaseWorld.now)
            }
            await #expect(throws: MatchRefusal.invalidProfile(.tierOutOfRange(4))) {
                try await world.matchmaking.match(NeedsProfile(barriers: ["anxiety"], tier: 4), now: UseCaseWorld.now)
            }
            #expect(try await Self.recordedGaps(world).isEmpty)
        }
    }

    @Test func aMatchWithoutARecorderCountsInNoReport() async throws {
        try await withUseCaseWorld(.sqlite) { world async throws in
            let unrecorded = Matchmaking(index: world.index, gaps: nil)
            let result = try await unrecorded.match(Self.unservable, now: UseCaseWorld.now)
            #expect(!result.gaps.isEmpty)
            #expect(try await Self.recordedGaps(world).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func aStoreWithoutBarriersIsRefusedAsEmpty(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            try await store.database.execute("DELETE FROM barriers")
            let matchmaking = Matchmaking(index: LiveMatchIndex(store: store), gaps: nil)
            await #expect(throws: MatchRefusal.emptyDirectory) {
                try await matchmaking.match(NeedsProfile(barriers: ["anxiety"], tier: 2), now: UseCaseWorld.now)
            }
        }
    }
}
