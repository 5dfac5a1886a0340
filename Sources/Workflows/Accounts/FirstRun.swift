import Storage
import Synchronization

/// A store nobody can sign in to yet: no user at all (a new district's store, not the demo). Until
/// an administrator is added on the server's command line, `closeloop serve` logs how and the
/// sign-in page says so; both read the words here so they cannot drift from the real command.
public final class FirstRun: Sendable {
    /// The command that adds the first administrator (`closeloop user add`; there is no `--password`).
    public static let command = "closeloop user add --role admin --email ADMIN_EMAIL --password-stdin < password.txt"

    public static let instructions =
        "No one can sign in yet: this store has no users. On the server, create the first administrator with "
        + "`\(command)` (the password file holds one line), then sign in here."

    private let accounts: AccountStore
    /// Users never go back to none, so once one is seen the store is not asked again.
    private let usersSeen = Mutex(false)

    public init(accounts: AccountStore) {
        self.accounts = accounts
    }

    /// True while the store has no user at all.
    public func needsFirstAdministrator() async throws -> Bool {
        if usersSeen.withLock({ $0 }) { return false }
        let empty = try await accounts.accounts().isEmpty
        if !empty { usersSeen.withLock { $0 = true } }
        return empty
    }
}
