import Foundation
import Referrals
import Storage
import Testing
import TestSupport
import Workflows

/// The account rules (pure) and the `AccountAdministration` use case on both engines: who may
/// disable whom, default expiry, naming tokens, password resets, audit.
@Suite("Accounts: rules and administration")
struct AccountsAdministrationTests {
    static let now = ReferralFixture.now

    // MARK: rules, no database

    @Test func aTokenExpiresAfterTheGivenDaysElseTheDistrictsElseNinety() throws {
        #expect(try AccountRules.tokenExpiry(days: nil, districtDefault: nil, now: Self.now) == Self.now.addingTimeInterval(90 * 86_400))
        #expect(try AccountRules.tokenExpiry(days: nil, districtDefault: 30, now: Self.now) == Self.now.addingTimeInterval(30 * 86_400))
        #expect(try AccountRules.tokenExpiry(days: 7, districtDefault: 30, now: Self.now) == Self.now.addingTimeInterval(7 * 86_400))
        #expect(throws: AccountRefusal.invalidTokenDays(0)) { try AccountRules.tokenExpiry(days: 0, districtDefault: nil, now: Self.now) }
        #expect(throws: AccountRefusal.invalidTokenDays(3651)) { try AccountRules.tokenExpiry(days: 3651, districtDefault: nil, now: Self.now) }
    }

    static func token(_ id: String, _ prefix: String?, expires: Date? = nil, revoked: Date? = nil) -> APIToken {
        APIToken(id: id, userID: "usr_a", prefix: prefix, createdAt: now, expiresAt: expires, revokedAt: revoked)
    }

    @Test func aTokenIsNamedByItsIdItsPrefixOrItsWholeText() throws {
        let a = Self.token("tok_a", "clt_1a2b3c4d"), b = Self.token("tok_b", "clt_1a2b9999")
        let old = Self.token("tok_old", nil), gone = Self.token("tok_gone", "clt_77777777", revoked: Self.now)
        let expired = Self.token("tok_exp", "clt_88888888", expires: Self.now)
        let all = [a, b, old, gone, expired]
        func named(_ key: String) throws(AccountRefusal) -> String { try AccountRules.token(named: key, among: all, user: "a@x", now: Self.now).id }
        #expect(try named("tok_a") == "tok_a")
        #expect(try named("tok_old") == "tok_old")
        #expect(try named("clt_1a2b3c") == "tok_a")
        #expect(try named("clt_1a2b3c4d") == "tok_a")
        #expect(try named("clt_1a2b3c4d" + String(repeating: "e", count: 56)) == "tok_a")
        #expect(throws: AccountRefusal.ambiguousToken(key: "clt_1a2b", ids: ["tok_a", "tok_b"])) { try named("clt_1a2b") }
        #expect(throws: AccountRefusal.unknownToken(user: "a@x", key: "clt_1a2")) { try named("clt_1a2") }  // too short to name one
        #expect(throws: AccountRefusal.unknownToken(user: "a@x", key: "tok_zzz")) { try named("tok_zzz") }
        #expect(throws: AccountRefusal.tokenNotActive(id: "tok_gone")) { try named("clt_7777") }
        #expect(throws: AccountRefusal.tokenNotActive(id: "tok_exp")) { try named("tok_exp") }
    }

    static func account(_ id: String, _ role: Role, disabled: Bool = false) -> Account {
        Account(user: User(id: id, email: "\(id)@x", role: role), createdAt: now, disabledAt: disabled ? now : nil, lastLoginAt: nil, tokens: [])
    }

    @Test func onlyAnAdminDisablesNeverThemselvesNorTheLastAdmin() {
        let admin = User(id: "adm", email: "adm@x", role: .admin)
        let coordinator = Self.account("co", .coordinator)
        #expect(AccountRules.disableRefusal(DisableFacts(target: coordinator, enabledAdmins: 1), by: admin) == nil)
        for role in [Role.coordinator, .partner, .district] {
            #expect(AccountRules.disableRefusal(DisableFacts(target: Self.account("x", .partner), enabledAdmins: 2),
                                                by: User(id: "u", email: "u@x", role: role)) == .notAnAdministrator)
        }
        #expect(AccountRules.disableRefusal(DisableFacts(target: Self.account("adm", .admin), enabledAdmins: 2), by: admin) == .cannotDisableYourself)
        #expect(AccountRules.disableRefusal(DisableFacts(target: Self.account("adm2", .admin), enabledAdmins: 2), by: admin) == nil)
        #expect(AccountRules.disableRefusal(DisableFacts(target: Self.account("adm2", .admin), enabledAdmins: 1), by: admin)
                == .lastAdministrator("adm2@x"))
    }

    @Test func aGeneratedPasswordIsLongReadableAndNewEachTime() {
        let passwords = (0..<50).map { _ in AccountRules.generatedPassword() }
        #expect(Set(passwords).count == 50)
        for password in passwords {
            #expect(password.count == 19 && password.split(separator: "-").map(\.count) == [4, 4, 4, 4])
            #expect(!password.contains { "0O1lI".contains($0) })
        }
    }

    // MARK: the use case, both engines

    @Test(arguments: TestBackend.available)
    func newTokensExpireByDefaultAndTheDistrictCanChangeTheDefault(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let administration = AccountAdministration(accounts: fixture.accounts)
            let admin = fixture.user(.admin)
            let added = try await administration.addUser(
                email: "new@example.org", role: .district, organizationID: nil, schoolIDs: [], password: nil, tokenDays: nil, by: admin, now: Self.now)
            #expect(added.expiresAt == Self.now.addingTimeInterval(90 * 86_400))
            let stored = try #require(try await fixture.accounts.tokens(ofUser: added.user.id).first)
            // Whole seconds, as the store keeps time.
            #expect(stored.expiresAt.map { abs($0.timeIntervalSince(added.expiresAt)) < 1 } == true)

            try await administration.setDefaultTokenDays(14, by: admin)
            #expect(try await administration.defaultTokenDays() == 14)
            let issued = try await administration.issueToken(for: "new@example.org", days: nil, rotating: false, by: admin, now: Self.now)
            #expect(issued.info.expiresAt == Self.now.addingTimeInterval(14 * 86_400))
            let explicit = try await administration.issueToken(for: added.user.id, days: 2, rotating: false, by: admin, now: Self.now)
            #expect(explicit.info.expiresAt == Self.now.addingTimeInterval(2 * 86_400))
            await #expect(throws: AccountRefusal.invalidTokenDays(0)) { try await administration.setDefaultTokenDays(0, by: admin) }
            await #expect(throws: AccountRefusal.notAnAdministrator) {
                try await administration.setDefaultTokenDays(30, by: fixture.user(.district))
            }
            await #expect(throws: AccountRefusal.invalid("a user with email new@example.org already exists")) {
                try await administration.addUser(email: "NEW@example.org", role: .district, organizationID: nil, schoolIDs: [],
                                                 password: nil, tokenDays: nil, by: admin, now: Self.now)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func whoMayDisableWhom(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let administration = AccountAdministration(accounts: fixture.accounts)
            let admin = fixture.user(.admin)
            for person in [ReferralFixture.Person.coordinator, .partner, .district] {
                await #expect(throws: AccountRefusal.notAnAdministrator) {
                    try await administration.disable(fixture.user(.otherPartner).id, by: fixture.user(person), now: Self.now)
                }
                await #expect(throws: AccountRefusal.notAnAdministrator) { try await administration.list(by: fixture.user(person)) }
            }
            await #expect(throws: AccountRefusal.unknownUser("nobody@example.org")) {
                try await administration.disable("nobody@example.org", by: admin, now: Self.now)
            }
            await #expect(throws: AccountRefusal.cannotDisableYourself) { try await administration.disable(admin.id, by: admin, now: Self.now) }
            // The CLI's operator is an admin without an account: the only admin account is the last one.
            let operatorUser = User(id: "cli", email: "cli@localhost", role: .admin)
            await #expect(throws: AccountRefusal.lastAdministrator(admin.email)) {
                try await administration.disable(admin.email, by: operatorUser, now: Self.now)
            }
            let second = try await fixture.accounts.addUser(email: "second-admin@example.org", role: .admin).user
            let change = try await administration.disable(admin.email, by: second, now: Self.now)
            #expect(change.changed && change.account.isDisabled)
            await #expect(throws: AccountRefusal.lastAdministrator(second.email)) {
                try await administration.disable(second.id, by: operatorUser, now: Self.now)
            }
            await #expect(throws: AccountRefusal.userDisabled(admin.email)) {
                try await administration.issueToken(for: admin.id, days: nil, rotating: true, by: second, now: Self.now)
            }
            #expect(try await administration.enable(admin.id, by: second, now: Self.now).changed)
            #expect(try await administration.disable(fixture.user(.partner).email, by: admin, now: Self.now).changed)
            let audited = try await fixture.referrals.auditLog(by: admin).filter { $0.action.hasPrefix("user.") }
            #expect(audited.map(\.action) == ["user.disable", "user.enable", "user.disable"])
            #expect(audited.map(\.actorID) == [second.id, second.id, admin.id])
        }
    }

    /// Two admins disabling each other at the same moment: the rule is read in the transaction that
    /// writes (under a lock on PostgreSQL), so exactly one of them wins and an admin remains. Twenty
    /// rounds, each between the survivor of the last and a new admin, to give the race its chance.
    @Test(arguments: TestBackend.available)
    func twoAdminsDisablingEachOtherAtOnceLeaveOne(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let administration = AccountAdministration(accounts: fixture.accounts)
            var survivor = fixture.user(.admin)
            for round in 0..<20 {
                let newcomer = try await fixture.accounts.addUser(email: "admin-\(round)@example.org", role: .admin).user
                let (first, second) = (survivor, newcomer)
                async let a = Self.attempt { try await administration.disable(second.id, by: first, now: Self.now) }
                async let b = Self.attempt { try await administration.disable(first.id, by: second, now: Self.now) }
                let results = await [a, b]
                let refusals = results.compactMap { result -> AccountRefusal? in
                    if case .failure(let error) = result { return error as? AccountRefusal } else { return nil }
                }
                #expect(refusals.map(\.code) == ["last_administrator"], "round \(round)")
                let admins = try await fixture.accounts.accounts().filter { $0.user.role == .admin && !$0.isDisabled }
                try #require(admins.count == 1, "round \(round): \(admins.map(\.user.email))")
                survivor = admins[0].user
            }
        }
    }

    static func attempt<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    @Test(arguments: TestBackend.available)
    func aPasswordResetIsGeneratedOrTypedTwiceAndEndsTheOtherSessions(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let administration = AccountAdministration(accounts: fixture.accounts)
            let admin = fixture.user(.admin)
            let user = try await fixture.accounts.addUser(
                email: "ana@example.org", role: .coordinator, schoolIDs: [ReferralFixture.schoolID], password: "first password 1").user
            let sessions = SessionStore(database: fixture.store.database)
            let session = try await sessions.start(userID: user.id, lifetime: 3_600, now: Self.now).token

            let reset = try await administration.resetPassword(of: user.email, to: .generate, by: admin, now: Self.now)
            let generated = try #require(reset.generated)
            #expect(reset.sessionsEnded == 1)
            #expect(try await sessions.session(token: session, now: Self.now) == nil)
            #expect(try await fixture.accounts.verifyPassword(email: user.email, password: generated) == user)
            #expect(try await fixture.accounts.verifyPassword(email: user.email, password: "first password 1") == nil)

            await #expect(throws: AccountRefusal.passwordsDiffer) {
                try await administration.resetPassword(of: user.id, to: .typed("typed password 1", confirmation: "typed password 2"), by: admin, now: Self.now)
            }
            await #expect(throws: AccountRefusal.invalid("passwords need at least 10 characters")) {
                try await administration.resetPassword(of: user.id, to: .typed("short", confirmation: "short"), by: admin, now: Self.now)
            }
            await #expect(throws: AccountRefusal.notAnAdministrator) {
                try await administration.resetPassword(of: user.id, to: .generate, by: fixture.user(.coordinator), now: Self.now)
            }
            let typed = try await administration.resetPassword(
                of: user.id, to: .typed("typed password 1", confirmation: "typed password 1"), by: admin, now: Self.now)
            #expect(typed.generated == nil)
            #expect(try await fixture.accounts.verifyPassword(email: user.email, password: "typed password 1") == user)
            let lines = try await fixture.referrals.auditLog(by: admin).filter { $0.action == "user.password_reset" }
            #expect(lines.count == 2 && lines.allSatisfy { !$0.detail.contains(generated) && !$0.detail.contains("typed password 1") })
        }
    }

    @Test(arguments: TestBackend.available)
    func tokensAreRevokedOneByIdOrPrefixOrAll(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let administration = AccountAdministration(accounts: fixture.accounts)
            let admin = fixture.user(.admin)
            let partner = fixture.user(.partner)
            let second = try await administration.issueToken(for: partner.id, days: 30, rotating: false, by: admin, now: Self.now)
            let third = try await administration.issueToken(for: partner.id, days: 30, rotating: false, by: admin, now: Self.now)
            let byPrefix = try await administration.revokeToken(String(second.token.prefix(12)), of: partner.email, by: admin, now: Self.now)
            #expect(byPrefix.id == second.info.id)
            #expect(try await fixture.accounts.check(token: second.token, now: Self.now) == .revoked(at: Self.now))
            await #expect(throws: AccountRefusal.tokenNotActive(id: second.info.id)) {
                try await administration.revokeToken(second.info.id, of: partner.id, by: admin, now: Self.now)
            }
            let rest = try await administration.revokeAllTokens(of: partner.id, by: admin, now: Self.now)
            #expect(Set(rest.map(\.id)).count == 2 && rest.contains { $0.id == third.info.id })
            #expect(try await fixture.accounts.user(forToken: fixture.token(.partner), now: Self.now) == nil)
            #expect(try await administration.revokeAllTokens(of: partner.id, by: admin, now: Self.now).isEmpty)
            #expect(try await fixture.referrals.auditLog(by: admin).filter { $0.action == "token.revoke" }.count == 3)
        }
    }
}
