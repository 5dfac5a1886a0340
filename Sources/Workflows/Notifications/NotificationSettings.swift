import Crypto
import Foundation
import Notifications
import Storage

/// Why a notification setting was refused; one readable line each.
public enum NotificationSettingsRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownOrganization(String)
    case unknownUser(String)
    case invalidWebhookURL(String)
    case shortSecret
    case invalidDigestHour(Int)

    public var description: String {
        switch self {
        case .unknownOrganization(let id): "no organization with id '\(id)'"
        case .unknownUser(let user): "no user with id or email '\(user)'"
        case .invalidWebhookURL(let url): "a webhook URL is an http:// or https:// address with a host, not '\(url.prefix(200))'"
        case .shortSecret: "a webhook secret has at least 16 characters (leave it out to have one generated)"
        case .invalidDigestHour(let hour): "the digest hour is 0 to 23 (in the district's time zone), not \(hour)"
        }
    }
}

/// Setting where an organization's webhooks go and how each user is notified (`closeloop
/// notifications`). A webhook secret is generated unless given, and shown once by the caller.
public struct NotificationSettings: Sendable {
    public let outbox: OutboxStore

    public init(outbox: OutboxStore) {
        self.outbox = outbox
    }

    /// Stores the organization's webhook; returns the secret (the one given, or a new random one).
    public func setWebhook(organizationID: String, url: String, secret: String?, now: Date) async throws -> String {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parsed.host, !host.isEmpty else {
            throw NotificationSettingsRefusal.invalidWebhookURL(url)
        }
        if let secret, secret.count < 16 { throw NotificationSettingsRefusal.shortSecret }
        guard try await outbox.organizationExists(organizationID) else {
            throw NotificationSettingsRefusal.unknownOrganization(organizationID)
        }
        let chosen = secret ?? "whsec_" + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
        try await outbox.setWebhook(OrganizationWebhook(organizationID: organizationID, url: url, secret: chosen), now: now)
        return chosen
    }

    /// Sets a user's preference; `user` is an id or an email. Returns the user's id.
    @discardableResult
    public func setPreference(_ preference: NotificationPreference, user: String) async throws -> String {
        guard let id = try await outbox.userID(idOrEmail: user) else { throw NotificationSettingsRefusal.unknownUser(user) }
        try await outbox.setPreference(preference, userID: id)
        return id
    }

    /// The hour (0…23, district time zone) daily digests go out at.
    public func setDigestHour(_ hour: Int) async throws {
        guard (0...23).contains(hour) else { throw NotificationSettingsRefusal.invalidDigestHour(hour) }
        try await outbox.setDigestHour(hour)
    }

    /// A user's preference (`immediately` for an unknown id: the column's default).
    public func preference(userID: String) async throws -> NotificationPreference {
        try await outbox.preference(userID: userID) ?? .immediately
    }

    /// When daily digests go out (the page tells the reader).
    public func digestSchedule() async throws -> DigestSchedule {
        try await outbox.digestSchedule()
    }
}
