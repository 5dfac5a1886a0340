import ArgumentParser
import Reports
import Server

extension HandlerThreads: ExpressibleByArgument {}
extension ReportGroupBy: ExpressibleByArgument {}

/// `closeloop-bench …`: benchmarks that run the real commands as child processes and compare them with
/// a baseline tool run the same way. Not tests: they print measurements. Not part of `closeloop`.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "closeloop-bench",
        abstract: "Benchmarks: run closeloop commands as child processes, time them and compare with a baseline.",
        subcommands: [BenchImport.self, BenchMatch.self, BenchReferrals.self, BenchReports.self, BenchFastPaths.self, BenchHSDS.self])
}
