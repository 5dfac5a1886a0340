import Directory
import Foundation
import NotificationDelivery
import Notifications
import Referrals
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// The family check-in (issue 22 item 4) on both engines: planned with the event that starts it
/// when the family's contact is shared, held in the outbox until N business days later, delivered
/// to a real SMTP server (aiosmtpd) with a one-time, expiring, signed link; the link's answers and
/// refusals, each audited.
@Suite("Notifications: family check-in", .timeLimit(.minutes(4)), .enabled(if: LoopbackReceiver.python != nil,
                                                 "python3 is missing: the SMTP server is a Python script"))
struct FamilyCheckInTests {
    static let baseURL = "https://closeloop.example.org"
    static let familyEmail = "family.lopez@home.example"
    /// Monday 23 November 2026 15:00 UTC + 3 business days = Thursday 26 November, 10:00 UTC.
    static let due = Date(timeIntervalSince1970: 1_795_446_000 + 2 * 86_400 + 19 * 3_600)

    static func shareContact(_ fixture: ReferralFixture, _ contact: FamilyContact? = FamilyContact(
        channel: .email, address: familyEmail, language: LanguageCode(rawValue: "en")!, bestTime: "after 5 pm")) async throws {
        let today = CalendarDate(ReferralFixture.now)
        _ = try await fixture.referrals.addConsent(
            Consent(organizationIDs: [ReferralFixture.organizationID], givenBy: "Maria Lopez (mother)", method: .written,
                    sharedFields: [.grade, .familyContact], givenOn: today, expiresOn: today.adding(days: 365), familyContact: contact),
            studentID: fixture.studentID, by: fixture.user(.coordinator), now: ReferralFixture.now)
    }

    static func outbox(_ fixture: ReferralFixture) -> OutboxStore { OutboxStore(database: fixture.store.database) }
    static func checkIns(_ fixture: ReferralFixture) -> CheckInStore { CheckInStore(database: fixture.store.database) }

    static func checkInRows(_ fixture: ReferralFixture, _ referralID: String) async throws -> [OutboxMessage] {
        try await outbox(fixture).messages(referralID: referralID).filter { $0.event == "family.check_in" }
    }

    /// The token in a message body's link.
    static func token(in body: String) throws -> String {
        let marker = "/check-in/"
        let start = try #require(body.range(of: marker)).upperBound
        return String(body[start...].prefix { !$0.isWhitespace })
    }

    static func worker(_ fixture: ReferralFixture, smtpPort: Int, clock: @escaping @Sendable () -> Date) -> OutboxWorker {
        OutboxWorker(
            store: outbox(fixture),
            configuration: DeliveryConfiguration(
                smtp: SMTPConfiguration(host: "127.0.0.1", port: smtpPort, from: "closeloop@district.example", timeout: .seconds(10)),
                retry: RetryPolicy(base: 30, cap: 600, maximumAttempts: 8), lease: 120),
            clock: clock)
    }

    @Test(arguments: TestBackend.available)
    func theEmailIsHeldUntilDueThenReachesTheFamilyWithALinkAndNoStudentData(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let smtp = try LoopbackReceiver(script: "smtp-sink.py")
            defer { smtp.stop() }
            try await Self.outbox(fixture).setBaseURL(Self.baseURL)
            try await Self.shareContact(fixture)
            let referral = try await fixture.sent()
            let rows = try await Self.checkInRows(fixture, referral.id)
            try #require(rows.count == 1)
            #expect(rows[0].recipient == Self.familyEmail)
            #expect(rows[0].channel == .email)
            #expect(rows[0].nextAttemptAt == Self.due)

            // Right after the send only the partner's email goes; the check-in waits for its day.
            let early = try await Self.worker(fixture, smtpPort: smtp.port, clock: { ReferralFixture.now.addingTimeInterval(5) }).deliverDue()
            #expect(early.delivered == 1)
            #expect(try smtp.records().compactMap { $0["rcpt_tos"] as? [String] } == [["partner@fixture.example.org"]])

            let onTime = try await Self.worker(fixture, smtpPort: smtp.port, clock: { Self.due.addingTimeInterval(1) }).deliverDue()
            #expect(onTime.delivered == 1)
            let received = try smtp.records()
            try #require(received.count == 2)
            #expect(received[1]["rcpt_tos"] as? [String] == [Self.familyEmail])
            let data = received[1]["data"] as? String ?? ""
            #expect(data.contains("\(Self.baseURL)/check-in/"))
            #expect(header("Subject", in: data) == "Did you reach Youth Counseling (ages 10-17)?")
            #expect(data.contains("Youth Counseling"))
            for fact in ["absences", ReferralFixture.districtStudentID, "anxiety", "Spanish-speaking", referral.id, "Hoover"] {
                #expect(!data.contains(fact), "check-in leaks \(fact)")
            }
            // The link in the email is the one the page accepts.
            let token = try Self.token(in: data)
            let prompt = try await Self.checkIns(fixture).open(token: token, now: Self.due.addingTimeInterval(60))
            #expect(prompt.referralID == referral.id)
            #expect(prompt.serviceName == "Youth Counseling (ages 10-17)")
            #expect(prompt.purpose == .afterReferred)
        }
    }

    @Test(arguments: TestBackend.available)
    func noSharedContactNoCheckInAndAPhoneWaitsForAGateway(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            // The fixture's consent shares grade and languages only.
            let plain = try await fixture.sent()
            #expect(try await Self.checkInRows(fixture, plain.id).isEmpty)
            #expect(try await Self.checkIns(fixture).tokens(referralID: plain.id).isEmpty)

            try await Self.shareContact(fixture, FamilyContact(channel: .phone, address: "+1 (555) 010-2030", language: LanguageCode(rawValue: "en")!))
            let texted = try await fixture.sent()
            let rows = try await Self.checkInRows(fixture, texted.id)
            #expect(rows.map(\.channel) == [.sms])
            #expect(rows.map(\.recipient) == ["+1 (555) 010-2030"])
            // No SMS gateway: the worker never takes it; it stays pending for an administrator to see.
            let smtp = try LoopbackReceiver(script: "smtp-sink.py")
            defer { smtp.stop() }
            _ = try await Self.worker(fixture, smtpPort: smtp.port, clock: { Self.due.addingTimeInterval(60) }).deliverDue()
            #expect(try await Self.checkInRows(fixture, texted.id).map(\.status) == [.pending])
        }
    }

    @Test(arguments: TestBackend.available)
    func theLinkWorksOnceExpiresAndRefusesTamperingEachUseAudited(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            try await Self.shareContact(fixture)
            let referral = try await fixture.sent()
            let token = try Self.token(in: try #require(try await Self.checkInRows(fixture, referral.id).first).body)
            let store = Self.checkIns(fixture)
            let machine = ReferralMachine()
            let later = Self.due.addingTimeInterval(3_600)

            // Tampered: one character of the signature, of the claims, or a token cut short.
            // The signature's first character, not its last: the last one's low bits are padding a
            // decoder ignores, so changing only those (C → A) left the bytes as they were (1 run in ~20).
            let parts = token.split(separator: ".").map(String.init)
            let signature = parts[2]
            let badSignature = "\(parts[0]).\(parts[1]).\(signature.hasPrefix("A") ? "B" : "A")\(signature.dropFirst())"
            await #expect(throws: CheckInRefusal.tampered) { _ = try await store.open(token: badSignature, now: later) }
            let otherClaims = Data("\(referral.id)\nafter_scheduled\n9999999999\nabcdef".utf8).base64EncodedString()
                .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            await #expect(throws: CheckInRefusal.tampered) {
                _ = try await store.answer(token: "\(parts[0]).\(otherClaims).\(parts[2])", answer: .started, machine: machine, now: later)
            }
            await #expect(throws: CheckInRefusal.malformed) { _ = try await store.open(token: String(token.prefix(20)), now: later) }
            await #expect(throws: CheckInRefusal.malformed) { _ = try await store.open(token: "not-a-token", now: later) }
            // Signed with another secret (another installation's link): refused as tampered.
            let foreign = CheckInLink.token(
                for: CheckInClaims(referralID: referral.id, purpose: .afterReferred, expiresAt: later.addingTimeInterval(86_400), nonce: "0011"),
                secret: "someone else's secret")
            await #expect(throws: CheckInRefusal.tampered) { _ = try await store.open(token: foreign, now: later) }

            // Expired: the link's day plus 14 days has passed.
            let expired = Self.due.addingTimeInterval(14 * 86_400 + 1)
            await #expect(throws: CheckInRefusal.expired) { _ = try await store.open(token: token, now: expired) }
            await #expect(throws: CheckInRefusal.expired) {
                _ = try await store.answer(token: token, answer: .notYet, machine: machine, now: expired)
            }

            // Used twice: the first answer counts, the second is refused and changes nothing.
            _ = try await store.open(token: token, now: later)
            let first = try await store.answer(token: token, answer: .notYet, machine: machine, now: later)
            #expect(first.answer == .notYet)
            await #expect(throws: CheckInRefusal.used) {
                _ = try await store.answer(token: token, answer: .started, machine: machine, now: later.addingTimeInterval(5))
            }
            await #expect(throws: CheckInRefusal.used) { _ = try await store.open(token: token, now: later.addingTimeInterval(6)) }
            let after = try #require(try await fixture.referrals.referral(id: referral.id, visibleTo: fixture.user(.admin)))
            #expect(after.events.filter { $0.action == .familyReport }.map(\.familyAnswer) == [.notYet])
            #expect(after.state == .referred)
            let tokens = try await store.tokens(referralID: referral.id)
            #expect(tokens.map(\.answer) == [.notYet])

            // Every use is in the audit log: 1 open, 1 answer, 9 refusals.
            let audit = try await fixture.referrals.auditLog(by: fixture.user(.admin)).filter { $0.action.hasPrefix("checkin.") }
            #expect(audit.filter { $0.action == "checkin.open" }.count == 1)
            #expect(audit.filter { $0.action == "checkin.answer" }.count == 1)
            #expect(audit.filter { $0.action == "checkin.refused" }.count == 9)
            #expect(audit.allSatisfy { $0.role == "family" })
            #expect(audit.filter { $0.action == "checkin.refused" }.map(\.detail).contains("answer: used"))
        }
    }

    @Test(arguments: TestBackend.available)
    func yesConfirmsNotYetRecordsAndNeedHelpMakesAFollowUp(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            try await Self.shareContact(fixture)
            let store = Self.checkIns(fixture)
            let machine = ReferralMachine()
            let later = Self.due.addingTimeInterval(3_600)
            func answered(_ answer: FamilyAnswer, accepted: Bool = true) async throws -> Referral {
                let referral = try await fixture.sent()
                if accepted {
                    _ = try await fixture.referrals.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: 1,
                                                          by: fixture.user(.partner), now: ReferralFixture.now)
                }
                let token = try Self.token(in: try #require(try await Self.checkInRows(fixture, referral.id).first).body)
                _ = try await store.answer(token: token, answer: answer, machine: machine, now: later)
                return try #require(try await fixture.referrals.referral(id: referral.id, visibleTo: fixture.user(.admin)))
            }

            // Yes, we started: family_reported, then a connection confirmed by the family.
            let started = try await answered(.started)
            #expect(started.events.suffix(2).map(\.action) == [.familyReport, .familyConfirmConnection])
            #expect(started.state == .connected)
            #expect(started.history.confirmedBy == .family)
            #expect(started.history.firstServiceDate == CalendarDate(later))
            let confirmedBy = try await fixture.store.database.sql.raw(
                "SELECT connection_confirmed_by FROM referrals WHERE id = \(bind: started.id)").first()?
                .decode(column: "connection_confirmed_by", as: String?.self)
            #expect(confirmedBy == "family")
            // The coordinator is told the family connected.
            let toCoordinator = try await Self.outbox(fixture).messages(referralID: started.id).filter { $0.recipient == "coordinator@fixture.example.org" }
            #expect(toCoordinator.map(\.event).contains("referral.connected"))

            // Not yet: recorded, nothing else.
            let notYet = try await answered(.notYet)
            #expect(notYet.events.last?.action == .familyReport)
            #expect(notYet.events.last?.familyAnswer == .notYet)
            #expect(notYet.state == .accepted)
            #expect(try await fixture.referrals.followUps(visibleTo: fixture.user(.coordinator), now: later)
                .contains { $0.referral.id == notYet.id } == false)

            // We need help: a follow-up for the coordinator, and a message to them.
            let help = try await answered(.needHelp, accepted: false)
            #expect(help.state == .referred)
            let due = try await fixture.referrals.followUps(visibleTo: fixture.user(.coordinator), now: later)
            #expect(due.first { $0.referral.id == help.id }?.followUp?.kind == .familyNeedsHelp)
            #expect(try await Self.outbox(fixture).messages(referralID: help.id).map(\.event).contains("referral.family_needs_help"))
            // The coordinator acting on it (a contact attempt) answers the call.
            _ = try await fixture.referrals.apply(ReferralCommand(.contactAttempt), toReferral: help.id, expectedVersion: help.version,
                                                  by: fixture.user(.coordinator), now: later.addingTimeInterval(60))
            let afterCall = try await fixture.referrals.followUps(visibleTo: fixture.user(.coordinator), now: later.addingTimeInterval(120))
            #expect(afterCall.first { $0.referral.id == help.id }?.followUp?.kind != .familyNeedsHelp)
        }
    }

    /// Cancels the referral (at version 1) a minute after the fixture's now; its check-in not yet sent
    /// is withdrawn: no message left, and its link refused as expired.
    static func cancelExpectingItsCheckInWithdrawn(_ fixture: ReferralFixture, referralID: String, token: String) async throws {
        _ = try await fixture.referrals.apply(ReferralCommand(.cancel), toReferral: referralID, expectedVersion: 1,
                                              by: fixture.user(.coordinator), now: ReferralFixture.now.addingTimeInterval(60))
        #expect(try await checkInRows(fixture, referralID).isEmpty)
        await #expect(throws: CheckInRefusal.expired) {
            _ = try await checkIns(fixture).open(token: token, now: ReferralFixture.now.addingTimeInterval(120))
        }
    }

    @Test(arguments: TestBackend.available)
    func aCheckInNoLongerWantedIsNotSent(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            try await Self.shareContact(fixture)
            let referral = try await fixture.sent()
            let token = try Self.token(in: try #require(try await Self.checkInRows(fixture, referral.id).first).body)
            try await Self.cancelExpectingItsCheckInWithdrawn(fixture, referralID: referral.id, token: token)

            // Scheduling plans the second check-in and withdraws the first one not yet sent.
            let scheduled = try await fixture.sent()
            _ = try await fixture.referrals.apply(ReferralCommand(.accept), toReferral: scheduled.id, expectedVersion: 1,
                                                  by: fixture.user(.partner), now: ReferralFixture.now)
            _ = try await fixture.referrals.apply(ReferralCommand(.schedule, intakeDate: CalendarDate("2026-12-01")), toReferral: scheduled.id,
                                                  expectedVersion: 2, by: fixture.user(.partner), now: ReferralFixture.now)
            let rows = try await Self.checkInRows(fixture, scheduled.id)
            #expect(rows.count == 1)
            #expect(Set(try await Self.checkIns(fixture).tokens(referralID: scheduled.id).map(\.purpose)) == [.afterReferred, .afterScheduled])
            let prompt = try await Self.checkIns(fixture).open(token: try Self.token(in: rows[0].body), now: Self.due)
            #expect(prompt.purpose == .afterScheduled)
        }
    }

    /// The district's check-in schedule (business days, validity) and time zone reach the planned
    /// check-in: they are read with the service's name and the outbox's settings in one statement
    /// per event (docs/PERFORMANCE.md, stop 32), so a wrong column would show here.
    @Test(arguments: TestBackend.available)
    func theDistrictsScheduleAndTimeZoneSetTheDueDayAndTheExpiry(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            try await Self.checkIns(fixture).setSchedule(businessDays: 5, validDays: 2)
            try await fixture.referrals.setSetting(.timeZone, to: "America/Los_Angeles")
            try await Self.outbox(fixture).setBaseURL(Self.baseURL)
            try await Self.shareContact(fixture)
            let referral = try await fixture.sent()
            // Monday 23 November 07:00 in Los Angeles + 5 business days = Monday 30 November, 10:00
            // there (UTC−8): 18:00 UTC, four days and eight hours after the default's Thursday 10:00 UTC.
            let due = Self.due.addingTimeInterval(4 * 86_400 + 8 * 3_600)
            let rows = try await Self.checkInRows(fixture, referral.id)
            try #require(rows.count == 1)
            #expect(rows[0].nextAttemptAt == due)
            #expect(rows[0].body.contains("\(Self.baseURL)/check-in/"))
            #expect(rows[0].body.contains("Youth Counseling"))
            #expect(try await Self.checkIns(fixture).tokens(referralID: referral.id).map(\.expiresAt) == [due.addingTimeInterval(2 * 86_400)])
        }
    }

    /// A check-in still waiting is withdrawn when the referral ends, even after the operator switched
    /// notifications off: the switch stops new messages, not the cancellation of planned ones.
    @Test(arguments: TestBackend.available)
    func aWaitingCheckInIsWithdrawnWhenTheReferralEndsWithNotificationsOff(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            try await Self.shareContact(fixture)
            let referral = try await fixture.sent()
            let token = try Self.token(in: try #require(try await Self.checkInRows(fixture, referral.id).first).body)
            try await Self.outbox(fixture).setEnabled(false)
            try await Self.cancelExpectingItsCheckInWithdrawn(fixture, referralID: referral.id, token: token)
            // Off: a new referral's send plans no check-in and writes no message.
            let quiet = try await fixture.sent()
            #expect(try await Self.outbox(fixture).messages(referralID: quiet.id).isEmpty)
            #expect(try await Self.checkIns(fixture).tokens(referralID: quiet.id).isEmpty)
        }
    }
}
