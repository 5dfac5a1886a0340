import Foundation
import Referrals
import Storage

/// The family check-in: a page reached by a one-time, expiring, signed link, no login. The
/// messages themselves are planned with the referral events that start them (`send`, the first
/// `schedule`) when the family's contact is shared, and delivered by the outbox worker when due.
///
/// Refusals (`CheckInRefusal`) are typed so every front end says the same: malformed 400,
/// tampered or unknown 403, expired or used 410.
public struct FamilyCheckIns: Sendable {
    public let store: CheckInStore
    public let machine: ReferralMachine

    public init(database: Database) {
        store = CheckInStore(database: database)
        machine = ReferralStore(database: database).machine
    }

    /// What the page asks about; audited.
    public func prompt(token: String, now: Date) async throws -> CheckInPrompt {
        try await store.open(token: token, now: now)
    }

    /// Records the family's answer once; audited.
    public func answer(token: String, answer: FamilyAnswer, now: Date) async throws -> CheckInResult {
        try await store.answer(token: token, answer: answer, machine: try await timeZonedMachine(), now: now)
    }

    /// Who asks a phone-only family: school staff who read the referral.
    public static let phoneCallers: Set<Role> = [.coordinator, .admin]

    /// The check-ins due by phone on these referrals (all of them when nil): a family whose consent
    /// shares only a phone gets no text (no SMS gateway), so its coordinator asks. Only for the
    /// roles that call (`phoneCallers`); others get none.
    public func dueByPhone(referralIDs: [String]?, for user: User, now: Date) async throws -> [PhoneCheckIn] {
        guard Self.phoneCallers.contains(user.role) else { return [] }
        return try await store.phoneCheckInsDue(referralIDs: referralIDs, now: now)
    }

    /// Records what the family said on the phone, with the link's effects; audited with the caller,
    /// who must be one of `phoneCallers` and able to read the referral.
    public func answerByPhone(
        referralID: String, answer: FamilyAnswer, by user: User, actions: ReferralActions, now: Date
    ) async throws -> CheckInResult {
        guard Self.phoneCallers.contains(user.role) else { throw ReferralStoreError.forbidden("only school staff record a family's answer by phone") }
        _ = try await actions.referral(id: referralID, visibleTo: user, now: now)
        return try await store.answerByPhone(referralID: referralID, answer: answer, by: user, machine: try await timeZonedMachine(), now: now)
    }

    /// The machine in the district's zone (the family's "today" for the first service day).
    func timeZonedMachine() async throws -> ReferralMachine {
        ReferralMachine(timeZone: try await ReferralStore(database: store.database).followUpPolicy().timeZone)
    }
}
