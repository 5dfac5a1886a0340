import Directory
import Foundation
import Referrals
import SQLKit
import Testing
import TestSupport

@testable import Storage

/// Browser sessions: looked up by the cookie's token, ended at logout or expiry, swept when stale.
@Suite("Session store")
struct SessionStoreTests {
    static let now = ReferralFixture.now

    @Test(arguments: TestBackend.available)
    func aStartedSessionIsFoundByItsTokenUntilItExpires(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let sessions = SessionStore(database: fixture.store.database)
            let coordinator = fixture.user(.coordinator)
            let (token, session) = try await sessions.start(userID: coordinator.id, lifetime: 8 * 3_600 + 0.5, now: Self.now.addingTimeInterval(0.4))
            let expires = Self.now.addingTimeInterval(8 * 3_600)
            #expect(session.user == coordinator)
            #expect(session.expiresAt == expires)
            #expect(token.hasPrefix("cls_") && token.count == 4 + 64)
            #expect(session.csrfToken.count == 64 && session.csrfToken.allSatisfy(\.isHexDigit) && !token.contains(session.csrfToken))

            #expect(try await sessions.session(token: token, now: Self.now) == session)
            #expect(try await sessions.session(token: token, now: expires.addingTimeInterval(-1)) == session)
            #expect(try await sessions.session(token: token, now: expires) == nil)
            #expect(try await sessions.session(token: "cls_" + String(repeating: "a", count: 64), now: Self.now) == nil)
            #expect(try await sessions.session(token: fixture.token(.coordinator), now: Self.now) == nil)

            let stored = try await fixture.store.database.sql.select().column("token_hash").from("web_sessions").all()
                .map { try $0.decode(column: "token_hash", as: String.self) }
            #expect(stored == [TokenHash.hash(token)])
        }
    }

    @Test(arguments: TestBackend.available)
    func loggingOutEndsOnlyThatSession(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let sessions = SessionStore(database: fixture.store.database)
            let partner = fixture.user(.partner)
            let (laptop, first) = try await sessions.start(userID: partner.id, lifetime: 3_600, now: Self.now)
            let (phone, second) = try await sessions.start(userID: partner.id, lifetime: 3_600, now: Self.now)
            #expect(laptop != phone && first.csrfToken != second.csrfToken)
            #expect(try await sessions.count() == 2)
            try await sessions.end(token: laptop)
            #expect(try await sessions.session(token: laptop, now: Self.now) == nil)
            #expect(try await sessions.session(token: phone, now: Self.now) == second)
            #expect(try await sessions.count() == 1)
            // Ending an unknown or already ended session is not an error and changes nothing.
            try await sessions.end(token: laptop)
            #expect(try await sessions.count() == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func startingASessionSweepsTheExpiredOnes(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let sessions = SessionStore(database: fixture.store.database)
            let (coordinator, admin) = (fixture.user(.coordinator), fixture.user(.admin))
            let (short, _) = try await sessions.start(userID: coordinator.id, lifetime: 60, now: Self.now)
            let (long, _) = try await sessions.start(userID: coordinator.id, lifetime: 7_200, now: Self.now)
            #expect(try await sessions.count() == 2)
            // At exactly its expiry the short session is over, and the next start removes its row.
            let (later, _) = try await sessions.start(userID: admin.id, lifetime: 60, now: Self.now.addingTimeInterval(60))
            #expect(try await sessions.count() == 2)
            #expect(try await sessions.session(token: short, now: Self.now) == nil)
            #expect(try await sessions.session(token: long, now: Self.now.addingTimeInterval(60))?.user == coordinator)
            #expect(try await sessions.session(token: later, now: Self.now.addingTimeInterval(60))?.user == admin)
        }
    }

    @Test(arguments: TestBackend.available)
    func aSessionCannotStartForAnUnknownUser(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let sessions = SessionStore(database: fixture.store.database)
            await #expect(throws: StoreError.integrity("no user with id usr_missing to start a session for")) {
                _ = try await sessions.start(userID: "usr_missing", lifetime: 3_600, now: Self.now)
            }
            #expect(try await sessions.count() == 0)
        }
    }
}
