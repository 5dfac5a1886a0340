import Foundation
import Notifications
import Referrals
import Testing

/// Follow-up notices and daily digests, planned without a database.
@Suite("Notifications: follow-up notices and digests")
struct TimerNotificationPlannerTests {
    static let links = NotificationLinks(baseURL: "https://closeloop.example.org")
    static let day = CalendarDate(year: 2026, month: 11, day: 30)!
    static let owner = NotificationRecipient(userID: "usr-c1", email: "coord@school.example", preference: .immediately)

    @Test(arguments: FollowUpKind.allCases.filter(FollowUpNoticePlanner.tellsOwner))
    func aFollowUpTellsItsOwnerWithALinkAndNoStudentFacts(kind: FollowUpKind) throws {
        let occurrence = FollowUpOccurrence(referralID: "ref_7", kind: kind, dueSince: Self.day)
        let draft = try #require(FollowUpNoticePlanner(links: Self.links).draft(for: occurrence, serviceName: "Youth\r\nBcc: x@evil", owner: Self.owner))
        #expect(draft.recipient == "coord@school.example" && draft.userID == "usr-c1" && draft.channel == .email)
        #expect(draft.event == .followUpDue && draft.referralID == "ref_7")
        #expect(draft.subject == "Follow-up due: Youth  Bcc: x@evil (referral ref_7)")
        #expect(draft.body.contains("https://closeloop.example.org/referrals/ref_7"))
        #expect(draft.body.contains("https://closeloop.example.org/coordinator/followups"))
        #expect(draft.body.contains("2026-11-30"))
    }

    @Test func aFamilysCallForHelpIsNotToldTwice() {
        // The check-in answer itself emailed the coordinator (NotificationEvent.familyNeedsHelp).
        #expect(!FollowUpNoticePlanner.tellsOwner(.familyNeedsHelp))
        #expect(FollowUpKind.allCases.filter(FollowUpNoticePlanner.tellsOwner) == [.noPartnerResponse, .intakeUnconfirmed, .waitlistRecheck])
        let occurrence = FollowUpOccurrence(referralID: "ref_7", kind: .familyNeedsHelp, dueSince: Self.day)
        #expect(FollowUpNoticePlanner(links: Self.links).draft(for: occurrence, serviceName: "Youth", owner: Self.owner) == nil)
    }

    @Test func digestAndOffOwnersGetNoImmediateNotice() {
        let occurrence = FollowUpOccurrence(referralID: "ref_7", kind: .noPartnerResponse, dueSince: Self.day)
        for preference in [NotificationPreference.dailyDigest, .off] {
            var owner = Self.owner
            owner.preference = preference
            #expect(FollowUpNoticePlanner(links: Self.links).draft(for: occurrence, serviceName: "Youth", owner: owner) == nil)
        }
    }

    @Test func aDigestCountsEachKindAndLinksEachReferralOnce() throws {
        let reader = NotificationRecipient(userID: "usr-c1", email: "coord@school.example", preference: .dailyDigest)
        let items = [
            DigestItem(event: .referralAccepted, referralID: "ref_2"), DigestItem(event: .referralAccepted, referralID: "ref_1"),
            DigestItem(event: .referralAccepted, referralID: "ref_1"), DigestItem(event: .followUpDue, referralID: "ref_3"),
        ]
        let draft = try #require(DigestPlanner(links: Self.links).draft(for: reader, day: Self.day, items: items))
        #expect(draft.event == .dailyDigest && draft.referralID == "" && draft.recipient == "coord@school.example")
        #expect(draft.subject == "Closeloop daily digest for 2026-11-30: 3 updates")
        #expect(draft.body.contains("Since your last digest: 2 referrals accepted, 1 follow-up due."))
        #expect(draft.body.components(separatedBy: "/referrals/ref_1").count == 2, "ref_1 is linked once")
        #expect(draft.body.contains("- referral ref_3: https://closeloop.example.org/referrals/ref_3"))
        #expect(draft.body.contains("https://closeloop.example.org/account/notifications"))
    }

    @Test func nothingHappenedMeansNoDigestAndOnlyDigestReadersGetOne() {
        let reader = NotificationRecipient(userID: "usr-c1", email: "coord@school.example", preference: .dailyDigest)
        #expect(DigestPlanner(links: Self.links).draft(for: reader, day: Self.day, items: []) == nil)
        var immediate = reader
        immediate.preference = .immediately
        #expect(DigestPlanner(links: Self.links).draft(for: immediate, day: Self.day,
                                                       items: [DigestItem(event: .referralSent, referralID: "ref_1")]) == nil)
    }

    @Test func aLongDigestListsTheFirstLinksAndCountsTheRest() throws {
        let reader = NotificationRecipient(userID: "usr-p1", email: "pat@agency.example", preference: .dailyDigest)
        let items = (1...25).map { DigestItem(event: .referralSent, referralID: String(format: "ref_%02d", $0)) }
        let draft = try #require(DigestPlanner(links: Self.links).draft(for: reader, day: Self.day, items: items))
        #expect(draft.body.contains("25 new referrals"))
        #expect(draft.body.contains("- and 5 more"))
        #expect(!draft.body.contains("ref_21"))
    }

    @Test func theDigestIsDueFromTheDistrictsHourInItsZone() throws {
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        let schedule = DigestSchedule(hour: 7, timeZone: chicago)
        // 30 Nov 2026 12:59 UTC is 06:59 in Chicago (CST, UTC-6): not yet; 13:00 UTC is 07:00.
        let before = Date(timeIntervalSince1970: 1_796_043_540)
        #expect(schedule.dueDay(at: before) == nil)
        #expect(schedule.dueDay(at: before.addingTimeInterval(60)) == Self.day)
        // 05:30 UTC on 1 Dec is still 30 Nov in Chicago, after the hour: that day's digest.
        #expect(schedule.dueDay(at: Date(timeIntervalSince1970: 1_796_103_000)) == Self.day)
        #expect(DigestSchedule(hour: 42).hour == DigestSchedule.defaultHour)
    }
}
