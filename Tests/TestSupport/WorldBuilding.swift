import Directory
import Foundation
import Referrals
import Storage

// The steps every test world takes to fill a store — accounts of each role, students with a
// family's consent, referrals sent and answered — written once, so the worlds of the test targets
// (`ReferralFixture`, the reports' hand-worked district, the browser's baseline) only say what
// their world holds.

/// One account of a test world: the name tests call it by, its role and scope.
public struct TestAccount: Sendable {
    public let name: String
    public let role: Role
    public let organizationID: String?
    public let schoolIDs: [String]

    public init(_ name: String, _ role: Role, organization: String? = nil, schools: [String] = []) {
        self.name = name
        self.role = role
        self.organizationID = organization
        self.schoolIDs = schools
    }
}

extension AccountStore {
    /// Adds each account as `name@domain` (with `password`, when given, so it can sign in to the
    /// pages); the users and their API tokens (shown once), by name.
    public func addTestAccounts(
        _ accounts: [TestAccount], domain: String, password: String? = nil
    ) async throws -> (users: [String: User], tokens: [String: String]) {
        var users: [String: User] = [:], tokens: [String: String] = [:]
        for account in accounts {
            let (user, token) = try await addUser(
                email: "\(account.name)@\(domain)", role: account.role, organizationID: account.organizationID,
                schoolIDs: account.schoolIDs, password: password)
            users[account.name] = user
            tokens[account.name] = token
        }
        return (users, tokens)
    }
}

extension ReferralStore {
    /// Registers `input` as `registrar` at `instant` and, unless `organizations` is empty, records
    /// the family's written consent for them, given on `givenOn` (default: `instant`'s day).
    @discardableResult
    public func registerConsentingStudent(
        _ input: NewStudent, by registrar: User, at instant: Date, consentingTo organizations: [String],
        sharing fields: Set<SharedField> = [.grade], givenBy: String = "parent", givenOn: CalendarDate? = nil,
        expiresOn: CalendarDate? = nil
    ) async throws -> Student {
        let student = try await createStudent(input, by: registrar, now: instant)
        if !organizations.isEmpty {
            _ = try await addConsent(
                Consent(organizationIDs: organizations, givenBy: givenBy, method: .written, sharedFields: fields,
                        givenOn: givenOn ?? CalendarDate(instant), expiresOn: expiresOn),
                studentID: student.id, by: registrar, now: instant)
        }
        return student
    }

    /// Drafts `referral` as `author` at `draftedAt` and sends it at `sentAt` (state `referred`, version 1).
    public func sendReferral(_ referral: NewReferral, by author: User, draftedAt: Date, sentAt: Date) async throws -> Referral {
        let draft = try await createReferral(referral, by: author, now: draftedAt)
        return try await apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: author, now: sentAt)
    }

    /// Applies each (command, user, instant) to referral `id` in turn, unconditionally; the referral after the last.
    @discardableResult
    public func answer(_ id: String, with steps: [(ReferralCommand, User, Date)]) async throws -> Referral? {
        var referral: Referral?
        for (command, user, instant) in steps {
            referral = try await apply(command, toReferral: id, expectedVersion: nil, by: user, now: instant)
        }
        return referral
    }
}
