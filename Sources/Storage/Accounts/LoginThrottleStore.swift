import Crypto
import Foundation
import SQLKit
import Synchronization

/// How failed sign-ins slow down (the rules `LoginThrottleStore` keeps in the store): after
/// `freeFailuresPer…` failures the next attempt waits `firstDelay`, each further failure doubles
/// the wait up to `maxDelay`, and a count is forgotten `forgetAfter` after its last failure.
public struct LoginThrottlePolicy: Sendable, Hashable {
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
    public func delay(afterFailures failures: Int, free: Int) -> TimeInterval {
        guard failures >= free else { return 0 }
        let doublings = min(failures - free, 30)
        return min(maxDelay, firstDelay * pow(2, Double(doublings)))
    }
}

/// Failed sign-ins counted in the store (migration 23), so that every server instance on one
/// database throttles the same counts and a restart forgets none. A failure is one statement per
/// account and per address — an upsert that adds one to the count (or starts it again when the
/// last failure is older than `forgetAfter`) and sets the wait from the new count — so two
/// instances failing the same account at once count two failures, never one.
public struct LoginThrottleStore: Sendable {
    public let database: Database
    public let policy: LoginThrottlePolicy
    var sql: any SQLDatabase { database.sql }

    public init(database: Database, policy: LoginThrottlePolicy) {
        self.database = database
        self.policy = policy
    }

    enum Kind: String {
        case account, address
    }

    /// How long an attempt for `account` from `address` must still wait (the longer of the two
    /// waits), or nil when it may go ahead. `account` is the email as typed (`accountKey`).
    public func wait(account: String, address: String, now: Date) async throws -> TimeInterval? {
        let key = try await hashKey()
        let row = try await sql.raw("""
            SELECT MAX(wait_until_ms) AS until FROM login_failures
            WHERE (kind = \(bind: Kind.account.rawValue) AND key = \(bind: Self.stored(.account, account, key: key)))
            OR (kind = \(bind: Kind.address.rawValue) AND key = \(bind: Self.stored(.address, address, key: key)))
            """).first()
        guard let until = try row?.decode(column: "until", as: Int?.self) else { return nil }
        let wait = Double(until - Self.milliseconds(now)) / 1000
        return wait > 0 ? wait : nil
    }

    /// Counts one failure against the account and the address, in one transaction. Now and then
    /// (every `sweepEvery`-th failure of this process) deletes the counts already forgotten.
    public func recordFailure(account: String, address: String, now: Date) async throws {
        let sweep = Self.failuresSinceSweep.withLock { count in
            count += 1
            return count % Self.sweepEvery == 1
        }
        let nowMs = Self.milliseconds(now)
        let forgetMs = Int((policy.forgetAfter * 1000).rounded())
        if sweep { try await forgetOld(now: now) }
        let key = try await hashKey()
        let accountRow = Self.stored(.account, account, key: key), addressRow = Self.stored(.address, address, key: key)
        try await database.transaction { db in
            try await db.raw(upsert(.account, key: accountRow, free: policy.freeFailuresPerAccount, nowMs: nowMs, forgetMs: forgetMs)).run()
            try await db.raw(upsert(.address, key: addressRow, free: policy.freeFailuresPerAddress, nowMs: nowMs, forgetMs: forgetMs)).run()
        }
    }

    /// A successful sign-in clears its account's count (not its address's: one good password must
    /// not reset a guesser's budget).
    public func recordSuccess(account: String) async throws {
        let key = try await hashKey()
        try await sql.raw("""
            DELETE FROM login_failures WHERE kind = \(bind: Kind.account.rawValue) AND key = \(bind: Self.stored(.account, account, key: key))
            """).run()
    }

    /// The failure count after this failure and the wait it sets, both in SQL from the stored row,
    /// so the read and the write are one atomic step on either engine. The wait is a CASE over the
    /// count (the doubling table up to `maxDelay`): SQLite has no portable power function.
    private func upsert(_ kind: Kind, key: String, free: Int, nowMs: Int, forgetMs: Int) -> SQLQueryString {
        let first = Int((policy.delay(afterFailures: 1, free: free) * 1000).rounded())
        let counted: SQLQueryString = """
            (CASE WHEN login_failures.last_failure_ms > \(bind: nowMs - forgetMs) THEN login_failures.failures + 1 ELSE 1 END)
            """
        return """
            INSERT INTO login_failures (kind, key, failures, last_failure_ms, wait_until_ms)
            VALUES (\(bind: kind.rawValue), \(bind: key), 1, \(bind: nowMs), \(bind: nowMs + first))
            ON CONFLICT (kind, key) DO UPDATE SET
                failures = \(counted),
                last_failure_ms = \(bind: nowMs),
                wait_until_ms = \(bind: nowMs) + \(delayMilliseconds(of: counted, free: free))
            """
    }

    /// `policy.delay` of the count `failures` in milliseconds, as SQL.
    private func delayMilliseconds(of failures: SQLQueryString, free: Int) -> SQLQueryString {
        var branches: [SQLQueryString] = []
        var count = 1
        // Up to the count whose wait reaches the longest (doublings stop at 30, as in `delay`).
        while count <= free + 31 {
            let delay = policy.delay(afterFailures: count, free: free)
            if delay >= policy.maxDelay { break }
            branches.append("WHEN \(unsafeRaw: String(count)) THEN \(unsafeRaw: String(Int((delay * 1000).rounded())))")
            count += 1
        }
        let most = Int((policy.maxDelay * 1000).rounded())
        guard !branches.isEmpty else { return "\(unsafeRaw: String(most))" }
        return "(CASE \(failures) \(SQLList(branches, separator: SQLRaw(" "))) ELSE \(unsafeRaw: String(most)) END)"
    }

    /// Deletes the counts whose last failure is `forgetAfter` or more ago (they would start again at
    /// one anyway), and any row a version before the keys were hashed wrote (an email or address in
    /// plain text, never matched again).
    public func forgetOld(now: Date) async throws {
        let before = Self.milliseconds(now) - Int((policy.forgetAfter * 1000).rounded())
        try await sql.raw("""
            DELETE FROM login_failures WHERE last_failure_ms <= \(bind: before) OR key NOT LIKE \(bind: Self.hashPrefix + "%")
            """).run()
    }

    // MARK: keys

    /// What a row is stored under: HMAC-SHA256 of the kind and the value (the email as
    /// `accountKey` normalises it, or the client address) under the installation's secret key, so a
    /// copy of the table names no one and no address, as stored tokens (`TokenHash`) reveal no
    /// token. The same on every instance and across restarts, so counts are still shared.
    static func stored(_ kind: Kind, _ value: String, key: SymmetricKey) -> String {
        let text = kind == .account ? accountKey(value) : value
        // "login_failures", the kind and the value, apart by the unit separator: the key also makes
        // pseudonyms (`ReferralStore.pseudonym`), whose messages never start with this label.
        let mac = HMAC<SHA256>.authenticationCode(for: Data("login_failures\u{1F}\(kind.rawValue)\u{1F}\(text)".utf8), using: key)
        return hashPrefix + Array(mac).map { String(format: "%02x", $0) }.joined()
    }

    static let hashPrefix = "lfh_"

    /// The installation's secret (`ReferralStore.pseudonymKey`: 256 random bits made on first use,
    /// kept in the store, read once per process).
    private func hashKey() async throws -> SymmetricKey {
        try await ReferralStore(database: database).pseudonymKey()
    }

    /// How many failures this process counts between two sweeps of forgotten rows.
    static let sweepEvery = 500
    private static let failuresSinceSweep = Mutex(0)

    static func milliseconds(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Emails are matched without regard to case or surrounding spaces, as sign-in matches them.
    public static func accountKey(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// How many counts are stored (tests check the sweep with it).
    public func count() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM login_failures").first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
    }
}
