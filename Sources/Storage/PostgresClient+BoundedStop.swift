import Logging
import PostgresNIO
import ServiceLifecycle

extension PostgresClient {
    /// Runs the pool until graceful shutdown or cancellation, then waits at most `grace` for it to
    /// close its connections. A pool that does not end in time is left behind, logged, rather than
    /// holding up the shutdown of everything that waits for the database service: clean-clone CI
    /// has hung under load with applications whose every other service had ended and whose pool
    /// was still running.
    ///
    /// `starting` runs just before the pool does, in the pool's task: a query leased earlier makes
    /// PostgresNIO warn that `run()` has not been called yet.
    func run(stoppingWithin grace: Duration, logger: Logger, starting: @escaping @Sendable () -> Void) async {
        let stopped = Latch()
        let pool = Task {
            starting()
            await run()
            stopped.open()
        }
        // Returns when the pool ends on its own, on graceful shutdown, or on cancellation.
        await cancelWhenGracefulShutdown { try? await stopped.wait() }
        pool.cancel()
        guard !stopped.isOpen else { return }
        // In a task of its own: the caller may be cancelled, and this wait must still last.
        let inTime = await Task {
            await InFlight.track("database.run.postgres.stopping") {
                await withTaskGroup(of: Bool.self) { race in
                    race.addTask { (try? await stopped.wait()) != nil }
                    race.addTask {
                        try? await Task.sleep(for: grace)
                        return false
                    }
                    let first = await race.next() ?? false
                    race.cancelAll()
                    return first
                }
            }
        }.value
        if !inTime {
            logger.error("the PostgreSQL pool did not stop within \(grace) of shutdown; left behind")
        }
    }
}
