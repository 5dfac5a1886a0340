import Storage
import Testing

@Suite("Latch")
struct LatchTests {
    /// The waiters that got past `wait()`.
    actor Passed {
        var waiters: Set<Int> = []
        func record(_ waiter: Int) { waiters.insert(waiter) }
    }

    @Test func waitersGoOnWhenItOpensAndLateComersGoStraightThrough() async throws {
        let latch = Latch()
        #expect(!latch.isOpen)
        let passed = Passed()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for waiter in 0..<5 {
                group.addTask {
                    try await latch.wait()
                    await passed.record(waiter)
                    return waiter
                }
            }
            // None can finish before the latch opens.
            try await Task.sleep(for: .milliseconds(50))
            #expect(await passed.waiters.isEmpty)
            latch.open()
            var finished: Set<Int> = []
            for try await waiter in group { finished.insert(waiter) }
            #expect(finished == Set(0..<5))
        }
        #expect(latch.isOpen)
        try await latch.wait()
    }

    @Test func aCancelledWaiterStopsWaiting() async throws {
        let latch = Latch()
        let waiter = Task { try await latch.wait() }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(!latch.isOpen)
    }

    @Test func aWaiterCancelledBeforeItWaitsDoesNotWait() async throws {
        let latch = Latch()
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await latch.wait()
        }
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }
}
