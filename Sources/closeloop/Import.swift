import ArgumentParser
import Directory
import Foundation
import Importers
import Logging
import Storage

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a 211 AIRS XML file, an HSDS datapackage or a mapped spreadsheet into the directory.",
        discussion: """
            Re-importing a source is idempotent: records are matched by (source, id) and counted as added, \
            updated, unchanged or withdrawn. The whole import is one transaction.
            """)

    @Argument(help: "The feed: an .xml file, an HSDS folder or .zip, or a .csv spreadsheet.")
    var path: String

    @Option(help: "airs-xml, hsds-csv or csv (detected from the path when omitted).")
    var format: FeedFormat?

    @Option(help: "YAML mapping profile for --format csv (see importers/profiles/).")
    var profile: String?

    @Option(help: "Name of the feed; records missing from a full re-import of it are withdrawn (default: the file name).")
    var source: String?

    @Flag(help: "Abort on the first problem; the store stays exactly as before.")
    var strict = false

    @Flag(help: "Validate and count without writing anything.")
    var dryRun = false

    @Option(help: "Write every skipped record and its reason to this CSV file.")
    var rejects: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        HeapMemory.keepFreedMemoryFromPilingUp()
        let logger = makeLogger()
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("no such file or folder: \(path)") }
        guard let format = format ?? FeedFormat.detect(path: path) else {
            throw CommandFailure("cannot tell the format of \(path); pass --format airs-xml, hsds-csv or csv")
        }
        let source = source ?? Self.defaultSource(for: path)
        try await database.withStore(logger: logger) { store in
            try await importFeed(into: store, format: format, source: source)
        }
    }

    private func importFeed(into store: DirectoryStore, format: FeedFormat, source: String) async throws {
        let mapping = TaxonomyMapping(barriers: try await barriers(from: store))
        let reader = try makeReader(format: format, source: source, mapping: mapping)
        let reporter = ProgressReporter()
        let summaryBox = SummaryBox()
        let strict = self.strict

        let counts = try await store.importFeed(.init(source: source, dryRun: dryRun)) { writer in
            var sawWholeFeed = false
            for try await event in reader.batches(progress: { reporter.update($0) }) {
                switch event {
                case .batch(let batch):
                    try await writer.write(batch)
                case .finished(let summary):
                    await summaryBox.set(summary)
                    if strict, let first = summary.errors.first {
                        throw CommandFailure("import aborted, nothing written: \(summary.errors.count) problem(s); first: \(first)")
                    }
                    // Records after a break were never seen: keep what was read, withdraw nothing.
                    sawWholeFeed = summary.readToEnd
                }
            }
            return sawWholeFeed
        }
        reporter.finish()

        let summary = await summaryBox.summary ?? ReadSummary()
        if let rejects { try writeRejects(summary.errors, to: rejects) }
        printSummary(summary, counts, format: format, source: source, elapsed: reporter.elapsed)
    }

    static func defaultSource(for path: String) -> String {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return name.isEmpty ? "feed" : name
    }

    /// The store's barrier vocabulary maps taxonomy codes; a store created with --no-seed falls back to the seed's.
    private func barriers(from store: DirectoryStore) async throws -> [Barrier] {
        let stored = try await store.barriers()
        if !stored.isEmpty { return stored }
        return try Seed.load(from: try Seed.locate()).barriers
    }

    private func makeReader(format: FeedFormat, source: String, mapping: TaxonomyMapping) throws -> any FeedReader {
        let now = Date()
        switch format {
        case .airsXML:
            return AIRSReader(path: path, source: source, mapping: mapping, importedAt: now)
        case .hsdsCSV:
            return HSDSReader(path: path, source: source, mapping: mapping, importedAt: now)
        case .mappedCSV:
            guard let profile else { throw CommandFailure("--format csv needs --profile FILE (see importers/profiles/)") }
            let mappingProfile: MappingProfile
            do {
                mappingProfile = try MappingProfile.load(path: profile)
            } catch {
                throw CommandFailure("profile \(profile): \(error)")
            }
            return MappedCSVReader(path: path, profile: mappingProfile, source: source, mapping: mapping, importedAt: now)
        }
    }

    private func writeRejects(_ problems: [ImportProblem], to path: String) throws {
        var text = "file,line,column,field,record_id,message\n"
        for problem in problems {
            let fields = [
                problem.file, problem.line.map(String.init) ?? "", problem.column.map(String.init) ?? "",
                problem.field ?? "", problem.recordID ?? "", problem.message,
            ]
            text += fields.map(Self.csvField).joined(separator: ",") + "\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func printSummary(_ summary: ReadSummary, _ counts: ImportCounts, format: FeedFormat, source: String, elapsed: TimeInterval) {
        let rate = Double(summary.recordsRead) / max(elapsed, 0.001)
        print(String(format: "%@ %@ (%@): %d records read in %.1f s (%.0f records/s)%@",
                     dryRun ? "dry run of" : "imported", path, format.rawValue, summary.recordsRead, elapsed, rate,
                     source == Self.defaultSource(for: path) ? "" : ", source \(source)"))
        print(counts.description)
        let errors = summary.errors.count, warnings = summary.problems.count - errors
        if errors + warnings > 0 {
            print("\(errors) record(s) skipped, \(warnings) warning(s)" + (rejects.map { "; skipped records in \($0)" } ?? ""))
            for problem in summary.problems.prefix(10) { print("  \(problem.severity.rawValue): \(problem)") }
            if summary.problems.count > 10 { print("  … \(summary.problems.count - 10) more") }
        }
        if !summary.unmappedTaxonomyCodes.isEmpty {
            let top = summary.unmappedTaxonomyCodes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            print("\(top.count) taxonomy code(s) map to no barrier: " + top.prefix(10).map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
        }
        if !summary.readToEnd { print("reading stopped early (see the first error); nothing was withdrawn") }
    }
}

extension FeedFormat: ExpressibleByArgument {}

private actor SummaryBox {
    var summary: ReadSummary?
    func set(_ summary: ReadSummary) { self.summary = summary }
}
