import Synchronization

/// How many of each kind of wait are in progress in this process: entering the background
/// executor, the database's run and scopes, the SQLite write gate. Clean-clone CI has hung with
/// every thread idle and a few tests waiting forever; the tests write this to a file every five
/// seconds (TestSupport's `ExecutorHeartbeat`) and the watchdog prints it, so a hang names its wait.
public enum InFlight {
    private static let counts = Mutex<[String: Int]>([:])

    /// Runs `body`, counted under `name` while it runs.
    public static func track<R, Failure: Error>(
        _ name: StaticString, isolation: isolated (any Actor)? = #isolation, _ body: () async throws(Failure) -> R
    ) async throws(Failure) -> R {
        let key = "\(name)"
        counts.withLock { $0[key, default: 0] += 1 }
        defer { counts.withLock { $0[key, default: 0] -= 1 } }
        return try await body()
    }

    /// The waits in progress now, by name.
    public static var snapshot: [String: Int] { counts.withLock { $0.filter { $0.value != 0 } } }
}
