import Foundation
import Notifications
import Referrals
import Storage
import Testing
import TestSupport

/// The phone check-in rule is written once (`CheckInStore.phoneCheckInsDueNow`): what the list
/// says is due is exactly what can be answered, and an answer keeps the waiting text as withdrawn
/// (no worker ever sends it) instead of deleting it.
@Suite("Family check-in by phone: one rule")
struct PhoneCheckInRuleTests {
    static func due(_ store: CheckInStore, _ referralID: String, _ now: Date) async throws -> [String] {
        try await store.phoneCheckInsDue(referralIDs: [referralID], now: now).map(\.referralID)
    }

    static func answer(_ world: WebWorld, _ referralID: String, _ now: Date) async -> Result<CheckInResult, any Error> {
        let store = CheckInStore(database: world.store.database)
        do {
            return .success(try await store.answerByPhone(
                referralID: referralID, answer: .notYet, by: world.users["coordinator"]!, machine: ReferralStore(database: world.store.database).machine, now: now))
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: TestBackend.available)
    func notDueYetIsNeitherListedNorAnswerable(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let world = try await WebWorld.make(store, password: WebWorld.password)
            let referral = try await PhoneCheckInPageTests.phoneOnlyReferral(world)
            let checkIns = CheckInStore(database: store.database)
            let early = ReferralWorld.now.addingTimeInterval(3_600)
            #expect(try await Self.due(checkIns, referral.id, early).isEmpty)
            let refused = await Self.answer(world, referral.id, early)
            #expect((try? refused.get()) == nil)
            if case .failure(let error) = refused { #expect(error as? CheckInRefusal == .expired, "\(error)") }
            // Nothing changed: the text still waits, untried.
            let text = try #require(try await OutboxStore(database: store.database).messages(referralID: referral.id).first { $0.channel == .sms })
            #expect(text.status == .pending && text.attempts == 0)
            #expect(try await checkIns.tokens(referralID: referral.id).allSatisfy { $0.answer == nil })

            // Past its expiry: neither listed nor answerable either.
            let expiry = try #require(try await checkIns.phoneCheckInsDue(referralIDs: [referral.id], now: PhoneCheckInPageTests.due).first).expiresAt
            #expect(try await Self.due(checkIns, referral.id, expiry).isEmpty)
            if case .failure(let error) = await Self.answer(world, referral.id, expiry) {
                #expect(error as? CheckInRefusal == .expired, "\(error)")
            } else {
                Issue.record("an expired phone check-in was answered")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func dueIsListedAnsweredOnceAndItsTextKeptWithdrawn(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let world = try await WebWorld.make(store, password: WebWorld.password)
            let referral = try await PhoneCheckInPageTests.phoneOnlyReferral(world)
            let checkIns = CheckInStore(database: store.database)
            let outbox = OutboxStore(database: store.database)
            let now = PhoneCheckInPageTests.due
            #expect(try await Self.due(checkIns, referral.id, now) == [referral.id])
            let text = try #require(try await outbox.messages(referralID: referral.id).first { $0.channel == .sms })

            let answered = try await Self.answer(world, referral.id, now).get()
            #expect(answered.answer == .notYet)
            // Answered: off the list, and a second answer is refused as the list says.
            #expect(try await Self.due(checkIns, referral.id, now).isEmpty)
            if case .success = await Self.answer(world, referral.id, now) { Issue.record("answered twice") }

            // The row is kept, withdrawn and untried; no worker claims it, however late.
            let kept = try #require(try await outbox.messages(referralID: referral.id).first { $0.id == text.id })
            #expect(kept.status == .withdrawn && kept.attempts == 0 && kept.deliveredAt == nil)
            #expect(try await outbox.counts()[.withdrawn] == 1)
            let later = now.addingTimeInterval(365 * 86_400)
            let claimed = try await outbox.claimDue(channels: Set(NotificationChannel.allCases), now: later, lease: 60, limit: 1_000)
            #expect(!claimed.contains { $0.id == text.id })
            #expect(try await outbox.messages(referralID: referral.id).first { $0.id == text.id }?.status == .withdrawn)
        }
    }
}
