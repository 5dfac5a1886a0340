import Foundation
import Localization
import Referrals

/// How a notification travels.
public enum NotificationChannel: String, Sendable, Codable, CaseIterable, Hashable {
    case email
    case webhook
    /// A text message to a family's phone (check-ins). No SMS gateway is wired yet: these rows are
    /// written and stay pending, listed on the admin's outbox page, until one is.
    case sms
}

/// Where an outbox row stands. `dead` rows failed too often and wait for an administrator.
public enum OutboxStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case pending
    case delivered
    case dead
    /// Not to be sent any more, and kept: a phone check-in's text once the coordinator asked the
    /// question by phone. No worker claims it; the admin page counts it.
    case withdrawn
}

/// What a user asked to be told, and when: each message at once, one email a day listing what
/// happened (`DigestPlanner`), or nothing.
public enum NotificationPreference: String, Sendable, Codable, CaseIterable, Hashable {
    case immediately
    case dailyDigest = "daily_digest"
    case off
}

/// The referral events someone must act on, as notifications name them (also the webhook `event`).
public enum NotificationEvent: String, Sendable, Codable, CaseIterable, Hashable {
    case referralSent = "referral.sent"
    case referralAccepted = "referral.accepted"
    case referralDeclined = "referral.declined"
    case referralWaitlisted = "referral.waitlisted"
    case referralScheduled = "referral.scheduled"
    case referralConnected = "referral.connected"
    /// The family answered a check-in "we need help": the coordinator should reach out.
    case familyNeedsHelp = "referral.family_needs_help"
    /// A follow-up timer came due (written by `FollowUpNoticePlanner`, not by a referral event).
    case followUpDue = "followup.due"
    /// A daily digest (`DigestPlanner`); its outbox row names no referral.
    case dailyDigest = "digest.daily"

    /// The notification an event calls for; nil for events nobody needs to be told about
    /// (a draft, a contact attempt, a close, a correction).
    public init?(_ event: ReferralEvent) {
        switch event.action {
        case .send: self = .referralSent
        case .accept: self = .referralAccepted
        case .decline: self = .referralDeclined
        case .waitlist: self = .referralWaitlisted
        case .schedule: self = .referralScheduled
        case .confirmConnection where event.from != .connected: self = .referralConnected
        case .familyConfirmConnection: self = .referralConnected
        case .familyReport where event.familyAnswer == .needHelp: self = .familyNeedsHelp
        default: return nil
        }
    }

    /// Sent goes to the receiving partner; every partner answer goes back to the coordinator.
    public var audience: NotificationAudienceKind {
        self == .referralSent ? .partnerOrganization : .coordinator
    }

    /// The referral events a digest counts, in the order it lists them.
    public static let referralEvents: [NotificationEvent] = [
        .referralSent, .referralAccepted, .referralDeclined, .referralWaitlisted, .referralScheduled, .referralConnected,
        .familyNeedsHelp,
    ]

    /// The event in words, for a subject line: no student facts, only what happened.
    func words(_ words: Words) -> String {
        words.t("email.event." + rawValue)
    }

    /// One sentence for the body of an email.
    func sentence(service: String, words: Words) -> String {
        words.t("email.sentence." + rawValue, ["service": service])
    }
}

/// Who an event is for.
public enum NotificationAudienceKind: Sendable, Hashable {
    /// Every active user of the organization the referral was sent to, and its webhook.
    case partnerOrganization
    /// The coordinator who made the referral.
    case coordinator
}

/// Every kind of message the outbox holds, as its `event` column names it: the notifications to
/// staff, and the check-in message to a family (`CheckInWriter`). Pages label each kind from the
/// catalogs; `allCases` follows `NotificationEvent`, so a new event is a new kind to label.
public enum OutboxEventKind: Sendable, Hashable, CaseIterable {
    case notification(NotificationEvent)
    case familyCheckIn

    public static var allCases: [OutboxEventKind] { NotificationEvent.allCases.map(Self.notification) + [.familyCheckIn] }

    /// The `event` column's value.
    public var rawValue: String {
        switch self {
        case .notification(let event): event.rawValue
        case .familyCheckIn: "family.check_in"
        }
    }

    public init?(rawValue: String) {
        if rawValue == "family.check_in" {
            self = .familyCheckIn
        } else if let event = NotificationEvent(rawValue: rawValue) {
            self = .notification(event)
        } else {
            return nil
        }
    }
}
