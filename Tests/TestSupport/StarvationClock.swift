import Foundation

/// How long `body` took, less the time this process could not run: a ticker beside it sleeps 20 ms
/// at a time, and whatever a tick overran by beyond 100 ms is time the scheduler gave to others (the
/// whole suite runs in parallel on two cores). On a quiet machine this is the plain wall time, so a
/// bound checked against it still fails when the code itself is slow.
public func durationExcludingStarvation<Result>(
    _ body: () async throws -> Result
) async rethrows -> (result: Result, duration: Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let ticker = Task<Duration, Never> {
        var starved = Duration.zero
        let pause = Duration.milliseconds(20), slack = Duration.milliseconds(100)
        while !Task.isCancelled {
            let tick = clock.now
            try? await Task.sleep(for: pause)
            starved += max(.zero, clock.now - tick - pause - slack)
        }
        return starved
    }
    let result: Result
    do {
        result = try await body()
    } catch {
        ticker.cancel()
        throw error
    }
    ticker.cancel()
    let starved = await ticker.value
    return (result, max(.zero, clock.now - start - starved))
}
