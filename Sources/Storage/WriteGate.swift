/// Lets one SQLite write transaction run at a time in this process, queueing the others without
/// blocking a thread. SQLite has one writer anyway; waiting for its lock inside `BEGIN IMMEDIATE`
/// (busy timeout) blocks one of NIO's few blocking-pool threads per waiter, and with enough
/// concurrent writers the lock holder gets no thread left to commit on.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
