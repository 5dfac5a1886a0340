import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Collects the gaps that matches find and writes them in batches, so a match never waits for a
/// database write (on SQLite every write passes one gate, which would serialise the matches).
///
/// Pending gaps are written every `interval` by `run()` (a service next to the match index
/// follower), as soon as `batchSize` are pending, and on graceful shutdown. Whatever reads the
/// gaps in this process calls `flush()` first, so a report shows every match answered before it.
/// A failed write keeps its gaps pending for the next attempt; only past `capacity` pending gaps
/// (the database unreachable for a long time) are the oldest dropped, with an error logged.
public actor MatchGapRecorder {
    private let reports: ReportStore
    private let logger: Logger
    public let batchSize: Int
    public let capacity: Int
    private var pending: [(gap: MatchGapRecord, at: Date)] = []
    /// The last write started; each write waits for the one before, so `flush()` returning means
    /// everything recorded before it was called has been written (or has failed and is pending).
    private var lastWrite: Task<Void, Never>?
    private var sizeTriggeredFlush = false

    public init(database: Database, logger: Logger = Logger(label: "closeloop.match-gaps"), batchSize: Int = 500, capacity: Int = 100_000) {
        reports = ReportStore(database: database)
        self.logger = logger
        self.batchSize = max(1, batchSize)
        self.capacity = max(self.batchSize, capacity)
    }

    /// Gaps waiting to be written.
    public var pendingCount: Int { pending.count }

    /// Queues one match's gaps; a match without gaps costs nothing.
    public func record(_ gaps: [MatchGapRecord], at now: Date = Date()) {
        guard !gaps.isEmpty else { return }
        pending.append(contentsOf: gaps.map { (gap: $0, at: now) })
        if pending.count > capacity {
            let dropped = pending.count - capacity
            pending.removeFirst(dropped)
            logger.error("match gaps could not be written for too long: dropped the oldest", metadata: ["dropped": "\(dropped)"])
        }
        if pending.count >= batchSize, !sizeTriggeredFlush {
            sizeTriggeredFlush = true
            Task {  // on this actor: the flag is cleared once the write is done
                await self.flushLogging()
                self.sizeTriggeredFlush = false
            }
        }
    }

    /// Writes every pending gap in one transaction and waits for any write already under way.
    /// On failure the gaps stay pending (ahead of newer ones) and the error is thrown.
    public func flush() async throws {
        let batch = pending
        pending = []
        let previous = lastWrite
        let reports = self.reports
        let outcome = Task<Result<Void, any Error>, Never> {
            await previous?.value
            guard !batch.isEmpty else { return .success(()) }
            do {
                try await reports.recordMatchGaps(batch)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        lastWrite = Task { _ = await outcome.value }
        if case .failure(let error) = await outcome.value {
            pending.insert(contentsOf: batch, at: 0)
            throw error
        }
    }

    /// Flushes every `interval` until graceful shutdown or cancellation, then flushes once more.
    public func run(interval: Duration = .seconds(1)) async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await self.flushLogging()
            }
        }
        await InFlight.track("service.gapRecorder.finalFlush") { await flushLogging() }
        if !pending.isEmpty {
            logger.error("match gaps not written at shutdown", metadata: ["count": "\(pending.count)"])
        }
    }

    private func flushLogging() async {
        do {
            try await flush()
        } catch {
            logger.warning("could not write match gaps; kept for the next attempt", metadata: ["error": "\(error)", "pending": "\(pending.count)"])
        }
    }
}

/// Runs the gap recorder's periodic flush as part of the application.
public struct MatchGapRecorderService: Service {
    public let recorder: MatchGapRecorder

    public init(recorder: MatchGapRecorder) {
        self.recorder = recorder
    }

    public func run() async throws {
        await InFlight.track("service.gapRecorder") { await recorder.run() }
    }
}
