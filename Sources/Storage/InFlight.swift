import Synchronization

/// How many of each kind of wait are in progress in this process: entering the background
/// executor, the database's run and scopes, the SQLite write gate. Clean-clone CI has hung with
/// every thread idle and a few tests waiting forever; the tests print this on SIGUSR1 (see
/// TestSupport's `InFlightReport`) so a hang names the wait it is stuck in.
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
