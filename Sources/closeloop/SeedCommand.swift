import ArgumentParser
import Foundation
import Storage

extension DemoWriter: ExpressibleByArgument {}

/// `closeloop seed [--demo-referrals N]`: loads the demo directory into an empty store and, if asked,
/// synthetic students, consents and referrals over the school year so far, with demo users to sign
/// in as. Students have no names; nothing here is real data.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load the demo directory into an empty store; with --demo-referrals, synthetic referrals and demo users too.",
        discussion: """
            In a store that already holds services (an import, an earlier seed) only the barrier vocabulary is \
            brought up to the seed's; the directory and the schools are left as they were.

            Demo users (created once, then reused): coordinator@demo.closeloop.test (two schools), partner@demo.closeloop.test \
            (the organization with the most services), district@demo.closeloop.test and admin@demo.closeloop.test, all with \
            the password given by --password (default "\(DemoReferralOptions.defaultPassword)"). Each run prints a new API token for each.
            """)

    @Option(help: "Add this many synthetic referrals (for new demo students).")
    var demoReferrals: Int?

    @Option(help: "Random seed: the same seed makes the same students and referral histories.")
    var seed: UInt64 = 42

    @Option(help: "store (through the referral store, one transaction per write) or bulk (batched inserts); default: store up to 20,000 referrals.")
    var writer: DemoWriter?

    @Option(help: "Password for the four demo sign-in users (at least 10 characters).")
    var password = DemoReferralOptions.defaultPassword

    @Option(help: "Folder with the seed files (env CLOSELOOP_SEED_DIR; default ./seed or the source checkout's).")
    var seedDir: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let demoReferrals, demoReferrals < 1 { throw ValidationError("--demo-referrals must be at least 1") }
        if password.count < 10 { throw ValidationError("--password needs at least 10 characters") }
    }

    /// What the seed did, in one line.
    static func describe(_ outcome: SeedOutcome) -> String {
        switch outcome {
        case let .loadedDirectory(organizations, services, schools):
            return "seeded the demo directory: \(organizations) organizations, \(services) services, \(schools) schools"
        case let .updatedBarriers(added, changed, unchanged, services):
            let barriers = added + changed == 0
                ? "barriers already up to date (\(unchanged))"
                : "barriers updated: \(added) added, \(changed) changed, \(unchanged) unchanged"
            return "\(barriers); directory and schools left as they were: \(services) services present"
        }
    }

    func run() async throws {
        try await database.withStore(logger: makeLogger()) { store in
            print(Self.describe(try await store.seed(try Seed.load(from: try Seed.locate(explicit: seedDir)))))
            if let demoReferrals {
                let started = Date()
                let summary = try await DemoReferrals.fill(
                    store, DemoReferralOptions(referrals: demoReferrals, seed: seed, writer: writer, password: password)
                ) { written in
                    FileHandle.standardError.write(Data("  \(written) referrals written\n".utf8))
                }
                print(String(format: "added %d demo students, %d referrals and %d events (%@ writer, %.1f s)",
                             summary.students, summary.referrals, summary.events, summary.writer.rawValue, Date().timeIntervalSince(started)))
                print("\ndemo sign-ins (web: email + password; API: Authorization: Bearer <token>):")
                for login in summary.logins {
                    let scope = login.user.organizationID.map { "organization \($0)" }
                        ?? (login.user.schoolIDs.isEmpty ? "whole district" : "schools \(login.user.schoolIDs.joined(separator: ", "))")
                    print("  \(login.user.role.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(login.user.email)  password \(login.password)  (\(scope))")
                    print("              token \(login.token)")
                }
            }
        }
    }
}
