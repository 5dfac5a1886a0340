import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// `closeloop user list | disable | enable | add-token | revoke-token | rotate-token | token-days`,
/// the real executable on a real store: what it prints, what it changes, and one readable line
/// with a non-zero exit for a mistake.
@Suite("closeloop user: listing and revoking access")
struct UserCommandTests {
    static func run(_ arguments: [String], _ database: String) async throws -> MatchCommandTests.Run {
        try await MatchCommandTests.closeloop(["user"] + arguments + ["--db", database])
    }

    static func day(_ days: Int) -> String {
        CalendarDate(Date().addingTimeInterval(TimeInterval(days) * 86_400)).description
    }

    @Test(arguments: TestBackend.available)
    func usersAreListedDisabledEnabledAndTheirTokensRevokedAndRotated(backend: TestBackend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withSeededStore(backend) { store async throws in
            let database = store.database.location.connectionString
            let accounts = AccountStore(database: store.database)
            let organization = try await store.services(matching: ServiceQuery(limit: 1)).items[0].service.organizationID

            let added = try await Self.run(
                ["add", "--role", "partner", "--email", "Intake@Example.org", "--name", "Dana Intake", "--org", organization, "--token-days", "30"], database)
            #expect(added.status == 0, "\(added.errors)")
            let first = added.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(added.errors.contains("expires \(Self.day(30))"))
            let partner = try #require(try await accounts.user(forToken: first))
            let created = try await Self.run(["create", "--role", "admin", "--email", "root@example.org"], database)
            #expect(created.status == 0 && created.errors.contains("expires \(Self.day(90))"), "\(created.errors)")

            let listed = try await Self.run(["list"], database)
            #expect(listed.status == 0, "\(listed.errors)")
            let lines = listed.output.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("LAST SIGN-IN") == true)
            let row = try #require(lines.first { $0.contains("intake@example.org") })
            #expect(row.hasPrefix(partner.id) && row.contains("Dana Intake") && row.contains("partner") && row.contains(organization))
            // A user without a profile name shows "-", not a blank that shifts the columns.
            #expect(try #require(lines.first { $0.contains("root@example.org") }).contains(" - "))
            #expect(row.contains("1 (expires \(Self.day(30)))") && row.contains("never"))
            #expect(lines.last == "2 users")

            let second = try await Self.run(["add-token", "intake@example.org", "--token-days", "7"], database)
            #expect(second.status == 0, "\(second.errors)")
            let secondToken = second.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await accounts.user(forToken: secondToken) == partner)
            #expect(try await Self.run(["list"], database).output.contains("2 (expires \(Self.day(7)))"))

            let byPrefix = try await Self.run(["revoke-token", partner.id, String(first.prefix(10))], database)
            #expect(byPrefix.status == 0, "\(byPrefix.errors)")
            #expect(byPrefix.output.contains("revoked tok_"))
            #expect(try await accounts.check(token: first).user == nil)
            #expect(try await accounts.user(forToken: secondToken) == partner)

            let rotated = try await Self.run(["rotate-token", "intake@example.org"], database)
            #expect(rotated.status == 0, "\(rotated.errors)")
            let third = rotated.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(third.hasPrefix("clt_") && rotated.errors.contains("revoked 1 token(s)"))
            #expect(try await accounts.user(forToken: secondToken) == nil)
            #expect(try await accounts.user(forToken: third) == partner)

            let sessions = SessionStore(database: store.database)
            let session = try await sessions.start(userID: partner.id, lifetime: 3_600).token
            let disabled = try await Self.run(["disable", "INTAKE@example.org"], database)
            #expect(disabled.status == 0, "\(disabled.errors)")
            #expect(disabled.output.contains("disabled intake@example.org (\(partner.id)): 1 browser session ended, API tokens refused"))
            #expect(try await accounts.check(token: third) == .userDisabled)
            #expect(try await sessions.session(token: session) == nil)
            #expect(try await Self.run(["list"], database).output.contains("since \(Self.day(0))"))
            #expect(try await Self.run(["disable", partner.id], database).output.contains("already disabled"))
            let enabled = try await Self.run(["enable", partner.id], database)
            #expect(enabled.status == 0 && enabled.output.contains("enabled intake@example.org"))
            #expect(try await accounts.user(forToken: third) == partner)

            let all = try await Self.run(["revoke-token", partner.id, "--all"], database)
            #expect(all.status == 0 && all.output.contains("revoked tok_"), "\(all.errors)")
            #expect(try await accounts.user(forToken: third) == nil)
            #expect(try await Self.run(["revoke-token", partner.id, "--all"], database).output.contains("nothing revoked"))

            let audit = try await ReferralStore(database: store.database)
                .auditLog(by: User(id: "cli", email: "cli@localhost", role: .admin)).map(\.action)
            #expect(audit.filter { $0 == "token.revoke" }.count == 3)
            #expect(audit.contains("user.disable") && audit.contains("user.enable") && audit.contains("token.rotate"))
        }
    }

    @Test(arguments: TestBackend.available)
    func mistakesAreOneReadableLineAndANonZeroExit(backend: TestBackend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withSeededStore(backend) { store async throws in
            let database = store.database.location.connectionString
            let (admin, _) = try await AccountStore(database: store.database).addUser(email: "root@example.org", role: .admin)

            for (arguments, message) in [
                (["disable", "nobody@example.org"], "no user with id or email 'nobody@example.org'"),
                (["enable", "usr_missing"], "no user with id or email 'usr_missing'"),
                (["revoke-token", "nobody@example.org", "--all"], "no user with id or email 'nobody@example.org'"),
                (["revoke-token", admin.id, "clt_ffffffff"], "root@example.org has no token with id or prefix 'clt_ffffffff'"),
                (["rotate-token", "nobody@example.org"], "no user with id or email 'nobody@example.org'"),
                (["add-token", admin.id, "--token-days", "0"], "a token lives 1–3650 days, not 0"),
                (["disable", admin.id], "root@example.org is the last administrator who is not disabled"),
                (["token-days", "5000"], "a token lives 1–3650 days, not 5000"),
            ] {
                let run = try await Self.run(arguments, database)
                #expect(run.status != 0, "\(arguments)")
                #expect(run.errors.contains(message), "\(arguments): \(run.errors)")
                // One line says what is wrong (a loaded PostgreSQL may add a driver's warning line of its own).
                #expect(run.errors.split(separator: "\n").filter { $0.hasPrefix("Error:") }.count == 1, "\(run.errors)")
                #expect(!run.errors.contains("Usage:") && !run.errors.contains("USAGE:"), "\(run.errors)")
            }
            let both = try await Self.run(["revoke-token", admin.id, "tok_x", "--all"], database)
            #expect(both.status != 0 && both.errors.contains("give either a token id or prefix, or --all"))

            let set = try await Self.run(["token-days", "14"], database)
            #expect(set.status == 0 && set.output.contains("new API tokens expire after 14 days"), "\(set.errors)")
            let issued = try await Self.run(["add-token", admin.id], database)
            #expect(issued.status == 0 && issued.errors.contains("expires \(Self.day(14))"), "\(issued.errors)")
        }
    }
}
