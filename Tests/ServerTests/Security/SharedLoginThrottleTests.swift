import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
@testable import Storage
import Testing
import TestSupport

@testable import Server

/// Issue 21 item 3, the part the in-memory throttle left open: its counts were per process, so an
/// attacker spread over N instances behind one load balancer got N times the attempts, and a
/// restart forgot them. The counts are in the store now (migration 23): two instances on one
/// database throttle the same failures, atomically, and a new instance remembers them.
@Suite("Security: the sign-in throttle is shared by every instance on one database")
struct SharedLoginThrottleTests {
    /// Two server instances (two `Application`s, each with its own connection pool) on one store.
    func withTwoInstances(
        _ backend: TestBackend, clock: TestClock, _ body: @escaping @Sendable (WebWorld, any TestClientProtocol, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withSeededStore(backend) { store async throws in
            let world = try await WebWorld.make(store, password: WebWorld.password)
            let limits = ClientLimits(clock: clock.read)
            try await buildApplication(securityConfiguration(store, clients: limits)).trackedTest(.router) { first async throws in
                try await buildApplication(securityConfiguration(store, clients: limits)).trackedTest(.router) { second async throws in
                    try await body(world, first, second)
                }
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func failuresOnTwoInstancesCountTogether(backend: TestBackend) async throws {
        let clock = TestClock(WebWorld.now)
        try await withTwoInstances(backend, clock: clock) { world, first, second async throws in
            let account = world.email("coordinator")
            // Three failures on one instance, two on the other: five for the account.
            for client in [first, first, first, second, second] {
                #expect(try await PageBrowser(client).login(account, password: "wrong-password").status == .unauthorized)
            }
            // Each instance now holds the sixth attempt back, with the right password too.
            for client in [first, second] {
                let throttled = try await PageBrowser(client).login(account)
                #expect(throttled.status == .tooManyRequests)
                #expect(throttled.headers[.retryAfter] == "2")
            }
            clock.advance(2)
            #expect(try await PageBrowser(second).login(account, password: "wrong-again").status == .unauthorized)
            #expect(try await PageBrowser(first).login(account).headers[.retryAfter] == "4")
            clock.advance(4)
            // A success on one instance clears the account on both.
            #expect(try await PageBrowser(first).login(account).status == .seeOther)
            #expect(try await PageBrowser(second).login(account, password: "wrong-password").status == .unauthorized)
            #expect(try await PageBrowser(second).login(account).status == .seeOther)
        }
    }

    @Test(arguments: TestBackend.available)
    func aRestartedServerRemembersTheCounts(backend: TestBackend) async throws {
        let clock = TestClock(WebWorld.now)
        try await withSeededStore(backend) { store async throws in
            let world = try await WebWorld.make(store, password: WebWorld.password)
            let limits = ClientLimits(clock: clock.read)
            try await buildApplication(securityConfiguration(store, clients: limits)).trackedTest(.router) { client async throws in
                for _ in 1...5 {
                    #expect(try await PageBrowser(client).login(world.email("partner"), password: "wrong-password").status == .unauthorized)
                }
            }
            // The first instance is gone; a new one starts on the same database.
            try await buildApplication(securityConfiguration(store, clients: limits)).trackedTest(.router) { client async throws in
                let throttled = try await PageBrowser(client).login(world.email("partner"))
                #expect(throttled.status == .tooManyRequests)
                #expect(throttled.headers[.retryAfter] == "2")
            }
        }
    }

    /// Fifty failures at once, half through each of two connection pools on one database: fifty
    /// counted for the account and for the address, none lost to a read-then-write race. On SQLite
    /// the two pools take turns at the one write lock, and a writer that waited out the busy timeout
    /// is told the store is busy with nothing written (as during an import); it tries again, as a
    /// client answered 503 would.
    @Test(arguments: TestBackend.available)
    func concurrentFailuresAreCountedExactly(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let policy = LoginThrottlePolicy(freeFailuresPerAccount: 1_000, freeFailuresPerAddress: 1_000)
            let now = WebWorld.now
            try await Database.withOpen(store.database.location, logger: TestBackend.logger) { other in
                let stores = [LoginThrottleStore(database: store.database, policy: policy), LoginThrottleStore(database: other, policy: policy)]
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<50 {
                        group.addTask {
                            for attempt in 1...20 {
                                do {
                                    return try await stores[index % 2].recordFailure(account: "Many@Example.org", address: "203.0.113.9", now: now)
                                } catch StoreError.busy where attempt < 20 {
                                    continue
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let rows = try await store.database.sql.raw("SELECT kind, key, failures FROM login_failures ORDER BY kind").all()
            let counted = try rows.map { "\(try $0.decode(column: "kind", as: String.self)) \(try $0.decode(column: "key", as: String.self)) \(try $0.decode(column: "failures", as: Int.self))" }
            let key = try await ReferralStore(database: store.database).pseudonymKey()
            #expect(counted == ["account \(LoginThrottleStore.stored(.account, "many@example.org", key: key)) 50",
                                "address \(LoginThrottleStore.stored(.address, "203.0.113.9", key: key)) 50"])
            // And the fiftieth failure set the wait a count of fifty sets, on the defaults: the longest.
            let strict = LoginThrottleStore(database: store.database, policy: LoginThrottlePolicy())
            try await strict.recordFailure(account: "many@example.org", address: "198.51.100.1", now: now)
            #expect(try await strict.wait(account: "many@example.org", address: "198.51.100.2", now: now) == 15 * 60)
        }
    }

    /// The doubling table written in SQL agrees with `LoginThrottlePolicy.delay` count by count, and
    /// counts forgotten a day after the last failure are swept.
    @Test(arguments: TestBackend.available)
    func theStoredWaitsFollowThePolicyAndOldCountsAreSwept(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let policy = LoginThrottlePolicy()
            let throttle = LoginThrottleStore(database: store.database, policy: policy)
            let start = WebWorld.now
            for failures in 1...14 {
                try await throttle.recordFailure(account: "a@example.org", address: "a\(failures)", now: start)
                let expected = policy.delay(afterFailures: failures, free: policy.freeFailuresPerAccount)
                #expect(try await throttle.wait(account: "a@example.org", address: "elsewhere", now: start) == (expected > 0 ? expected : nil),
                        "after \(failures) failures")
            }
            #expect(try await throttle.count() == 15)
            // A day after the last failure every count is forgotten, and swept.
            try await throttle.forgetOld(now: start.addingTimeInterval(policy.forgetAfter - 1))
            #expect(try await throttle.count() == 15)
            try await throttle.forgetOld(now: start.addingTimeInterval(policy.forgetAfter))
            #expect(try await throttle.count() == 0)
        }
    }

    /// The table holds no email and no address: each row is under a keyed hash (as tokens are
    /// stored hashed), the same whatever case or spaces the email was typed with, and it throttles
    /// as before. A row left in plain text by an older version is swept.
    @Test(arguments: TestBackend.available)
    func theTableHoldsNoEmailAndNoAddress(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let policy = LoginThrottlePolicy(freeFailuresPerAccount: 2)
            let throttle = LoginThrottleStore(database: store.database, policy: policy)
            let now = WebWorld.now
            try await throttle.recordFailure(account: "Maria.Lopez@School.example", address: "203.0.113.77", now: now)
            try await throttle.recordFailure(account: "  maria.lopez@school.example ", address: "203.0.113.77", now: now)
            #expect(try await throttle.wait(account: "MARIA.LOPEZ@school.example", address: "198.51.100.5", now: now) == policy.firstDelay)
            let rows = try await store.database.sql.raw("SELECT kind, key, failures FROM login_failures ORDER BY kind").all()
            let stored = try rows.map { (try $0.decode(column: "kind", as: String.self), try $0.decode(column: "key", as: String.self), try $0.decode(column: "failures", as: Int.self)) }
            #expect(stored.map(\.0) == ["account", "address"] && stored.map(\.2) == [2, 2])
            for (_, key, _) in stored {
                #expect(key.hasPrefix("lfh_") && key.count == 4 + 64, "\(key)")
                #expect(!key.lowercased().contains("maria") && !key.contains("school") && !key.contains("203.0.113"), "\(key)")
            }
            // Keyed with the installation's secret: what `stored` makes with it, nothing a reader could recompute without it.
            let key = try await ReferralStore(database: store.database).pseudonymKey()
            #expect(stored[0].1 == LoginThrottleStore.stored(.account, "maria.lopez@school.example", key: key))
            // A success clears the account's count, found by the same hash.
            try await throttle.recordSuccess(account: "maria.lopez@school.example")
            #expect(try await throttle.count() == 1)

            // A row an older version wrote in plain text is swept with the forgotten counts.
            try await store.database.sql.raw("""
                INSERT INTO login_failures (kind, key, failures, last_failure_ms, wait_until_ms) VALUES ('account', 'old@school.example', 1, \(bind: LoginThrottleStore.milliseconds(now)), 0)
                """).run()
            try await throttle.forgetOld(now: now)
            let left = try await store.database.sql.raw("SELECT key FROM login_failures").all().map { try $0.decode(column: "key", as: String.self) }
            #expect(left.count == 1 && left.allSatisfy { $0.hasPrefix("lfh_") })
        }
    }
}
