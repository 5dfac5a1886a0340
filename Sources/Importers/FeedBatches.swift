import Directory
import Foundation

/// What the batch stream yields: groups of records, then the reader's summary.
public enum FeedBatchEvent: Sendable {
    case batch(DirectorySnapshot)
    case finished(ReadSummary)
}

extension FeedReader {
    /// Runs the synchronous reader on its own thread and hands its records over in batches.
    /// At most `maxPending` batches wait for the consumer, so a fast parser in front of a slower
    /// database keeps memory flat instead of queueing the whole feed.
    public func batches(
        size: Int = 4_000, maxPending: Int = 2, progress: @escaping @Sendable (ReadProgress) -> Void = { _ in }
    ) -> FeedBatches {
        let gate = BatchGate(slots: maxPending)
        let (stream, continuation) = AsyncThrowingStream<FeedBatchEvent, any Error>.makeStream()
        continuation.onTermination = { _ in gate.cancel() }
        let reader = self
        let thread = Thread {
            var batch = DirectorySnapshot()
            var recordsInBatch = 0
            func flush() throws {
                guard recordsInBatch > 0 else { return }
                try gate.acquire()
                continuation.yield(.batch(batch))
                batch = DirectorySnapshot()
                recordsInBatch = 0
            }
            do {
                let summary = try reader.read(
                    emit: { record in
                        switch record {
                        case .organization(let organization): batch.organizations.append(organization)
                        case .location(let location): batch.locations.append(location)
                        case .service(let service): batch.services.append(service)
                        case .serviceAtLocation(let link): batch.servicesAtLocation.append(link)
                        }
                        recordsInBatch += 1
                        if recordsInBatch >= size { try flush() }
                    },
                    progress: progress)
                try flush()
                continuation.yield(.finished(summary))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
        return FeedBatches(stream: stream, gate: gate)
    }
}

/// The batches of one read; iterate it once.
public struct FeedBatches: AsyncSequence, Sendable {
    public typealias Element = FeedBatchEvent
    let stream: AsyncThrowingStream<FeedBatchEvent, any Error>
    let gate: BatchGate

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<FeedBatchEvent, any Error>.AsyncIterator
        let gate: BatchGate

        /// Taking a batch frees a slot, letting the reader prepare the next one.
        public mutating func next() async throws -> FeedBatchEvent? {
            let event = try await base.next()
            if case .batch = event { gate.release() }
            return event
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), gate: gate)
    }
}

/// A counting semaphore the consumer can break when it stops listening.
final class BatchGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: Int
    private var cancelled = false

    init(slots: Int) { free = slots }

    func acquire() throws {
        condition.lock()
        defer { condition.unlock() }
        while free == 0 && !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        free -= 1
    }

    func release() {
        condition.lock()
        free += 1
        condition.signal()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
