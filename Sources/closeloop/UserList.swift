import ArgumentParser
import Foundation
import Referrals
import Storage
import TextFormats
import Workflows

extension UserCommand {
    /// `closeloop user list`: one line per user, with what may need taking back.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List users: id, email, name, role, organization or schools, disabled, tokens, last sign-in.",
            discussion: "TOKENS counts the tokens that still sign in, with the soonest expiry among them.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let now = Date()
            let accounts = try await UserCommand.administer(database) { try await $0.list(by: UserCommand.operatorUser) }
            print(Self.table(accounts, now: now), terminator: "")
        }

        static func table(_ accounts: [Account], now: Date) -> String {
            var table = TextTable(
                ["ID", "EMAIL", "NAME", "ROLE", "ORGANIZATION", "DISABLED", "TOKENS", "LAST SIGN-IN"].map { ($0, .left) })
            for account in accounts {
                let user = account.user
                let scope = user.organizationID ?? (user.schoolIDs.isEmpty ? "-" : "schools " + user.schoolIDs.joined(separator: ","))
                let active = account.activeTokens(at: now)
                let tokens = active.isEmpty ? "0"
                    : "\(active.count) (" + (account.soonestExpiry(at: now).map { "expires \(UserCommand.day($0))" } ?? "no expiry") + ")"
                table.append([
                    user.id, user.email, account.profile.displayName ?? "-", user.role.rawValue, scope,
                    account.disabledAt.map { "since \(UserCommand.day($0))" } ?? "no", tokens,
                    account.lastLoginAt.map { UserCommand.day($0) } ?? "never",
                ])
            }
            return table.text + "\n\(accounts.count) user\(accounts.count == 1 ? "" : "s")\n"
        }
    }
}
