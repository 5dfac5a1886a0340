import ArgumentParser
import Foundation
import Referrals
import Storage
import Workflows

extension Role: ExpressibleByArgument {}

/// `closeloop user`: people, their access and their API tokens, through the `AccountAdministration`
/// use case (the admin page's too), acting as the local operator.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users and API tokens.",
        subcommands: [Add.self, AddToken.self, List.self, Disable.self, Enable.self, RevokeToken.self, RotateToken.self, TokenDays.self, Profile.self])

    /// Changes made from the command line are audited as the CLI's operator (an administrator).
    static var operatorUser: User { ReferralCommandGroup.operatorUser }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user and print a new API token (shown once; only its hash is stored).",
            discussion: """
                Coordinators need --school (repeatable), partners --org; district and admin users see the whole \
                district. --password-stdin reads a password for the web pages from standard input (bcrypt-hashed). \
                The token expires after --token-days, else the district's default (closeloop user token-days), else 90 days.
                """,
            aliases: ["create"])

        @Option(help: "coordinator, partner, district or admin.")
        var role: Role

        @Option(help: "Email address (the sign-in name).")
        var email: String

        @Option(help: "The partner's organization id.")
        var org: String?

        @Option(help: "A school the coordinator works for (repeat for several).")
        var school: [String] = []

        @Flag(help: "Read a password for the web pages from standard input.")
        var passwordStdin = false

        @Option(help: "Days until the API token expires (1–3650).")
        var tokenDays: Int?

        @Option(help: "The name partners see on referrals (optional; not stated when left out).")
        var name: String?

        @Option(help: "A work phone partners may call (optional; partners read \"no phone listed\" without one).")
        var phone: String?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let password = passwordStdin ? readLine(strippingNewline: true) : nil
            let added = try await UserCommand.administer(database) { administration in
                try await administration.addUser(
                    email: email, role: role, organizationID: org, schoolIDs: school, password: password, tokenDays: tokenDays,
                    name: name, phone: phone, by: UserCommand.operatorUser, now: Date())
            }
            let user = added.user
            let scope = user.organizationID.map { " for organization \($0)" }
                ?? (user.schoolIDs.isEmpty ? "" : " for schools \(user.schoolIDs.joined(separator: ", "))")
            UserCommand.note("added \(user.role.rawValue) \(user.email) (\(user.id))\(scope); API token, expires \(UserCommand.day(added.expiresAt)) (shown once):")
            print(added.token)
        }
    }

    /// Runs `body` with the use case over the store, turning refusals into one readable line.
    static func administer<R>(_ database: DatabaseOptions, _ body: (AccountAdministration) async throws -> R) async throws -> R {
        try await database.withStore(logger: makeLogger()) { store in
            do {
                return try await body(AccountAdministration(accounts: AccountStore(database: store.database)))
            } catch let refusal as AccountRefusal {
                throw CommandFailure(refusal.description)
            }
        }
    }

    /// Messages go to standard error, so standard output carries only what a script reads (a token).
    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func day(_ date: Date?) -> String {
        date.map { CalendarDate($0).description } ?? "never"
    }
}
