import Foundation
import Storage

/// Failed sign-ins slow down whoever makes them, counted per account (the email typed) and per
/// client address. After `freeFailures` failures the next attempt must wait `firstDelay`, and each
/// further failure doubles the wait up to `maxDelay`; a successful sign-in clears its account's
/// count (not its address's: one good password must not reset a guesser's budget). While the wait
/// lasts, attempts are answered 429 with `Retry-After` and the password is not even checked, so
/// guessing costs time whether it is right or wrong. Counts are forgotten `forgetAfter` after the
/// last failure. Kept in the store (`LoginThrottleStore`, migration 23): every instance on one
/// database counts the same failures, and a restart forgets none.
public struct LoginThrottle: Sendable {
    public typealias Policy = LoginThrottlePolicy

    let store: LoginThrottleStore
    private let clock: @Sendable () -> Date

    public init(database: Database, policy: Policy, clock: @escaping @Sendable () -> Date) {
        store = LoginThrottleStore(database: database, policy: policy)
        self.clock = clock
    }

    var policy: Policy { store.policy }

    /// How long this attempt must still wait (the longer of its account's and its address's
    /// waits), or nil when it may go ahead.
    func wait(account: String, address: String) async throws -> TimeInterval? {
        try await store.wait(account: account, address: address, now: clock())
    }

    func recordFailure(account: String, address: String) async throws {
        try await store.recordFailure(account: account, address: address, now: clock())
    }

    func recordSuccess(account: String) async throws {
        try await store.recordSuccess(account: account)
    }
}
