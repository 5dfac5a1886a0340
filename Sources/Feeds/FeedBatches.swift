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
    ///
    /// Every record passes the steps every format shares on its way: locations without coordinates
    /// are placed at their ZIP centre when `placement` is given, and the finished summary gets
    /// the records handed on, the sites placed and the placement's warnings.
    public func batches(
        size: Int = 4_000, maxPending: Int = 2, placement: SitePlacement? = nil,
        progress: @escaping @Sendable (ReadProgress) -> Void = { _ in }
    ) -> FeedBatches {
        let gate = BatchGate(slots: maxPending)
        let (stream, continuation) = AsyncThrowingStream<FeedBatchEvent, any Error>.makeStream()
        continuation.onTermination = { _ in gate.cancel() }
        let reader = self
        let thread = Thread {
            var batch = DirectorySnapshot()
            var recordsInBatch = 0
            var pipeline = FeedPipeline(placement: placement)
            func flush() throws {
                guard recordsInBatch > 0 else { return }
                try gate.acquire()
                continuation.yield(.batch(batch))
                batch = DirectorySnapshot()
                recordsInBatch = 0
            }
            do {
                var summary = try reader.read(
                    emit: { record in
                        switch pipeline.pass(record) {
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
                pipeline.finish(&summary)
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

/// What happens to every record between any reader and the store.
struct FeedPipeline {
    var placement: SitePlacement?
    var emitted = RecordCounts()
    var servicesWithOnlyProviderCodes = 0

    mutating func pass(_ record: FeedRecord) -> FeedRecord {
        emitted.count(record)
        switch record {
        case .location(var location) where placement != nil:
            // Located sites pass too: they tell whether the feed is a US one.
            placement!.place(&location)
            return .location(location)
        case .service(let service):
            if !service.taxonomyCodes.isEmpty, !service.taxonomyCodes.contains(where: Taxonomy.describesService) {
                servicesWithOnlyProviderCodes += 1
            }
            return record
        default:
            return record
        }
    }

    func finish(_ summary: inout ReadSummary) {
        summary.emitted = emitted
        summary.servicesWithOnlyProviderCodes = servicesWithOnlyProviderCodes
        if let placement {
            summary.sitesPlacedAtZIPCentre = placement.placed
            summary.problems += placement.problems
        }
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
