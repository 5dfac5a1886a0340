import Dispatch

/// Where CPU-heavy or blocking work runs (bcrypt, reading and indexing the whole directory): a
/// dispatch queue of its own, never the server's event loops. `closeloop serve --handlers
/// event-loops` runs Swift concurrency on those loops (one thread per request instead of a hop
/// between pools), where a second-long job would stall every connection the loop serves.
public final class BackgroundExecutor: TaskExecutor {
    public static let shared = BackgroundExecutor()

    private let queue: DispatchQueue
    private let marker = DispatchSpecificKey<Bool>()

    public init(label: String = "closeloop.background") {
        queue = DispatchQueue(label: label, qos: .utility, attributes: .concurrent)
        queue.setSpecific(key: marker, value: true)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    /// Runs `operation` here, including what it does after each `await` (nonisolated code
    /// follows the task's preferred executor).
    public func run<T: Sendable, Failure: Error>(
        _ operation: @Sendable () async throws(Failure) -> T
    ) async throws(Failure) -> T {
        try await InFlight.track("background.run") { () async throws(Failure) -> T in
            try await withTaskExecutorPreference(self, operation: operation)
        }
    }

    /// Whether the calling code runs on this executor's queue.
    public var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) == true }
}
