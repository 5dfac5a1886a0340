import Foundation
import Referrals
import SQLKit
import Testing
import TestSupport

@testable import Storage

/// Taking access back in the store, on both engines: disabling (sessions end, tokens refused,
/// password refused), token ids, revocation, rotation, password resets, and their audit lines.
@Suite("Account store: revoking access")
struct AccountRevocationTests {
    static let now = ReferralFixture.now
    static let password = "correct horse battery"

    /// A coordinator with a password, two browser sessions and a second token.
    struct Signed {
        let user: User
        let token: String
        let sessions: [String]
    }

    static func signedIn(_ fixture: ReferralFixture) async throws -> Signed {
        let (user, token) = try await fixture.accounts.addUser(
            email: "ana@example.org", role: .coordinator, schoolIDs: [ReferralFixture.schoolID], password: password)
        let store = SessionStore(database: fixture.store.database)
        var sessions: [String] = []
        for _ in 0..<2 { sessions.append(try await store.start(userID: user.id, lifetime: 8 * 3_600, now: now).token) }
        return Signed(user: user, token: token, sessions: sessions)
    }

    static func actions(_ fixture: ReferralFixture) async throws -> [String] {
        try await fixture.referrals.auditLog(by: fixture.user(.admin)).map(\.action)
    }

    @Test(arguments: TestBackend.available)
    func disablingEndsSessionsAndRefusesTokensAndPasswordUntilEnabled(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let signed = try await Self.signedIn(fixture)
            let sessions = SessionStore(database: fixture.store.database)
            let otherSession = try await sessions.start(userID: fixture.user(.partner).id, lifetime: 3_600, now: Self.now).token
            #expect(try await sessions.session(token: signed.sessions[0], now: Self.now)?.user == signed.user)
            let admin = fixture.user(.admin)

            let change = try await accounts.setDisabled(true, userID: signed.user.id, by: admin, now: Self.now)
            #expect(change.changed && change.sessionsEnded == 2)
            #expect(change.account.disabledAt == Self.now)
            #expect(try await accounts.check(token: signed.token, now: Self.now) == .userDisabled)
            #expect(try await accounts.user(forToken: signed.token, now: Self.now) == nil)
            for token in signed.sessions { #expect(try await sessions.session(token: token, now: Self.now) == nil) }
            #expect(try await sessions.session(token: otherSession, now: Self.now)?.user == fixture.user(.partner))
            #expect(try await accounts.verifyPassword(email: "ana@example.org", password: Self.password) == nil)
            #expect(try await accounts.user(id: signed.user.id) == nil)
            #expect(try await accounts.account(id: signed.user.id)?.isDisabled == true)
            // A session started anyway (a sign-in racing the disable) does not resolve to the user.
            let late = try? await sessions.start(userID: signed.user.id, lifetime: 3_600, now: Self.now)
            if let late { #expect(try await sessions.session(token: late.token, now: Self.now) == nil) }

            let again = try await accounts.setDisabled(true, userID: signed.user.id, by: admin, now: Self.now.addingTimeInterval(60))
            #expect(!again.changed && again.account.disabledAt == Self.now)

            let enabled = try await accounts.setDisabled(false, userID: signed.user.id, by: admin, now: Self.now.addingTimeInterval(120))
            #expect(enabled.changed && enabled.account.disabledAt == nil)
            #expect(try await accounts.check(token: signed.token, now: Self.now) == .valid(signed.user))
            #expect(try await accounts.verifyPassword(email: "ana@example.org", password: Self.password) == signed.user)
            // Sessions do not come back.
            for token in signed.sessions { #expect(try await sessions.session(token: token, now: Self.now) == nil) }
            #expect(try await Self.actions(fixture).filter { $0.hasPrefix("user.") } == ["user.disable", "user.enable"])
            let line = try #require(try await fixture.referrals.auditLog(by: admin).first { $0.action == "user.disable" })
            #expect(line.actorID == admin.id && line.role == "admin" && line.detail.contains(signed.user.id))
        }
    }

    @Test(arguments: TestBackend.available)
    func aTokenCheckSaysWhyATokenDoesNotSignIn(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let partner = fixture.user(.partner)
            let expires = Self.now.addingTimeInterval(3_600)
            let expiring = try await accounts.issueToken(userID: partner.id, expiresAt: expires)
            #expect(try await accounts.check(token: expiring, now: Self.now) == .valid(partner))
            #expect(try await accounts.check(token: expiring, now: expires) == .expired(at: expires))
            #expect(try await accounts.check(token: "clt_" + String(repeating: "0", count: 64), now: Self.now) == .unknown)
            #expect(try await accounts.check(token: "", now: Self.now) == .unknown)

            let info = try #require(try await accounts.tokens(ofUser: partner.id).first { $0.prefix == TokenHash.prefix(of: fixture.token(.partner)) })
            let revoked = try await accounts.revokeTokens(ids: [info.id], ofUser: partner.id, by: fixture.user(.admin), now: Self.now)
            #expect(revoked.map(\.id) == [info.id] && revoked[0].revokedAt == Self.now)
            #expect(try await accounts.check(token: fixture.token(.partner), now: Self.now) == .revoked(at: Self.now))
            // Revoking again revokes nothing and writes no second line.
            #expect(try await accounts.revokeTokens(ids: [info.id], ofUser: partner.id, by: fixture.user(.admin), now: Self.now).isEmpty)
            #expect(try await Self.actions(fixture).filter { $0 == "token.revoke" }.count == 1)
            // The other token is untouched.
            #expect(try await accounts.check(token: expiring, now: Self.now) == .valid(partner))
        }
    }

    /// The token, its user and the user's schools are one read (one row per school): a user of two
    /// schools signs in with both, in order, and a revocation or a disable counts at the very next
    /// check (nothing is remembered between requests).
    @Test(arguments: TestBackend.available)
    func aTokenCheckReadsEverySchoolAndSeesARevocationAtTheNextCheck(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let admin = fixture.user(.admin)
            let (user, token) = try await accounts.addUser(
                email: "two-schools@example.org", role: .coordinator, schoolIDs: [ReferralFixture.otherSchoolID, ReferralFixture.schoolID])
            #expect(user.schoolIDs == [ReferralFixture.schoolID, ReferralFixture.otherSchoolID].sorted())
            #expect(try await accounts.check(token: token, now: Self.now) == .valid(user))
            #expect(try await accounts.check(token: fixture.token(.partner), now: Self.now) == .valid(fixture.user(.partner)))

            _ = try await accounts.setDisabled(true, userID: user.id, by: admin, now: Self.now)
            #expect(try await accounts.check(token: token, now: Self.now) == .userDisabled)
            _ = try await accounts.setDisabled(false, userID: user.id, by: admin, now: Self.now)
            #expect(try await accounts.check(token: token, now: Self.now) == .valid(user))

            let info = try #require(try await accounts.tokens(ofUser: user.id).first)
            _ = try await accounts.revokeTokens(ids: [info.id], ofUser: user.id, by: admin, now: Self.now)
            #expect(try await accounts.check(token: token, now: Self.now) == .revoked(at: Self.now))
        }
    }

    @Test(arguments: TestBackend.available)
    func tokensHaveIdsPrefixesAndExpiriesAndARotationRevokesTheOthers(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let partner = fixture.user(.partner)
            let admin = fixture.user(.admin)
            let first = try await accounts.issueToken(userID: partner.id, expiresAt: Self.now.addingTimeInterval(86_400), by: admin, now: Self.now)
            #expect(first.info.id.hasPrefix("tok_") && first.info.prefix == String(first.token.prefix(12)) && first.revoked.isEmpty)
            #expect(first.info.expiresAt == Self.now.addingTimeInterval(86_400) && first.info.createdAt == Self.now)
            let listed = try await accounts.tokens(ofUser: partner.id)
            #expect(listed.count == 2 && listed.contains(first.info))

            let later = Self.now.addingTimeInterval(60)
            let rotated = try await accounts.issueToken(
                userID: partner.id, expiresAt: later.addingTimeInterval(90 * 86_400), revokingOthers: true, by: admin, now: later)
            #expect(Set(rotated.revoked.map(\.id)) == Set(listed.map(\.id)))
            #expect(try await accounts.check(token: first.token, now: later) == .revoked(at: later))
            #expect(try await accounts.check(token: fixture.token(.partner), now: later) == .revoked(at: later))
            #expect(try await accounts.check(token: rotated.token, now: later) == .valid(partner))
            let account = try #require(try await accounts.account(idOrEmail: " PARTNER@fixture.example.org"))
            #expect(account.activeTokens(at: later).map(\.id) == [rotated.info.id])
            #expect(account.soonestExpiry(at: later) == later.addingTimeInterval(90 * 86_400))
            let actions = try await Self.actions(fixture)
            #expect(actions.filter { $0 == "token.issue" }.count == 1 && actions.filter { $0 == "token.rotate" }.count == 1)
            #expect(actions.filter { $0 == "token.revoke" }.count == 2)
        }
    }

    @Test(arguments: TestBackend.available)
    func aNewPasswordEndsTheOtherSessionsAndRecordsNoPassword(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let signed = try await Self.signedIn(fixture)
            let sessions = SessionStore(database: fixture.store.database)
            let ended = try await accounts.setPassword(
                "a new password 2", userID: signed.user.id, by: signed.user, keepingSessionToken: signed.sessions[1], generated: false, now: Self.now)
            #expect(ended == 1)
            #expect(try await sessions.session(token: signed.sessions[0], now: Self.now) == nil)
            #expect(try await sessions.session(token: signed.sessions[1], now: Self.now)?.user == signed.user)
            #expect(try await accounts.verifyPassword(email: "ana@example.org", password: Self.password) == nil)
            #expect(try await accounts.verifyPassword(email: "ana@example.org", password: "a new password 2") == signed.user)
            await #expect(throws: AccountError.weakPassword("passwords need at least 10 characters")) {
                try await accounts.setPassword("short", userID: signed.user.id, by: signed.user, generated: false, now: Self.now)
            }
            await #expect(throws: AccountError.unknownUser("usr_missing")) {
                try await accounts.setPassword("long enough 123", userID: "usr_missing", by: signed.user, generated: false, now: Self.now)
            }
            let line = try #require(try await fixture.referrals.auditLog(by: fixture.user(.admin)).first { $0.action == "user.password_reset" })
            #expect(line.detail.contains("typed") && !line.detail.contains("a new password 2"))
        }
    }

    @Test(arguments: TestBackend.available)
    func aSignInIsKeptAsTheLastLogin(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let signed = try await Self.signedIn(fixture)
            #expect(try await fixture.accounts.account(id: signed.user.id)?.lastLoginAt == nil)
            _ = try await fixture.accounts.verifyPassword(email: "ana@example.org", password: "wrong password!", now: Self.now)
            #expect(try await fixture.accounts.account(id: signed.user.id)?.lastLoginAt == nil)
            _ = try await fixture.accounts.verifyPassword(email: "ana@example.org", password: Self.password, now: Self.now)
            #expect(try await fixture.accounts.account(id: signed.user.id)?.lastLoginAt == Self.now)
            let all = try await fixture.accounts.accounts()
            #expect(all.map(\.user.email) == all.map(\.user.email).sorted())
            #expect(all.count == ReferralFixture.Person.allCases.count + 1)
            #expect(all.first { $0.user.id == signed.user.id }?.user.schoolIDs == [ReferralFixture.schoolID])
        }
    }

    /// Tokens issued before the migration get an id from their hash, so each can still be revoked.
    @Test(arguments: TestBackend.available)
    func theMigrationGivesOlderTokensAnID(backend: TestBackend) async throws {
        try await withFreshStore(backend, migrating: false) { store async throws in
            let database = store.database
            let before = try #require(Database.schemaVersions.firstIndex(of: 14)).advanced(by: -1)
            _ = try await database.migrate(through: Database.schemaVersions[before])
            let sql = database.sql
            try await sql.insert(into: "users").columns("id", "email", "role", "created_at")
                .values(SQLBind("usr_old"), SQLBind("old@example.org"), SQLBind("district"), SQLBind(1_700_000_000)).run()
            let token = TokenHash.newToken()
            try await sql.insert(into: "api_tokens").columns("token_hash", "user_id", "created_at")
                .values(SQLBind(TokenHash.hash(token)), SQLBind("usr_old"), SQLBind(1_700_000_000)).run()
            _ = try await database.migrate()

            let accounts = AccountStore(database: database)
            let tokens = try await accounts.tokens(ofUser: "usr_old")
            #expect(tokens.map(\.id) == ["tok_" + TokenHash.hash(token).prefix(20)])
            #expect(tokens.first?.prefix == nil && tokens.first?.expiresAt == nil)
            #expect(try await accounts.account(id: "usr_old")?.isDisabled == false)
            #expect(try await accounts.check(token: token, now: Self.now).user?.id == "usr_old")
            let admin = User(id: "cli", email: "cli@localhost", role: .admin)
            #expect(try await accounts.revokeTokens(ids: [tokens[0].id], ofUser: "usr_old", by: admin, now: Self.now).count == 1)
            #expect(try await accounts.check(token: token, now: Self.now) == .revoked(at: Self.now))
        }
    }
}
