import Logging
import NIOCore
import NIOPosix

/// Where `closeloop serve` runs its request handlers.
public enum HandlerThreads: String, Sendable, CaseIterable {
    /// On the server's event loops, which then run all of Swift concurrency: a request is read,
    /// handled and answered on one thread. Measured on `POST /api/v1/match` (2 cores, alternating
    /// runs of both modes): about 15% more requests/s and 9% less server CPU per request than
    /// `concurrencyPool` (medians; single rounds +4 to +25%), which hands every request to a second
    /// thread and the answer back. The trade: a route that does almost nothing (the bare
    /// `POST /api/v1/ping`) costs more here, about 15% fewer requests/s (single rounds 0 to -31%),
    /// as NIO's locked task queue costs more per hop than the pool's.
    /// Blocking and CPU-heavy work goes to `BackgroundExecutor`.
    case eventLoops = "event-loops"
    /// On Swift's global concurrency pool, separate from the event loops that do the I/O.
    case concurrencyPool = "concurrency-pool"

    /// Installs the choice for the process; call once, before the server starts. Logs and keeps the
    /// pool when the runtime does not offer the hook.
    public func install(logger: Logger) {
        guard self == .eventLoops else { return }
        if !NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() {
            logger.warning("cannot run Swift concurrency on the event loops here; handlers stay on the concurrency pool")
        }
    }
}
