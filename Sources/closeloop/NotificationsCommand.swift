import ArgumentParser
import Foundation
import Notifications
import Storage
import Workflows

extension NotificationPreference: ExpressibleByArgument {}

/// `closeloop notifications`: where an organization's webhooks go, how a user is notified, and
/// what the outbox holds. Translation only: the rules are `NotificationSettings`'.
struct NotificationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notifications", abstract: "Webhooks, notification preferences and the outbox (see README, Notifications).",
        subcommands: [Webhook.self, Preference.self, DigestHour.self, Status.self])

    static func settings<R>(_ database: DatabaseOptions, _ body: (NotificationSettings) async throws -> R) async throws -> R {
        try await database.withStore(logger: makeLogger()) { store in
            do {
                return try await body(NotificationSettings(outbox: OutboxStore(database: store.database)))
            } catch let refusal as NotificationSettingsRefusal {
                throw CommandFailure(refusal.description)
            }
        }
    }

    struct Webhook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send an organization's new referrals to a webhook, signed with a secret (printed once).")

        @Argument(help: "The organization's id.")
        var organization: String

        @Argument(help: "The http:// or https:// address to POST to.")
        var url: String

        @Option(help: "The signing secret (16+ characters); by default a random one is made and printed.")
        var secret: String?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let chosen = try await NotificationsCommand.settings(database) {
                try await $0.setWebhook(organizationID: organization, url: url, secret: secret, now: Date())
            }
            UserCommand.note("webhook for \(organization): \(url); signing secret (shown once):")
            print(chosen)
        }
    }

    struct Preference: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How a user is told of referral events: immediately, daily_digest (one email a day) or off.")

        @Argument(help: "The user's id or email.")
        var user: String

        @Argument(help: "immediately, daily_digest or off.")
        var preference: NotificationPreference

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let id = try await NotificationsCommand.settings(database) { try await $0.setPreference(preference, user: user) }
            print("\(id): \(preference.rawValue)")
        }
    }

    struct DigestHour: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "digest-hour", abstract: "The hour (0-23, district time zone) daily digests go out at; default 7.")

        @Argument(help: "0 to 23.")
        var hour: Int

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await NotificationsCommand.settings(database) { try await $0.setDigestHour(hour) }
            print("digests go out at \(hour):00 in the district's time zone")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How many outbox messages wait, were delivered, or gave up.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let counts = try await NotificationsCommand.settings(database) { try await $0.outbox.counts() }
            for status in OutboxStatus.allCases { print("\(status.rawValue)\t\(counts[status] ?? 0)") }
        }
    }
}
