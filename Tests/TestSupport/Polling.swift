import Foundation

/// Polls `condition` every 20 ms until it holds or `limit` passes; the time it took, or nil.
///
/// The deadline counts only time this process could run: when the machine is starved (the whole
/// suite runs in parallel on two cores) a 20 ms sleep can take a second, and the time a poll's sleep
/// or work overran by (beyond 100 ms) is time nobody here ran, so it extends the deadline rather than
/// fail a test for the scheduler's sake. On a quiet machine the deadline is exactly `limit`.
public func waitUntil(within limit: Duration, _ condition: () async throws -> Bool) async throws -> Duration? {
    let clock = ContinuousClock()
    let start = clock.now
    let pause = Duration.milliseconds(20), expectedPoll = Duration.milliseconds(100)
    var starved = Duration.zero
    while clock.now - start < limit + starved {
        let pollStart = clock.now
        if try await condition() { return clock.now - start }
        try await Task.sleep(for: pause)
        starved += max(.zero, clock.now - pollStart - pause - expectedPoll)
    }
    return try await condition() ? clock.now - start : nil
}
