/// Lets one SQLite write transaction run at a time in this process, queueing the others without
/// blocking a thread. SQLite has one writer anyway; waiting for its lock inside `BEGIN IMMEDIATE`
/// (busy timeout) blocks one of NIO's few blocking-pool threads per waiter, and with enough
/// concurrent writers the lock holder gets no thread left to commit on.
///
/// When the writer at the front finds the database locked by another process for the whole busy
/// timeout (an import), everyone queued behind it is told the store is busy at once: each would
/// otherwise wait its own timeout in turn, and the last of twenty would answer after twenty seconds.
actor WriteGate {
    private var busy = false
    /// Resumed with true for the waiter's turn, false when the store was found busy.
    private var waiters: [CheckedContinuation<Bool, Never>] = []

    /// Waits for this writer's turn. Throws `StoreError.busy` when the writer ahead gave up on a
    /// database another process holds.
    func enter() async throws {
        guard busy else {
            busy = true
            return
        }
        let myTurn = await InFlight.track("writeGate.waiting") { await withCheckedContinuation { waiters.append($0) } }
        guard myTurn else { throw StoreError.busy }
    }

    /// Ends the current writer's turn; `storeWasBusy` when it could not get SQLite's write lock.
    func leave(storeWasBusy: Bool = false) {
        if storeWasBusy {
            let refused = waiters
            waiters = []
            busy = false
            for waiter in refused { waiter.resume(returning: false) }
        } else if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume(returning: true)
        }
    }
}
