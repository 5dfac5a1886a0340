import Foundation
import Localization
import Referrals

/// One occurrence of a follow-up timer: a referral, the kind of follow-up and the day it came due.
/// A new occurrence starts when the timer restarts (a waitlisted referral with a new event gets a
/// later `dueSince`), so the owner is told again then, and only then.
public struct FollowUpOccurrence: Sendable, Hashable {
    public var referralID: String
    public var kind: FollowUpKind
    public var dueSince: CalendarDate

    public init(referralID: String, kind: FollowUpKind, dueSince: CalendarDate) {
        self.referralID = referralID
        self.kind = kind
        self.dueSince = dueSince
    }
}

/// Decides the message that tells a follow-up's owner it came due. Pure: the store claims the
/// occurrence and writes the draft in the same transaction.
///
/// The owner is the coordinator who made the referral (every follow-up kind is theirs to chase: a
/// silent partner, an intake nobody confirmed, a long waitlist). Like every email, it names the
/// kind, the service and the referral number and links to pages where access rules apply; no
/// student facts, not the dates of the student's intake. `daily_digest` owners get it in their
/// digest, `off` owners not at all.
public struct FollowUpNoticePlanner: Sendable {
    public var links: NotificationLinks
    /// The notice's words, in its owner's language (English when none is set).
    public var catalogs: Catalogs

    public init(links: NotificationLinks, catalogs: Catalogs = .active) {
        self.links = links
        self.catalogs = catalogs
    }

    /// Whether a follow-up of this kind is told at all. A family's "we need help" is not: its
    /// check-in answer already told the coordinator at once (`NotificationEvent.familyNeedsHelp`),
    /// and a digest counts that answer; a second message would say the same thing again.
    public static func tellsOwner(_ kind: FollowUpKind) -> Bool {
        kind != .familyNeedsHelp
    }

    public func draft(for occurrence: FollowUpOccurrence, serviceName: String, owner: NotificationRecipient,
                      newID: () -> UUID = UUID.init) -> OutboxDraft? {
        guard owner.preference == .immediately, Self.tellsOwner(occurrence.kind) else { return nil }
        let service = NotificationPlanner.oneLine(serviceName)
        let referral = occurrence.referralID
        let words = catalogs.words(owner.language)
        return OutboxDraft(
            deliveryID: newID(), channel: .email, recipient: owner.email, userID: owner.userID, organizationID: nil,
            event: .followUpDue, referralID: referral,
            subject: words.t("email.subject", ["event": NotificationEvent.followUpDue.words(words), "service": service, "referral": referral]),
            body: """
            \(words.t("email.followup." + occurrence.kind.rawValue, ["service": service])) \(words.t("email.followup.due_since", ["day": occurrence.dueSince.description]))

            \(words.t("email.referral_link", ["referral": referral, "link": links.referral(referral)]))
            \(words.t("email.followup.list_link", ["link": links.followUps]))

            \(words.t("email.no_student_data"))
            \(words.t("email.preferences"))
            """)
    }
}

extension NotificationLinks {
    /// The coordinator's list of follow-ups due.
    public var followUps: String { baseURL + "/coordinator/followups" }
    /// Where a user sets how they are notified.
    public var preferences: String { baseURL + "/account/notifications" }
}
