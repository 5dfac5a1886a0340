import ArgumentParser
import Foundation
import Referrals
import Storage
import Workflows

extension UserCommand {
    /// `closeloop user profile USER [--name N] [--phone P]`: show or set the name and work phone
    /// partners see on the referrals the user made (the admin page's profile form, from the shell).
    struct Profile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set a user's name and work phone (what partners see on the user's referrals).",
            discussion: "An option left out keeps its value; an empty one (--phone \"\") clears it: partners then read \"no phone listed\".")

        @Argument(help: "The user's id or email.")
        var user: String

        @Option(help: "The name partners see.")
        var name: String?

        @Option(help: "A work phone partners may call.")
        var phone: String?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let profile = try await UserCommand.administer(database) { administration in
                let account = try await administration.account(user, by: UserCommand.operatorUser)
                guard name != nil || phone != nil else { return (account.user.email, account.profile) }
                let saved = try await administration.updateProfile(
                    of: account.user.id, name: name ?? account.profile.displayName, phone: phone ?? account.profile.phone,
                    by: UserCommand.operatorUser, now: Date())
                return (account.user.email, saved)
            }
            print("\(profile.0)\tname: \(profile.1.displayName ?? "not stated")\tphone: \(profile.1.phone ?? "no phone listed")")
        }
    }
}
