import Foundation
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

    public init(links: NotificationLinks) {
        self.links = links
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
        return OutboxDraft(
            deliveryID: newID(), channel: .email, recipient: owner.email, userID: owner.userID, organizationID: nil,
            event: .followUpDue, referralID: referral,
            subject: "\(NotificationEvent.followUpDue.words): \(service) (referral \(referral))",
            body: """
            \(Self.sentence(occurrence.kind, service: service)) It has been due since \(occurrence.dueSince).

            Referral \(referral): \(links.referral(referral))
            Everything due for you: \(links.followUps)

            Sign in to see what you may of it. This message holds no student information.
            You can change how Closeloop notifies you on your account page.
            """)
    }

    /// What the owner should do, in one sentence per kind.
    static func sentence(_ kind: FollowUpKind, service: String) -> String {
        switch kind {
        case .noPartnerResponse:
            "The partner has not answered your referral to \(service) within the district's response window: call them, or send the family elsewhere."
        case .intakeUnconfirmed:
            "Nobody has confirmed that the family came to the intake for your referral to \(service): ask the partner or the family."
        case .waitlistRecheck:
            "Your referral to \(service) has waited on the waitlist with nothing recorded: check that the family is still waiting."
        case .familyNeedsHelp:
            "The family said they need help reaching \(service): reach out to them."
        }
    }
}

extension NotificationLinks {
    /// The coordinator's list of follow-ups due.
    public var followUps: String { baseURL + "/coordinator/followups" }
    /// Where a user sets how they are notified.
    public var preferences: String { baseURL + "/account/notifications" }
}
