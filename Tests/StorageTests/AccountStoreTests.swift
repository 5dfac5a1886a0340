import Directory
import Foundation
import Referrals
import SQLKit
import Testing
import TestSupport

@testable import Storage

/// Users, their scopes, passwords and API tokens, straight through `AccountStore` on both engines.
@Suite("Account store")
struct AccountStoreTests {
    static let now = ReferralFixture.now

    @Test(arguments: TestBackend.available)
    func aNewUserReadsBackWithANormalizedEmailAndSortedSchools(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let (user, token) = try await accounts.addUser(
                email: "  Ana.Diaz@Cedar-Valley.K12.IA.US ", role: .coordinator,
                schoolIDs: [ReferralFixture.schoolID, ReferralFixture.otherSchoolID])
            #expect(user == User(id: user.id, email: "ana.diaz@cedar-valley.k12.ia.us", role: .coordinator, organizationID: nil,
                                 schoolIDs: [ReferralFixture.otherSchoolID, ReferralFixture.schoolID].sorted()))
            #expect(user.id.hasPrefix("usr_"))
            #expect(try await accounts.user(id: user.id) == user)
            #expect(try await accounts.user(email: "ANA.DIAZ@cedar-valley.k12.ia.us") == user)
            #expect(try await accounts.user(forToken: token, now: Self.now) == user)
            #expect(try await accounts.user(id: "usr_missing") == nil)
            #expect(try await accounts.user(email: "nobody@cedar-valley.k12.ia.us") == nil)

            let partner = try await accounts.addUser(email: "intake@familycounseling.example.org", role: .partner,
                                                     organizationID: ReferralFixture.organizationID).user
            #expect(try await accounts.user(id: partner.id) == User(id: partner.id, email: "intake@familycounseling.example.org",
                                                                   role: .partner, organizationID: ReferralFixture.organizationID))
        }
    }

    @Test(arguments: TestBackend.available)
    func addingAUserIsRefusedWithTheReason(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            func add(_ email: String, _ role: Role, org: String? = nil, schools: [String] = [], password: String? = nil) async throws {
                _ = try await accounts.addUser(email: email, role: role, organizationID: org, schoolIDs: schools, password: password)
            }
            await #expect(throws: AccountError.invalidEmail("ana.diaz")) { try await add("Ana.Diaz", .admin) }
            await #expect(throws: AccountError.invalidEmail("@cedar-valley.org")) { try await add("@cedar-valley.org", .admin) }
            await #expect(throws: AccountError.invalidEmail("ana@")) { try await add("ana@", .admin) }
            await #expect(throws: AccountError.scopeMismatch("a partner belongs to exactly one organization (--org) and no school")) {
                try await add("p@example.org", .partner)
            }
            await #expect(throws: AccountError.scopeMismatch("a partner belongs to exactly one organization (--org) and no school")) {
                try await add("p@example.org", .partner, org: ReferralFixture.organizationID, schools: [ReferralFixture.schoolID])
            }
            await #expect(throws: AccountError.scopeMismatch("a coordinator needs at least one school (--school) and no organization")) {
                try await add("c@example.org", .coordinator)
            }
            await #expect(throws: AccountError.scopeMismatch("district users see the whole district; drop --org and --school")) {
                try await add("d@example.org", .district, schools: [ReferralFixture.schoolID])
            }
            await #expect(throws: AccountError.weakPassword("passwords need at least 10 characters")) {
                try await add("a@example.org", .admin, password: "123456789")
            }
            await #expect(throws: AccountError.unknownOrganization("fx-org-closed")) { try await add("p@example.org", .partner, org: "fx-org-closed") }
            await #expect(throws: AccountError.unknownSchool("sch-closed-1998")) {
                try await add("c@example.org", .coordinator, schools: [ReferralFixture.schoolID, "sch-closed-1998"])
            }
            await #expect(throws: AccountError.emailTaken("coordinator@fixture.example.org")) {
                try await add(" COORDINATOR@fixture.example.org", .coordinator, schools: [ReferralFixture.schoolID])
            }
            // Nothing was half-written: none of the refused addresses exists.
            for email in ["p@example.org", "c@example.org", "d@example.org", "a@example.org"] {
                #expect(try await accounts.user(email: email) == nil, "\(email)")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aPasswordIsCheckedAgainstItsBcryptHashOnly(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let user = try await accounts.addUser(email: "ana@example.org", role: .admin, password: "correct horse battery").user
            #expect(try await accounts.verifyPassword(email: "ana@example.org", password: "correct horse battery") == user)
            #expect(try await accounts.verifyPassword(email: "ANA@Example.org", password: "correct horse battery") == user)
            #expect(try await accounts.verifyPassword(email: "ana@example.org", password: "Correct horse battery") == nil)
            #expect(try await accounts.verifyPassword(email: "ana@example.org", password: "") == nil)
            #expect(try await accounts.verifyPassword(email: "nobody@example.org", password: "correct horse battery") == nil)
            // A user made without a password (API token only) cannot sign in with any.
            #expect(try await accounts.verifyPassword(email: "admin@fixture.example.org", password: "closeloop-decoy-password") == nil)

            let stored = try #require(try await fixture.store.database.sql.select().column("password_hash").from("users")
                .where("id", .equal, user.id).first()?.decode(column: "password_hash", as: String?.self))
            #expect(stored.hasPrefix("$2") && !stored.contains("correct horse"), "\(stored)")
        }
    }

    /// An address is stored trimmed and in lower case, so it is looked up the same way: a phone
    /// keyboard's autocomplete leaves a space after the address it fills in.
    @Test(arguments: TestBackend.available)
    func anEmailIsLookedUpNormalizedAsItWasStored(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let user = try await accounts.addUser(email: "Ana@Example.org", role: .admin, password: "correct horse battery").user
            #expect(try await accounts.verifyPassword(email: "ana@example.org ", password: "correct horse battery") == user)
            #expect(try await accounts.verifyPassword(email: "\tANA@example.org", password: "correct horse battery") == user)
            #expect(try await accounts.user(email: " ana@example.org ") == user)
        }
    }

    @Test func tokensAreHashedWithSHA256() {
        // FIPS 180-2 test vector.
        #expect(TokenHash.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let token = TokenHash.newToken()
        #expect(token.hasPrefix("clt_") && token.count == 4 + 64 && token.dropFirst(4).allSatisfy(\.isHexDigit))
        #expect(TokenHash.newToken() != token)
    }

    @Test(arguments: TestBackend.available)
    func onlyTheTokensHashIsStored(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let token = fixture.token(.partner)
            let rows = try await fixture.store.database.sql.select().columns("token_hash", "user_id").from("api_tokens")
                .where("user_id", .equal, fixture.user(.partner).id).all()
            #expect(try rows.map { try $0.decode(column: "token_hash", as: String.self) } == [TokenHash.hash(token)])
            let holdingToken = try await fixture.store.database.sql.select().column("token_hash").from("api_tokens")
                .where("token_hash", .equal, token).all()
            #expect(holdingToken.isEmpty)
            #expect(try await fixture.accounts.user(forToken: TokenHash.hash(token), now: Self.now) == nil)
            #expect(try await fixture.accounts.user(forToken: token, now: Self.now) == fixture.user(.partner))
            #expect(try await fixture.accounts.user(forToken: "clt_" + String(repeating: "0", count: 64), now: Self.now) == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func anIssuedTokenStopsWorkingAtItsExpiry(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let partner = fixture.user(.partner)
            let expires = Self.now.addingTimeInterval(3_600)
            let expiring = try await accounts.issueToken(userID: partner.id, expiresAt: expires)
            let lasting = try await accounts.issueToken(userID: partner.id)
            #expect(expiring != lasting && expiring != fixture.token(.partner))
            #expect(try await accounts.user(forToken: expiring, now: expires.addingTimeInterval(-1)) == partner)
            #expect(try await accounts.user(forToken: expiring, now: expires) == nil)
            #expect(try await accounts.user(forToken: expiring, now: expires.addingTimeInterval(86_400)) == nil)
            #expect(try await accounts.user(forToken: lasting, now: expires.addingTimeInterval(10 * 365 * 86_400)) == partner)
            // The token made with the user keeps working.
            #expect(try await accounts.user(forToken: fixture.token(.partner), now: expires) == partner)
        }
    }
}
