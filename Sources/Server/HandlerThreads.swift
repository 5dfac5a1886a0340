import NIOCore
import NIOPosix

/// Where `closeloop serve` runs its request handlers. The framework's way, Swift's concurrency
/// pool, is the default; the event loops are an option for match-heavy load.
public enum HandlerThreads: String, Sendable, CaseIterable {
    /// On Swift's global concurrency pool, separate from the event loops that do the I/O: each
    /// request hops from its loop to a pool thread and the answer back.
    case concurrencyPool = "concurrency-pool"
    /// On the server's event loops, which then run all of Swift concurrency in the process: a
    /// request is read, handled and answered on one thread. Faster for routes that do real work
    /// (matches), slower for near-empty ones, whose cost is then NIO's task queue. Blocking and
    /// CPU-heavy work goes to `BackgroundExecutor` either way.
    case eventLoops = "event-loops"

    /// The default when nothing is asked for.
    public static let standard = HandlerThreads.concurrencyPool

    /// Installs the choice for the whole process. NIO's hook replaces the global executor, so it is
    /// installed once, from the synchronous `main`, before any task exists. Returns false (and
    /// handlers stay on the pool) when the runtime does not offer the hook.
    @discardableResult
    public func install() -> Bool {
        guard self == .eventLoops else { return true }
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
