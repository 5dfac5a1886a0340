import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// `closeloop user add --name --phone`: the profile partners see on a coordinator's referrals,
/// checked by the same rules as the pages (`ProfileRules`), one readable line for a bad phone.
@Suite("closeloop user add: name and phone")
struct UserProfileCommandTests {
    @Test(arguments: TestBackend.available)
    func addStoresTheProfileAndRefusesAPhoneThatIsNotOne(backend: TestBackend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withSeededStore(backend) { store async throws in
            let database = store.database.location.connectionString
            let accounts = AccountStore(database: store.database)
            let school = try #require(try await store.schools().first).id
            let added = try await UserCommandTests.run(
                ["add", "--role", "coordinator", "--email", "dana@example.org", "--school", school, "--name", "Dana Okafor", "--phone", "515-555-0123"],
                database)
            #expect(added.status == 0, "\(added.errors)")
            let account = try #require(try await accounts.account(idOrEmail: "dana@example.org"))
            #expect(account.profile == UserProfile(displayName: "Dana Okafor", phone: "515-555-0123"))

            let plain = try await UserCommandTests.run(["add", "--role", "district", "--email", "plain@example.org"], database)
            #expect(plain.status == 0, "\(plain.errors)")
            #expect(try await accounts.account(idOrEmail: "plain@example.org")?.profile == UserProfile(), "left out is not stated")

            let bad = try await UserCommandTests.run(["add", "--role", "district", "--email", "bad@example.org", "--phone", "ask the front desk"], database)
            #expect(bad.status != 0)
            #expect(bad.errors.split(separator: "\n").filter { $0.hasPrefix("Error:") }.count == 1, "\(bad.errors)")
            #expect(bad.errors.contains("is not a phone number"), "\(bad.errors)")
            #expect(try await accounts.account(idOrEmail: "bad@example.org") == nil)

            // `closeloop user profile`: shows it, changes what is given, clears what is given empty.
            let shown = try await UserCommandTests.run(["profile", "dana@example.org"], database)
            #expect(shown.status == 0 && shown.output.contains("name: Dana Okafor") && shown.output.contains("phone: 515-555-0123"), "\(shown.errors)")
            let cleared = try await UserCommandTests.run(["profile", "dana@example.org", "--phone", ""], database)
            #expect(cleared.status == 0 && cleared.output.contains("phone: no phone listed"), "\(cleared.errors)")
            #expect(try await accounts.account(idOrEmail: "dana@example.org")?.profile == UserProfile(displayName: "Dana Okafor", phone: nil))
            let refused = try await UserCommandTests.run(["profile", "dana@example.org", "--phone", "12"], database)
            #expect(refused.status != 0 && refused.errors.contains("is not a phone number"), "\(refused.errors)")
            let nobody = try await UserCommandTests.run(["profile", "nobody@example.org", "--name", "X"], database)
            #expect(nobody.status != 0 && nobody.errors.contains("no user with id or email 'nobody@example.org'"))
        }
    }
}
