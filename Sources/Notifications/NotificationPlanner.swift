import Foundation
import Localization
import Referrals

/// A person who may be told, as the store knows them.
public struct NotificationRecipient: Sendable, Hashable {
    public var userID: String
    public var email: String
    public var preference: NotificationPreference
    /// The language the person chose (a catalog code); nil: English.
    public var language: String?

    public init(userID: String, email: String, preference: NotificationPreference, language: String? = nil) {
        self.language = language
        self.userID = userID
        self.email = email
        self.preference = preference
    }
}

/// The people (and webhook) an event could reach; the store fills in the ones `audience` names.
public struct NotificationAudience: Sendable, Hashable {
    public var people: [NotificationRecipient]
    /// The receiving organization's webhook URL, when it has one (the secret stays in the store).
    public var webhookURL: String?

    public init(people: [NotificationRecipient], webhookURL: String? = nil) {
        self.people = people
        self.webhookURL = webhookURL
    }
}

/// One message to write to the outbox: everything needed to deliver it later, without reading the
/// referral again. An email's body holds event words and a link only; a webhook's is JSON.
public struct OutboxDraft: Sendable, Hashable {
    public var deliveryID: UUID
    public var channel: NotificationChannel
    /// An email address or a webhook URL.
    public var recipient: String
    public var userID: String?
    public var organizationID: String?
    public var event: NotificationEvent
    public var referralID: String
    public var subject: String?
    public var body: String
}

/// What the referral's pages are reached by in a message.
public struct NotificationLinks: Sendable, Hashable {
    public var baseURL: String

    public init(baseURL: String) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    /// The referral's page; the page itself decides what the reader may see.
    public func referral(_ id: String) -> String {
        baseURL + "/referrals/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id)
    }
}

/// Decides what to send to whom for one referral event. Pure: the store gives it the audience
/// and writes what it returns in the event's transaction.
///
/// No student facts leave in a message: an email names the event, the service and the referral
/// number, and links to the referral page, where access rules apply. The actor is never told of
/// their own action, and `off` and `daily_digest` users get no immediate email.
public struct NotificationPlanner: Sendable {
    public var links: NotificationLinks
    /// The messages' words; each email is in its recipient's language, English when none is set.
    public var catalogs: Catalogs

    public init(links: NotificationLinks, catalogs: Catalogs = .active) {
        self.links = links
        self.catalogs = catalogs
    }

    public func drafts(
        for event: ReferralEvent, referralID: String, organizationID: String, serviceName: String,
        audience: NotificationAudience, newID: () -> UUID = UUID.init
    ) -> [OutboxDraft] {
        guard let kind = NotificationEvent(event) else { return [] }
        let link = links.referral(referralID)
        let service = Self.oneLine(serviceName)
        var drafts: [OutboxDraft] = []
        var seen: Set<String> = []
        for person in audience.people.sorted(by: { $0.email < $1.email })
        where person.preference == .immediately && person.userID != event.actorID && seen.insert(person.email.lowercased()).inserted {
            let words = catalogs.words(person.language)
            drafts.append(OutboxDraft(
                deliveryID: newID(), channel: .email, recipient: person.email, userID: person.userID, organizationID: nil,
                event: kind, referralID: referralID,
                subject: words.t("email.subject", ["event": kind.words(words), "service": service, "referral": referralID]),
                body: Self.emailBody(kind, service: service, referralID: referralID, link: link, words: words)))
        }
        if kind.audience == .partnerOrganization, let url = audience.webhookURL {
            let id = newID()
            drafts.append(OutboxDraft(
                deliveryID: id, channel: .webhook, recipient: url, userID: nil, organizationID: organizationID, event: kind,
                referralID: referralID, subject: nil,
                body: WebhookPayload(deliveryID: id.uuidString.lowercased(), event: kind, referralID: referralID, organizationID: organizationID,
                                     occurredAt: event.at, link: link).json))
        }
        return drafts
    }

    static func emailBody(
        _ kind: NotificationEvent, service: String, referralID: String, link: String, words: Words = Catalogs.shipped.words("en")
    ) -> String {
        """
        \(kind.sentence(service: service, words: words))

        \(words.t("email.referral_link", ["referral": referralID, "link": link]))

        \(words.t("email.no_student_data"))
        \(words.t("email.preferences"))
        """
    }

    /// Service names come from feeds: a line break in one must not start a new mail header.
    static func oneLine(_ text: String) -> String {
        text.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : String($0) }
            .joined()
    }
}

/// The JSON a webhook receives: ids and a link, never student facts (the agency's system reads
/// the referral through the API with its own token and the consent in force).
public struct WebhookPayload: Sendable, Hashable, Codable {
    /// Lowercase, as in the delivery id header and the outbox row.
    public var deliveryID: String
    public var event: NotificationEvent
    public var referralID: String
    public var organizationID: String
    public var occurredAt: Date
    public var link: String

    enum CodingKeys: String, CodingKey {
        case deliveryID = "delivery_id"
        case event
        case referralID = "referral_id"
        case organizationID = "organization_id"
        case occurredAt = "occurred_at"
        case link
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
