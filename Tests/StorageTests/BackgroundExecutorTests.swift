import Dispatch
import Storage
import Testing

/// Work handed to the background executor runs on its queue, before and after each `await` inside
/// it, and the caller carries on where it was.
@Suite("Background executor")
struct BackgroundExecutorTests {
    @Test("runs the whole operation on its queue, across awaits")
    func runsOnItsQueue() async throws {
        let executor = BackgroundExecutor(label: "test.background")
        #expect(!executor.isCurrent)
        let (before, after) = await executor.run {
            let before = executor.isCurrent
            try? await Task.sleep(for: .milliseconds(5))
            await Task.yield()
            return (before, executor.isCurrent)
        }
        #expect(before)
        #expect(after)
        #expect(!executor.isCurrent)
    }

    @Test("returns the operation's value and rethrows its error")
    func valuesAndErrors() async throws {
        struct Planned: Error, Equatable {}
        let executor = BackgroundExecutor(label: "test.background.errors")
        #expect(await executor.run { 6 * 7 } == 42)
        await #expect(throws: Planned.self) {
            try await executor.run { () throws(Planned) -> Int in throw Planned() }
        }
    }

    @Test("runs operations side by side (a long one does not hold up the next)")
    func concurrent() async throws {
        let executor = BackgroundExecutor(label: "test.background.concurrent")
        let gate = DispatchSemaphore(value: 0)
        async let blocked: Bool = executor.run {
            // Blocks its thread until the second operation has run.
            Self.wait(for: gate)
        }
        let second = await executor.run {
            gate.signal()
            return executor.isCurrent
        }
        #expect(second)
        #expect(await blocked)
    }

    private static func wait(for gate: DispatchSemaphore) -> Bool {
        gate.wait(timeout: .now() + 10) == .success
    }
}
