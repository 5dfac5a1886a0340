import Foundation
import Notifications
import Storage
import Testing
import TestSupport

/// `closeloop notifications webhook | preference | status`, the real executable on a real store.
@Suite("closeloop notifications: webhooks, preferences, outbox status")
struct NotificationsCommandTests {
    static func run(_ arguments: [String], _ database: String) async throws -> MatchCommandTests.Run {
        try await MatchCommandTests.closeloop(["notifications"] + arguments + ["--db", database])
    }

    @Test(arguments: TestBackend.available)
    func webhooksAndPreferencesAreSetAndMistakesAreOneLine(backend: TestBackend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withReferralFixture(backend) { fixture async throws in
            let database = fixture.store.database.location.connectionString
            let outbox = OutboxStore(database: fixture.store.database)

            let generated = try await Self.run(["webhook", ReferralFixture.organizationID, "https://agency.example/hooks"], database)
            #expect(generated.status == 0, "\(generated.errors)")
            let secret = generated.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(secret.hasPrefix("whsec_") && secret.count == 6 + 64)
            #expect(try await outbox.webhook(organizationID: ReferralFixture.organizationID)
                    == OrganizationWebhook(organizationID: ReferralFixture.organizationID, url: "https://agency.example/hooks", secret: secret))
            let given = try await Self.run(["webhook", ReferralFixture.organizationID, "http://10.0.0.5/in", "--secret", "0123456789abcdef"], database)
            #expect(given.status == 0 && given.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0123456789abcdef")

            let preference = try await Self.run(["preference", "Coordinator@Fixture.example.org", "off"], database)
            #expect(preference.status == 0, "\(preference.errors)")
            #expect(try await outbox.preference(userID: fixture.user(.coordinator).id) == .off)

            // Sent: the partner's email and the organization's webhook wait.
            _ = try await fixture.sent()
            let status = try await Self.run(["status"], database)
            #expect(status.output == "pending\t2\ndelivered\t0\ndead\t0\nwithdrawn\t0\n")

            for (arguments, message) in [
                (["webhook", "org-nope", "https://agency.example/hooks"], "Error: no organization with id 'org-nope'"),
                (["webhook", ReferralFixture.organizationID, "file:///etc/passwd"], "Error: a webhook URL is an http:// or https:// address"),
                (["webhook", ReferralFixture.organizationID, "https://a.example", "--secret", "short"], "Error: a webhook secret has at least 16"),
                (["preference", "nobody@example.org", "off"], "Error: no user with id or email 'nobody@example.org'"),
                (["digest-hour", "24"], "Error: the digest hour is 0 to 23 (in the district's time zone), not 24"),
            ] {
                let refused = try await Self.run(arguments, database)
                #expect(refused.status != 0, "\(arguments)")
                let lines = refused.errors.split(separator: "\n").filter { $0.hasPrefix("Error:") }
                #expect(lines.count == 1 && lines[0].hasPrefix(message), "\(refused.errors)")
            }
            let badPreference = try await Self.run(["preference", "coordinator@fixture.example.org", "sometimes"], database)
            #expect(badPreference.status != 0)

            let hour = try await Self.run(["digest-hour", "6"], database)
            #expect(hour.status == 0, "\(hour.errors)")
            #expect(try await outbox.digestSchedule().hour == 6)
        }
    }
}
