import ArgumentParser
import Foundation
import Referrals
import Storage
import Workflows

extension UserCommand {
    /// `closeloop user list`: one line per user, with what may need taking back.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List users: id, email, role, organization or schools, disabled, tokens, last sign-in.",
            discussion: "TOKENS counts the tokens that still sign in, with the soonest expiry among them.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let now = Date()
            let accounts = try await UserCommand.administer(database) { try await $0.list(by: UserCommand.operatorUser) }
            print(Self.table(accounts, now: now), terminator: "")
        }

        static func table(_ accounts: [Account], now: Date) -> String {
            let header = ["ID", "EMAIL", "ROLE", "ORGANIZATION", "DISABLED", "TOKENS", "LAST SIGN-IN"]
            let rows = accounts.map { account in
                let user = account.user
                let scope = user.organizationID ?? (user.schoolIDs.isEmpty ? "-" : "schools " + user.schoolIDs.joined(separator: ","))
                let active = account.activeTokens(at: now)
                let tokens = active.isEmpty ? "0"
                    : "\(active.count) (" + (account.soonestExpiry(at: now).map { "expires \(UserCommand.day($0))" } ?? "no expiry") + ")"
                return [user.id, user.email, user.role.rawValue, scope, account.disabledAt.map { "since \(UserCommand.day($0))" } ?? "no",
                        tokens, account.lastLoginAt.map { UserCommand.day($0) } ?? "never"]
            }
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            func line(_ cells: [String]) -> String {
                zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces) + "\n"
            }
            let plural = accounts.count == 1 ? "" : "s"
            return ([header] + rows).map(line).joined() + "\(accounts.count) user\(plural)\n"
        }
    }
}
