import Foundation
import Localization
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
    /// The digest's words, in its reader's language (English when none is set).
    public var catalogs: Catalogs

    public init(links: NotificationLinks, catalogs: Catalogs = .active) {
        self.links = links
        self.catalogs = catalogs
    }

    public func draft(for reader: NotificationRecipient, day: CalendarDate, items: [DigestItem],
                      newID: () -> UUID = UUID.init) -> OutboxDraft? {
        guard reader.preference == .dailyDigest, !items.isEmpty else { return nil }
        let words = catalogs.words(reader.language)
        var sections: [String] = []
        var summary: [String] = []
        var total = 0
        for kind in NotificationEvent.referralEvents + [.followUpDue] {
            // One line per referral and kind, even when it moved twice the same way.
            var seen: Set<String> = []
            let referrals = items.filter { $0.event == kind }.map(\.referralID).filter { seen.insert($0).inserted }.sorted()
            guard !referrals.isEmpty else { continue }
            total += referrals.count
            let heading = words.count("count.digest." + kind.rawValue, referrals.count)
            summary.append(heading)
            var lines = referrals.prefix(Self.linksPerKind).map {
                words.t("email.digest.referral_line", ["referral": $0, "link": links.referral($0)])
            }
            if referrals.count > Self.linksPerKind {
                lines.append(words.count("email.digest.more", referrals.count - Self.linksPerKind))
            }
            sections.append(([heading.prefix(1).uppercased() + heading.dropFirst() + ":"] + lines).joined(separator: "\n"))
        }
        let body = """
        \(words.t("email.digest.since_last", ["summary": summary.joined(separator: ", ")]))

        \(sections.joined(separator: "\n\n"))

        \(words.t("email.digest.no_student_data"))
        \(words.t("email.digest.preferences", ["link": links.preferences]))
        """
        return OutboxDraft(
            deliveryID: newID(), channel: .email, recipient: reader.email, userID: reader.userID, organizationID: nil,
            event: .dailyDigest, referralID: "",
            subject: words.count("email.digest.subject", total, ["day": day.description]), body: body)
    }

    /// "2 referrals accepted", "1 new referral", "3 follow-ups due".
}
