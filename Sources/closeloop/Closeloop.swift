import ArgumentParser

@main
struct Closeloop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "closeloop",
        abstract: "Community resource directory and closed-loop referrals for school districts.",
        subcommands: [Serve.self, Migrate.self, SeedCommand.self, Import.self, Export.self, Match.self, UserCommand.self, ReferralCommandGroup.self, ReportCommand.self])
}
