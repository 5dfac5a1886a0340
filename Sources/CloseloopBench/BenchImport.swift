import ArgumentParser
import BenchSupport
import Directory
import Feeds
import Foundation
import Logging
import Storage
import TextFormats

/// `closeloop-bench import`: a synthetic directory written as an AIRS XML feed and an HSDS CSV package,
/// each imported by `closeloop import` in a child process and compared with a baseline tool that only
/// reads the same files: `xmllint --stream --noout` for the XML, sqlite3's `.import` for the CSVs.
struct BenchImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time `closeloop import` of synthetic AIRS XML and HSDS CSV feeds against xmllint and sqlite3 .import.",
        discussion: """
            Every command runs as a child process of this one; wall time and peak RSS (wait4's ru_maxrss) are \
            measured per run and the median time is reported. Each closeloop run imports into a fresh SQLite \
            file that holds only the seed's barrier vocabulary, so taxonomy codes map to domains as in a real \
            store. Goal: within 3× of the baseline's time and under 300 MB peak memory.
            """)

    @Option(help: "Services in the synthetic directory (organizations: a third of that, each with 1–3 sites).")
    var services = 100_000

    @Option(help: "Runs of each command; the median time is reported.")
    var runs = 3

    @Option(help: "Folder for the feeds and databases (default: a new temporary folder).")
    var work: String?

    @Flag(help: "Keep the feeds and databases instead of removing them at the end.")
    var keep = false

    @Option(help: "The closeloop executable to measure (default: the one built beside closeloop-bench).")
    var closeloop: String?

    @Option(help: "Folder with the seed files whose barriers map taxonomy codes (default: as `serve` finds it).")
    var seedDir: String?

    @Option(help: ArgumentHelp(
        "Also report the coverage of this feed (repeatable): the shared AIRS excerpt, a 211 flat export…",
        valueName: "path"))
    var coverageFeed: [String] = []

    @Option(help: "Mapping profile for the spreadsheets among --coverage-feed (default: importers/profiles/<name>.yaml).")
    var coverageProfile: String?

    static let source = "synthetic"
    static let timeGoal = 3.0
    static let memoryGoalMB = 300.0

    func validate() throws {
        guard services >= 1 else { throw ValidationError("--services must be at least 1") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() async throws {
        let workspace = try BenchWorkspace(path: work)
        do {
            try await run(in: workspace)
        } catch {
            workspace.finish(keep: keep)
            throw error
        }
        workspace.finish(keep: keep)
    }

    private func run(in workspace: BenchWorkspace) async throws {
        let executable = try BenchProcess.closeloopExecutable(explicit: closeloop)
        print("closeloop-bench import: \(services) services, \(runs) run(s) of each command")
        print("machine: \(BenchMachine.summary)")
        print("load average at start: \(BenchMachine.loadAverage)")
        print("closeloop: \(executable)")
        if executable.contains("/debug/") {
            print("note: this is a debug build; run `swift run -c release closeloop-bench …` for meaningful numbers")
        }
        print("work folder: \(workspace.folder.path)\(keep ? " (kept)" : " (removed at the end)")")

        let seedFolder = try Seed.locate(explicit: seedDir)
        let barriers = try Seed.load(from: seedFolder).barriers
        let feeds = try writeFeeds(workspace, mapping: TaxonomyMapping(barriers: barriers), seedFolder: seedFolder)

        let xmllint = BenchProcess.which("xmllint")
        let sqlite3 = BenchProcess.which("sqlite3")
        if xmllint == nil { print("xmllint is not installed (apt package libxml2-utils): the AIRS baseline is skipped") }
        if sqlite3 == nil { print("sqlite3 is not installed (apt package sqlite3): the HSDS baseline is skipped") }

        let cases = [
            BenchFeed(
                name: "AIRS XML", path: feeds.xml.path, format: .airsXML, baselineName: "xmllint --stream",
                baseline: xmllint.map { tool in
                    { _ in BenchCommand(executable: tool, arguments: ["--stream", "--noout", feeds.xml.path]) }
                }),
            BenchFeed(
                name: "HSDS CSV", path: feeds.hsds.path, format: .hsdsCSV, baselineName: "sqlite3 .import",
                baseline: sqlite3.map { tool in
                    { run in
                        let database = workspace.file("baseline-\(run).db")
                        BenchWorkspace.removeDatabase(database.path)
                        return BenchCommand(
                            executable: tool,
                            arguments: ["-bail", database.path, ".mode csv"]
                                + feeds.hsdsTables.map { ".import \(feeds.hsds.appendingPathComponent($0).path) \(($0 as NSString).deletingPathExtension)" })
                    }
                }),
        ]

        var results: [BenchFeedResult] = []
        for feed in cases {
            results.append(try await measure(feed, executable: executable, barriers: barriers, workspace: workspace))
        }
        report(results)

        var coverage: [(name: String, coverage: FeedCoverage)] = []
        let coverageFeeds = [
            BenchImportCoverage.Feed(name: "synthetic AIRS XML", path: feeds.xml.path, format: .airsXML, profile: nil),
            BenchImportCoverage.Feed(name: "synthetic HSDS CSV", path: feeds.hsds.path, format: .hsdsCSV, profile: nil),
        ] + (try coverageFeed.map { try BenchImportCoverage.feed(path: $0, profile: coverageProfile) })
        for feed in coverageFeeds {
            coverage.append((feed.name, try await BenchImportCoverage.measure(feed, barriers: barriers, seedFolder: seedFolder)))
        }
        print("")
        print("coverage: share of active services that state each fact (measured in process through the import's "
              + "readers, ZIP centres included; not timed)")
        print(BenchImportCoverage.table(coverage))
    }

    // MARK: Feeds

    private struct FeedFiles {
        let xml: URL
        let hsds: URL
        /// The HSDS package's CSV file names.
        let hsdsTables: [String]
    }

    /// Generates the synthetic directory and writes it in both formats. The directory itself is dropped
    /// before anything is measured.
    private func writeFeeds(_ workspace: BenchWorkspace, mapping: TaxonomyMapping, seedFolder: URL) throws -> FeedFiles {
        var clock = BenchProcess.monotonicSeconds()
        func lap() -> Double {
            let now = BenchProcess.monotonicSeconds()
            defer { clock = now }
            return now - clock
        }
        let directory = SyntheticDirectory.make(services: services, source: Self.source)
        print(String(format: "generated %d organizations, %d locations, %d services, %d service-at-location links in %.1f s",
                     directory.organizations.count, directory.locations.count, directory.services.count,
                     directory.servicesAtLocation.count, lap()))

        let xml = workspace.file("feed.xml")
        let written = try AIRSExporter(directory: directory, sourceID: "synthetic-211", keys: .externalIDs).write(to: xml)
        print(String(format: "wrote %@: %d agencies, %d sites, %d site services, %.1f MB in %.1f s",
                     xml.lastPathComponent, written.agencies, written.sites, written.services,
                     Double(written.bytes) / 1_048_576, lap()))

        let hsds = workspace.file("hsds")
        try HSDSExporter(directory: directory).write(to: hsds)
        let tables = try FileManager.default.contentsOfDirectory(atPath: hsds.path).filter { $0.hasSuffix(".csv") }.sorted()
        let bytes = tables.reduce(Int64(0)) { total, table in
            let size = (try? FileManager.default.attributesOfItem(atPath: hsds.appendingPathComponent(table).path)[.size]) as? NSNumber
            return total + (size?.int64Value ?? 0)
        }
        print(String(format: "wrote %@/: datapackage.json and %d CSV tables, %.1f MB in %.1f s",
                     hsds.lastPathComponent, tables.count, Double(bytes) / 1_048_576, lap()))

        // The import maps codes through the barriers the store holds; say how much of the feed they cover.
        var servicesPerCode: [String: Int] = [:]
        for service in directory.services { for code in service.taxonomyCodes { servicesPerCode[code, default: 0] += 1 } }
        let unmapped = mapping.unmapped(servicesPerCode.keys.sorted())
        print("taxonomy: \(servicesPerCode.count - unmapped.count) of \(servicesPerCode.count) codes map to the seed's "
              + "\(mapping.barriers.count) barriers (\(seedFolder.path))"
              + (unmapped.isEmpty ? "" : "; unmapped: " + unmapped.map { "\($0) (\(servicesPerCode[$0] ?? 0) services)" }.joined(separator: ", ")))
        return FeedFiles(xml: xml, hsds: hsds, hsdsTables: tables)
    }

    // MARK: Runs

    private func measure(
        _ feed: BenchFeed, executable: String, barriers: [Barrier], workspace: BenchWorkspace
    ) async throws -> BenchFeedResult {
        var result = BenchFeedResult(feed: feed)
        for run in 1...runs {
            if let baseline = feed.baseline?(run) {
                var command = baseline
                command.standardOutput = workspace.file("\(feed.slug)-baseline-\(run).out").path
                command.standardError = workspace.file("\(feed.slug)-baseline-\(run).err").path
                let measured = try BenchProcess.measure(command)
                if !measured.succeeded {
                    result.failures.append("\(feed.baselineName) run \(run) exited with \(measured.exitStatus): "
                                           + BenchFailure.tail(command.standardError))
                }
                result.baseline.append(measured)
                if run == 1 { result.baselineCommand = command.display }
            }

            let database = workspace.file("\(feed.slug)-\(run).sqlite")
            try await Self.prepareDatabase(database.path, barriers: barriers)
            let command = BenchCommand(
                executable: executable,
                arguments: ["import", feed.path, "--format", feed.format.rawValue, "--source", Self.source, "--db", database.path],
                standardOutput: workspace.file("\(feed.slug)-closeloop-\(run).out").path,
                standardError: workspace.file("\(feed.slug)-closeloop-\(run).err").path)
            let measured = try BenchProcess.measure(command)
            result.closeloop.append(measured)
            if run == 1 { result.closeloopCommand = command.display }
            let output = (try? String(contentsOfFile: command.standardOutput!, encoding: .utf8)) ?? ""
            if measured.succeeded {
                result.records = Self.number(before: " records read", in: output) ?? result.records
                if run == 1 { result.importReport = output.split(separator: "\n").map(String.init) }
            } else {
                result.failures.append("closeloop import run \(run) exited with \(measured.exitStatus): "
                                       + BenchFailure.tail(command.standardError) + " " + output.suffix(300))
            }
            BenchWorkspace.removeDatabase(database.path)
            print(String(format: "  %@ run %d: closeloop %.2f s, %.0f MB%@", feed.name, run, measured.seconds, measured.peakRSSMegabytes,
                         result.baseline.count == run
                            ? String(format: "; %@ %.2f s, %.0f MB", feed.baselineName, result.baseline[run - 1].seconds,
                                     result.baseline[run - 1].peakRSSMegabytes)
                            : ""))
        }
        return result
    }

    /// A fresh SQLite store with the schema and the seed's barrier vocabulary and nothing else, as the
    /// store of a district that has not imported anything yet.
    static func prepareDatabase(_ path: String, barriers: [Barrier]) async throws {
        BenchWorkspace.removeDatabase(path)
        var logger = Logger(label: "closeloop-bench")
        logger.logLevel = .error
        try await Database.withOpen(.sqlite(path: path), logger: logger) { database in
            _ = try await database.migrate()
            try await DirectoryStore(database: database).saveBarriers(barriers)
        }
    }

    /// "10.21, 10.02 s (CPU 14.90, 14.75 s); peak RSS 120, 121 MB (wait4 ru_maxrss); CPU steal 2, 14%".
    static func describe(_ runs: [BenchMeasurement]) -> String {
        let sources = Set(runs.map { $0.peakIsExact ? "wait4 ru_maxrss" : "VmHWM sampled every 3 ms" })
        let steal = runs.compactMap(\.stealPercent)
        return runs.map { String(format: "%.2f", $0.seconds) }.joined(separator: ", ") + " s (CPU "
            + runs.map { String(format: "%.2f", $0.cpuSeconds) }.joined(separator: ", ") + " s); peak RSS "
            + runs.map { String(format: "%.0f", $0.peakRSSMegabytes) }.joined(separator: ", ") + " MB ("
            + sources.sorted().joined(separator: " / ") + ")"
            + (steal.isEmpty ? "" : "; CPU steal " + steal.map { String(format: "%.0f", $0) }.joined(separator: ", ") + "%")
    }

    /// The integer right before `suffix` in `text` ("12 records read" → 12).
    static func number(before suffix: String, in text: String) -> Int? {
        guard let range = text.range(of: suffix) else { return nil }
        let digits = text[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }

    // MARK: Report

    private func report(_ results: [BenchFeedResult]) {
        var table = TextTable([
            ("feed", .left), ("records", .right), ("closeloop s", .right), ("records/s", .right), ("peak RSS MB", .right),
            ("baseline", .left), ("baseline s", .right), ("ratio", .right), ("goal", .left), ("result", .left),
        ])
        for result in results {
            let seconds = result.closeloop.map(\.seconds).median
            let rss = result.closeloop.map(\.peakRSSMegabytes).max() ?? 0
            let baselineSeconds = result.baseline.isEmpty ? nil : result.baseline.map(\.seconds).median
            let ratio = baselineSeconds.map { seconds / Swift.max($0, 1e-9) }
            var misses: [String] = []
            if !result.failures.isEmpty { misses.append("failed") }
            if let ratio, ratio > Self.timeGoal { misses.append("time") }
            if rss >= Self.memoryGoalMB { misses.append("memory") }
            var verdict: BenchVerdict = misses.isEmpty ? .pass(note: ratio == nil ? "memory only" : nil) : .fail(note: misses.joined(separator: ", "))
            // Failures and memory do not depend on the neighbours; only a verdict resting on the time ratio is marked.
            if ratio != nil, result.failures.isEmpty, rss < Self.memoryGoalMB {
                verdict = verdict.timed(stealPercent: BenchVerdict.medianSteal((result.closeloop + result.baseline).map(\.stealPercent)))
            }
            table.append([
                result.feed.name, result.records.map(String.init) ?? "?", String(format: "%.2f", seconds),
                result.records.map { String(format: "%.0f", Double($0) / Swift.max(seconds, 1e-9)) } ?? "?",
                String(format: "%.0f", rss),
                baselineSeconds == nil ? "\(result.feed.baselineName) (skipped)" : result.feed.baselineName,
                baselineSeconds.map { String(format: "%.2f", $0) } ?? "-",
                ratio.map { String(format: "%.1f×", $0) } ?? "-",
                String(format: "≤%.0f× and <%.0f MB", Self.timeGoal, Self.memoryGoalMB), verdict.description,
            ])
        }
        print("")
        print("times are medians of \(runs) run(s) (wall clock); peak RSS is the child's, the largest of its runs; "
              + "load average at the end: \(BenchMachine.loadAverage)")
        print(table.text)

        for result in results {
            print("")
            print("\(result.feed.name):")
            if let command = result.baselineCommand { print("  baseline:  \(command)") }
            if let command = result.closeloopCommand {
                print("  closeloop: \(command)")
                print("             (a fresh SQLite file per run holding only the seed's barriers)")
            }
            print("  closeloop runs: " + Self.describe(result.closeloop))
            if !result.baseline.isEmpty { print("  baseline runs:  " + Self.describe(result.baseline)) }
            for line in result.importReport.prefix(4) { print("  import said: \(line)") }
            for failure in result.failures { print("  failure: \(failure)") }
        }
    }
}

/// One feed of the benchmark and its baseline.
private struct BenchFeed {
    let name: String
    let path: String
    let format: FeedFormat
    let baselineName: String
    /// The baseline command for run N, or nil when the tool is not installed.
    let baseline: ((Int) -> BenchCommand)?

    var slug: String { format.rawValue }
}

private struct BenchFeedResult {
    let feed: BenchFeed
    var closeloop: [BenchMeasurement] = []
    var baseline: [BenchMeasurement] = []
    var records: Int?
    var closeloopCommand: String?
    var baselineCommand: String?
    var importReport: [String] = []
    var failures: [String] = []

    init(feed: BenchFeed) { self.feed = feed }
}

/// The benchmark's folder: a new temporary one (removed at the end unless kept), or one the user named,
/// from which only what the benchmark wrote is removed.
final class BenchWorkspace {
    let folder: URL
    private let created: Bool
    private var written: Set<String> = []

    init(path: String?) throws {
        let manager = FileManager.default
        if let path {
            folder = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
            created = !manager.fileExists(atPath: folder.path)
        } else {
            folder = manager.temporaryDirectory.appendingPathComponent("closeloop-bench-\(UUID().uuidString)", isDirectory: true)
            created = true
        }
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A path inside the folder, remembered for the clean-up.
    func file(_ name: String) -> URL {
        written.insert(name)
        return folder.appendingPathComponent(name)
    }

    func finish(keep: Bool) {
        guard !keep else { return }
        let manager = FileManager.default
        if created {
            try? manager.removeItem(at: folder)
        } else {
            for name in written {
                let path = folder.appendingPathComponent(name).path
                for suffix in ["", "-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: path + suffix) }
            }
        }
    }

    /// Removes a SQLite file and its WAL, shared-memory and journal files.
    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
