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

    /// The machine in the district's zone (the family's "today" for the first service day).
    func timeZonedMachine() async throws -> ReferralMachine {
        ReferralMachine(timeZone: try await ReferralStore(database: store.database).followUpPolicy().timeZone)
    }
}
