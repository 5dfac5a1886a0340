import ArgumentParser
import Foundation
import Storage
import Workflows

extension UserCommand {
    struct AddToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-token", abstract: "Issue another API token for a user (printed once); the others keep working.")

        @Argument(help: "The user's id or email.")
        var user: String

        @Option(help: "Days until the token expires (1–3650; default: the district's, else 90).")
        var tokenDays: Int?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let issued = try await UserCommand.administer(database) {
                try await $0.issueToken(for: user, days: tokenDays, rotating: false, by: UserCommand.operatorUser, now: Date())
            }
            UserCommand.note("token \(issued.info.id) for \(user), expires \(UserCommand.day(issued.info.expiresAt)) (shown once):")
            print(issued.token)
        }
    }

    struct RotateToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-token", abstract: "Issue a new API token for a user and revoke all their others (printed once).")

        @Argument(help: "The user's id or email.")
        var user: String

        @Option(help: "Days until the new token expires (1–3650; default: the district's, else 90).")
        var tokenDays: Int?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let issued = try await UserCommand.administer(database) {
                try await $0.issueToken(for: user, days: tokenDays, rotating: true, by: UserCommand.operatorUser, now: Date())
            }
            let revoked = issued.revoked.map(\.id).joined(separator: ", ")
            UserCommand.note("revoked \(issued.revoked.count) token(s)\(revoked.isEmpty ? "" : ": " + revoked)")
            UserCommand.note("new token \(issued.info.id) for \(user), expires \(UserCommand.day(issued.info.expiresAt)) (shown once):")
            print(issued.token)
        }
    }

    struct RevokeToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-token", abstract: "Revoke one API token of a user (by id or prefix), or all of them.",
            discussion: "A prefix is the token's start as `list` and the issuing command show it (clt_ and 4+ hex digits).")

        @Argument(help: "The user's id or email.")
        var user: String

        @Argument(help: "The token's id (tok_…) or the start of its text (clt_…).")
        var token: String?

        @Flag(help: "Revoke every token of the user.")
        var all = false

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (token != nil) != all else { throw ValidationError("give either a token id or prefix, or --all") }
        }

        func run() async throws {
            let (user, token, all) = (self.user, self.token, self.all)
            let revoked = try await UserCommand.administer(database) { administration in
                if all { return try await administration.revokeAllTokens(of: user, by: UserCommand.operatorUser, now: Date()) }
                return [try await administration.revokeToken(token ?? "", of: user, by: UserCommand.operatorUser, now: Date())]
            }
            if revoked.isEmpty { print("\(user) has no token that still signs in; nothing revoked") }
            for token in revoked { print("revoked \(token.id)\(token.prefix.map { " (\($0)…)" } ?? "") of \(user)") }
        }
    }
}
