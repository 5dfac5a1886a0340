import ArgumentParser
import Dispatch
import Server

struct Closeloop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "closeloop",
        abstract: "Community resource directory and closed-loop referrals for school districts.",
        subcommands: [Serve.self, Migrate.self, SeedCommand.self, Import.self, Export.self, Match.self, UserCommand.self, ReferralCommandGroup.self, ReportCommand.self, NotificationsCommand.self, LanguagesCommand.self, DistrictCommand.self])
}

/// A synchronous entry: `serve --handlers event-loops` must install NIO's executor hook before any
/// task runs (NIOSingletons' documented way), which an async `main` is too late for. The command is
/// parsed first, then run in a task of its own while the main thread serves the main queue.
@main
enum CloseloopMain {
    static func main() {
        let command: any ParsableCommand
        do {
            command = try Closeloop.parseAsRoot()
        } catch {
            Closeloop.exit(withError: error)
        }
        if let serve = command as? Serve, !serve.handlers.install() {
            makeLogger().warning("cannot run Swift concurrency on the event loops here; handlers stay on the concurrency pool")
        }
        Task.detached {
            do {
                var command = command
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            } catch {
                Closeloop.exit(withError: error)
            }
            Closeloop.exit()
        }
        dispatchMain()
    }
}
