import Foundation
import Synchronization

/// How many of each kind of wait are in progress in this process: entering the background
/// executor, the database's run and scopes, the SQLite write gate, the application's services.
/// Clean-clone CI has hung with every thread idle and a few tests waiting forever; the tests write
/// this to a file every five seconds (TestSupport's `ExecutorHeartbeat`) and the watchdog prints
/// it, so a hang names its wait.
///
/// A debugging aid, off unless `CLOSELOOP_TRACK_WAITS` is set (scripts/test sets it): off, `track`
/// only runs its body, so the server's hot paths pay one branch.
public enum InFlight {
    public static let isEnabled = ProcessInfo.processInfo.environment["CLOSELOOP_TRACK_WAITS"].map { !$0.isEmpty && $0 != "0" } ?? false

    private static let counts = Mutex<[String: Int]>([:])

    /// Runs `body`, counted under `name` while it runs.
    public static func track<R, Failure: Error>(
        _ name: StaticString, isolation: isolated (any Actor)? = #isolation, _ body: () async throws(Failure) -> R
    ) async throws(Failure) -> R {
        guard isEnabled else { return try await body() }
        let key = "\(name)"
        counts.withLock { $0[key, default: 0] += 1 }
        defer { counts.withLock { $0[key, default: 0] -= 1 } }
        return try await body()
    }

    /// The waits in progress now, by name (empty when tracking is off).
    public static var snapshot: [String: Int] { counts.withLock { $0.filter { $0.value != 0 } } }
}
