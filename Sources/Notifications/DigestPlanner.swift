import Foundation
import Referrals

/// One thing a digest counts: a referral event the reader would have been emailed about at once,
/// or a follow-up that came due for them.
public struct DigestItem: Sendable, Hashable {
    public var event: NotificationEvent
    public var referralID: String

    public init(event: NotificationEvent, referralID: String) {
        self.event = event
        self.referralID = referralID
    }
}

/// When digests go out: the first check at or after `hour`:00 on each day of the district's zone.
public struct DigestSchedule: Sendable, Hashable {
    public static let defaultHour = 7
    /// 0…23, in `timeZone`.
    public var hour: Int
    public var timeZone: TimeZone

    public init(hour: Int = DigestSchedule.defaultHour, timeZone: TimeZone = .gmt) {
        self.hour = (0...23).contains(hour) ? hour : Self.defaultHour
        self.timeZone = timeZone
    }

    /// The district's day whose digest is due at `now`; nil before the hour (yesterday's went out).
    public func dueDay(at now: Date) -> CalendarDate? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard calendar.component(.hour, from: now) >= hour else { return nil }
        return CalendarDate(now, in: timeZone)
    }
}

/// Writes a daily digest: counts by kind and a link to each referral (its number only), nothing a
/// reader could not open themselves; no digest when nothing happened. Pure: the store gathers the
/// items since the reader's last digest and writes the draft with the digest's claim.
public struct DigestPlanner: Sendable {
    /// Links listed per kind; the rest are counted and reached through the lists.
    public static let linksPerKind = 20
    public var links: NotificationLinks

    public init(links: NotificationLinks) {
        self.links = links
    }

    public func draft(for reader: NotificationRecipient, day: CalendarDate, items: [DigestItem],
                      newID: () -> UUID = UUID.init) -> OutboxDraft? {
        guard reader.preference == .dailyDigest, !items.isEmpty else { return nil }
        var sections: [String] = []
        var summary: [String] = []
        var total = 0
        for kind in NotificationEvent.referralEvents + [.followUpDue] {
            // One line per referral and kind, even when it moved twice the same way.
            var seen: Set<String> = []
            let referrals = items.filter { $0.event == kind }.map(\.referralID).filter { seen.insert($0).inserted }.sorted()
            guard !referrals.isEmpty else { continue }
            total += referrals.count
            let heading = Self.count(referrals.count, kind)
            summary.append(heading)
            var lines = referrals.prefix(Self.linksPerKind).map { "- referral \($0): \(links.referral($0))" }
            if referrals.count > Self.linksPerKind { lines.append("- and \(referrals.count - Self.linksPerKind) more") }
            sections.append(([heading.prefix(1).uppercased() + heading.dropFirst() + ":"] + lines).joined(separator: "\n"))
        }
        let body = """
        Since your last digest: \(summary.joined(separator: ", ")).

        \(sections.joined(separator: "\n\n"))

        Sign in to see what you may of each. This message holds no student information.
        You get one digest a day; change that at \(links.preferences)
        """
        return OutboxDraft(
            deliveryID: newID(), channel: .email, recipient: reader.email, userID: reader.userID, organizationID: nil,
            event: .dailyDigest, referralID: "",
            subject: "Closeloop daily digest for \(day): \(total) \(total == 1 ? "update" : "updates")", body: body)
    }

    /// "2 referrals accepted", "1 new referral", "3 follow-ups due".
    static func count(_ n: Int, _ kind: NotificationEvent) -> String {
        let plural = n != 1
        let words: String = switch kind {
        case .referralSent: plural ? "new referrals" : "new referral"
        case .referralAccepted: plural ? "referrals accepted" : "referral accepted"
        case .referralDeclined: plural ? "referrals declined" : "referral declined"
        case .referralWaitlisted: plural ? "referrals waitlisted" : "referral waitlisted"
        case .referralScheduled: plural ? "intakes scheduled" : "intake scheduled"
        case .referralConnected: plural ? "families connected" : "family connected"
        case .familyNeedsHelp: plural ? "families asked for help" : "family asked for help"
        case .followUpDue: plural ? "follow-ups due" : "follow-up due"
        case .dailyDigest: plural ? "digests" : "digest"
        }
        return "\(n) \(words)"
    }
}
