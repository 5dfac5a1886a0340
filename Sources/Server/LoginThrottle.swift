import Foundation
import Synchronization

/// Failed sign-ins slow down whoever makes them, counted per account (the email typed) and per
/// client address. After `freeFailures` failures the next attempt must wait `firstDelay`, and each
/// further failure doubles the wait up to `maxDelay`; a successful sign-in clears its account's
/// count (not its address's: one good password must not reset a guesser's budget). While the wait
/// lasts, attempts are answered 429 with `Retry-After` and the password is not even checked, so
/// guessing costs time whether it is right or wrong. Counts are forgotten `forgetAfter` after the
/// last failure. In memory, per server process.
public final class LoginThrottle: Sendable {
    public struct Policy: Sendable, Hashable {
        public var freeFailuresPerAccount: Int
        public var freeFailuresPerAddress: Int
        public var firstDelay: TimeInterval
        public var maxDelay: TimeInterval
        public var forgetAfter: TimeInterval

        public init(
            freeFailuresPerAccount: Int = 5, freeFailuresPerAddress: Int = 20, firstDelay: TimeInterval = 2,
            maxDelay: TimeInterval = 15 * 60, forgetAfter: TimeInterval = 24 * 3600
        ) {
            self.freeFailuresPerAccount = freeFailuresPerAccount
            self.freeFailuresPerAddress = freeFailuresPerAddress
            self.firstDelay = firstDelay
            self.maxDelay = maxDelay
            self.forgetAfter = forgetAfter
        }

        /// The wait after the `failures`-th failure when `free` are allowed without one.
        func delay(afterFailures failures: Int, free: Int) -> TimeInterval {
            guard failures >= free else { return 0 }
            let doublings = min(failures - free, 30)
            return min(maxDelay, firstDelay * pow(2, Double(doublings)))
        }
    }

    private struct Record {
        var failures: Int
        var lastFailure: Date
        var waitUntil: Date
    }

    private struct State {
        var accounts: [String: Record] = [:]
        var addresses: [String: Record] = [:]
    }

    let policy: Policy
    private let clock: @Sendable () -> Date
    private let state = Mutex(State())
    /// Above this many remembered accounts or addresses, forgotten ones are swept first.
    private let sweepAbove = 50_000

    public init(policy: Policy, clock: @escaping @Sendable () -> Date) {
        self.policy = policy
        self.clock = clock
    }

    /// How long this attempt must still wait (the longer of its account's and its address's
    /// waits), or nil when it may go ahead.
    func wait(account: String, address: String) -> TimeInterval? {
        let now = clock()
        let key = Self.accountKey(account)
        let until = state.withLock { state in
            max(state.accounts[key]?.waitUntil ?? .distantPast, state.addresses[address]?.waitUntil ?? .distantPast)
        }
        let wait = until.timeIntervalSince(now)
        return wait > 0 ? wait : nil
    }

    func recordFailure(account: String, address: String) {
        let now = clock()
        let key = Self.accountKey(account)
        state.withLock { state in
            if state.accounts.count > sweepAbove || state.addresses.count > sweepAbove { sweep(&state, now: now) }
            state.accounts[key] = next(state.accounts[key], now: now, free: policy.freeFailuresPerAccount)
            state.addresses[address] = next(state.addresses[address], now: now, free: policy.freeFailuresPerAddress)
        }
    }

    func recordSuccess(account: String) {
        let key = Self.accountKey(account)
        _ = state.withLock { $0.accounts.removeValue(forKey: key) }
    }

    private func next(_ record: Record?, now: Date, free: Int) -> Record {
        var failures = 1
        if let record, now.timeIntervalSince(record.lastFailure) < policy.forgetAfter { failures = record.failures + 1 }
        return Record(failures: failures, lastFailure: now,
                      waitUntil: now.addingTimeInterval(policy.delay(afterFailures: failures, free: free)))
    }

    private func sweep(_ state: inout State, now: Date) {
        let keep: (Record) -> Bool = { now.timeIntervalSince($0.lastFailure) < self.policy.forgetAfter }
        state.accounts = state.accounts.filter { keep($0.value) }
        state.addresses = state.addresses.filter { keep($0.value) }
    }

    /// Emails are matched without regard to case or surrounding spaces, as sign-in matches them.
    static func accountKey(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
