import ArgumentParser
import Foundation
import Storage
import Workflows

extension UserCommand {
    /// `closeloop user disable`: no sign-in, sessions ended, tokens refused, at once.
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user: their browser sessions end and their API tokens stop working at once.",
            discussion: "Tokens are refused while the user is disabled; `enable` restores those neither revoked nor expired.")

        @Argument(help: "The user's id or email.")
        var user: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let change = try await UserCommand.administer(database) { try await $0.disable(user, by: UserCommand.operatorUser, now: Date()) }
            let account = change.account
            if change.changed {
                let sessions = change.sessionsEnded == 1 ? "1 browser session" : "\(change.sessionsEnded) browser sessions"
                print("disabled \(account.user.email) (\(account.user.id)): \(sessions) ended, API tokens refused")
            } else {
                print("\(account.user.email) (\(account.user.id)) was already disabled since \(UserCommand.day(account.disabledAt))")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user again.")

        @Argument(help: "The user's id or email.")
        var user: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let change = try await UserCommand.administer(database) { try await $0.enable(user, by: UserCommand.operatorUser, now: Date()) }
            let account = change.account
            print(change.changed ? "enabled \(account.user.email) (\(account.user.id))" : "\(account.user.email) (\(account.user.id)) was not disabled")
        }
    }

    /// `closeloop user token-days`: the district's default token lifetime.
    struct TokenDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token-days", abstract: "Show or set how many days new API tokens live by default (90 unless set).")

        @Argument(help: "The new default, 1–3650 days; without it, the current one is shown.")
        var days: Int?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let days = self.days
            let current = try await UserCommand.administer(database) { administration in
                if let days { try await administration.setDefaultTokenDays(days, by: UserCommand.operatorUser) }
                return try await administration.defaultTokenDays()
            }
            print("new API tokens expire after \(current) days")
        }
    }
}
