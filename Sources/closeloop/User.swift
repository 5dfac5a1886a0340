import ArgumentParser
import Foundation
import Referrals
import Storage

extension Role: ExpressibleByArgument {}

/// `closeloop user add`: people and their API tokens.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users and API tokens.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user and print a new API token (shown once; only its hash is stored).",
            discussion: """
                Coordinators need --school (repeatable), partners --org; district and admin users see the whole \
                district. --password-stdin reads a password for the web pages from standard input (bcrypt-hashed).
                """)

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

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let password = passwordStdin ? readLine(strippingNewline: true) : nil
            let (user, token) = try await database.withStore(logger: makeLogger()) { store in
                do {
                    return try await AccountStore(database: store.database)
                        .addUser(email: email, role: role, organizationID: org, schoolIDs: school, password: password)
                } catch let error as AccountError {
                    throw CommandFailure(error.description)
                }
            }
            let scope = user.organizationID.map { " for organization \($0)" }
                ?? (user.schoolIDs.isEmpty ? "" : " for schools \(user.schoolIDs.joined(separator: ", "))")
            FileHandle.standardError.write(Data("added \(user.role.rawValue) \(user.email) (\(user.id))\(scope); API token (shown once):\n".utf8))
            print(token)
        }
    }
}
