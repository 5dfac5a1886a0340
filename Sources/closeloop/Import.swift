import ArgumentParser
import Directory
import Foundation
import Feeds
import Logging
import Storage

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a 211 AIRS XML file, an HSDS datapackage or a mapped spreadsheet into the directory.",
        discussion: """
            Re-importing a source is idempotent: records are matched by (source, id) and counted as added, \
            updated, unchanged or withdrawn. The whole import is one transaction. The default source is the \
            file name without its date or version stamp ("export-2026-11-08.xml" is source "export"). US sites \
            with an address but no coordinates are placed at their ZIP code's centre (seed/us-zip-centroids.tsv).
            """)

    @Argument(help: "The feed: an .xml file, an HSDS folder or .zip, or a .csv spreadsheet.")
    var path: String

    @Option(help: "airs-xml, hsds-csv or csv (detected from the path when omitted).")
    var format: FeedFormat?

    @Option(help: "YAML mapping profile for --format csv (see importers/profiles/).")
    var profile: String?

    @Option(help: """
        Name of the feed; records missing from a full re-import of it are withdrawn (default: the file name \
        without a date or version stamp).
        """)
    var source: String?

    @Flag(help: "Abort on the first problem; the store stays exactly as before.")
    var strict = false

    @Flag(help: "Validate and count without writing anything.")
    var dryRun = false

    @Option(help: "Write every problem (records skipped and warnings) with file, line, field, kind and reason to this CSV file.")
    var rejects: String?

    @Flag(help: "Print the share of active services that state each fact matching uses (domain, ages, languages, …).")
    var coverage = false

    @Option(help: "Folder with the ZIP-centre table (env CLOSELOOP_SEED_DIR; default ./seed or the source checkout's).")
    var seedDir: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        HeapMemory.keepFreedMemoryFromPilingUp()
        let logger = makeLogger()
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("no such file or folder: \(path)") }
        guard let format = format ?? FeedFormat.detect(path: path) else {
            throw CommandFailure("cannot tell the format of \(path); pass --format airs-xml, hsds-csv or csv")
        }
        let source = try chooseSource()
        let placement = loadSitePlacement()
        try await database.withStore(logger: logger) { store in
            try await importFeed(into: store, format: format, source: source, placement: placement)
        }
    }

    /// `--source`, else the file name without its stamps; a name that is only a date needs `--source`.
    private func chooseSource() throws -> String {
        if let source {
            guard !source.trimmingCharacters(in: .whitespaces).isEmpty else { throw CommandFailure("--source cannot be empty") }
            return source
        }
        guard let name = FeedSourceName(path: path) else {
            throw CommandFailure("""
                the file name of \(path) is only a date or version, which changes from one export to the next; \
                name the feed with --source NAME (the same name every time you import it)
                """)
        }
        if !name.removed.isEmpty {
            print("source '\(name.name)' (the file name without \(name.removed.joined(separator: ", ")); --source NAME to choose another)")
        }
        return name.name
    }

    /// The ZIP-centre table, loaded once for this import. Without it sites without coordinates stay
    /// unplaced; the import says so rather than skipping it silently.
    private func loadSitePlacement() -> SitePlacement? {
        let file = (path as NSString).lastPathComponent
        do {
            let folder = try Seed.locate(explicit: seedDir)
            let table = folder.appendingPathComponent(PostalCodeCentroids.fileName)
            return SitePlacement(centroids: try PostalCodeCentroids.load(contentsOf: table), file: file)
        } catch {
            FileHandle.standardError.write(Data("""
                warning: ZIP centres not loaded (\(error)); US sites without coordinates stay off the map \
                (--seed-dir FOLDER names the folder holding \(PostalCodeCentroids.fileName))\n
                """.utf8))
            return nil
        }
    }

    private func importFeed(
        into store: DirectoryStore, format: FeedFormat, source: String, placement: SitePlacement?
    ) async throws {
        let stored = try await store.barriers()
        let mapping = TaxonomyMapping(barriers: stored.isEmpty ? BarrierVocabulary.barriers : stored)
        let reader = try makeReader(format: format, source: source, mapping: mapping)
        let reporter = ProgressReporter()
        let summaryBox = SummaryBox()
        let strict = self.strict, rejects = self.rejects, path = self.path, profile = self.profile
        let coverage = CoverageBox(enabled: self.coverage)

        do {
            let counts = try await store.importFeed(.init(source: source, dryRun: dryRun)) { writer in
                var sawWholeFeed = false
                for try await event in reader.batches(placement: placement, progress: { reporter.update($0) }) {
                    switch event {
                    case .batch(let batch):
                        await coverage.add(batch)
                        try await writer.write(batch)
                    case .finished(let summary):
                        await summaryBox.set(summary)
                        // Nothing read is never a re-import that withdraws everything: stop, write nothing.
                        if summary.emitted.total == 0 {
                            throw CommandFailure(Self.emptyFeedMessage(summary, format: format, path: path, profile: profile))
                        }
                        // A broken file (not well-formed XML, cut off mid-record) is refused whole, with or
                        // without --strict: leniency is per record, never for a file read only in part.
                        if !summary.readToEnd {
                            let first = summary.errors.first.map { ": \($0)" } ?? ""
                            throw CommandFailure("import refused, nothing written: the file could not be read to its end\(first)")
                        }
                        if strict, let first = summary.errors.first {
                            throw CommandFailure("import aborted, nothing written: \(summary.errors.count) problem(s); first: \(first)")
                        }
                        try await writer.describe(Array(summary.taxonomyTerms.values))
                        sawWholeFeed = summary.readToEnd
                    }
                }
                return sawWholeFeed
            }
            reporter.finish()
            let summary = await summaryBox.summary ?? ReadSummary()
            if let rejects { try ImportRejects.write(summary.problems, to: URL(fileURLWithPath: rejects)) }
            printSummary(summary, counts, format: format, source: source, elapsed: reporter.elapsed, placement: placement)
            if let table = await coverage.table() { print(table) }
        } catch {
            reporter.finish()
            // The problems that made the import fail are worth a file as much as those of one that succeeds.
            if let rejects, let summary = await summaryBox.summary {
                try? ImportRejects.write(summary.problems, to: URL(fileURLWithPath: rejects))
            }
            throw error
        }
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
            return MappedCSVReader(path: path, profile: try loadProfile(profile), source: source, mapping: mapping, importedAt: now)
        }
    }

    private func loadProfile(_ profile: String) throws -> MappingProfile {
        do {
            return try MappingProfile.load(path: profile)
        } catch {
            throw CommandFailure("profile \(profile): \(error)")
        }
    }

    /// Why a feed gave nothing, naming what the reader looked for, or the problem that stopped it.
    static func emptyFeedMessage(_ summary: ReadSummary, format: FeedFormat, path: String, profile: String?) -> String {
        let file = (path as NSString).lastPathComponent
        if let first = summary.errors.first {
            let skipped = summary.errors.count > 1 ? " (\(summary.errors.count) problems; --rejects FILE lists them)" : ""
            return "no records imported: \(first)\(skipped)"
        }
        let lookedFor: String
        switch format {
        case .airsXML:
            lookedFor = "no <Agency> elements in \(file) (an AIRS 3.0/3.1 export nests <Agency>, <Site> and <SiteService> under its root)"
        case .hsdsCSV:
            lookedFor = "no rows in the organizations or services table of \(file) (found through datapackage.json's resources, "
                + "else organizations.csv and services.csv beside it)"
        case .mappedCSV:
            let column = profile.flatMap { try? MappingProfile.load(path: $0) }?.columns[.serviceName]
            lookedFor = "no rows with a service name in \(file)" + (column.map { " (the profile's service_name column '\($0)')" } ?? "")
        }
        return "no records imported: " + lookedFor
    }

    private func printSummary(
        _ summary: ReadSummary, _ counts: ImportCounts, format: FeedFormat, source: String, elapsed: TimeInterval,
        placement: SitePlacement?
    ) {
        let rate = Double(summary.recordsRead) / max(elapsed, 0.001)
        print(String(format: "%@ %@ (%@): %d records read in %.1f s (%.0f records/s), source %@",
                     dryRun ? "dry run of" : "imported", path, format.rawValue, summary.recordsRead, elapsed, rate, source))
        print(counts.description)
        for line in Self.problemLines(summary, rejects: rejects) { print(line) }
        if summary.sitesPlacedAtZIPCentre > 0 {
            print("\(summary.sitesPlacedAtZIPCentre) site(s) without coordinates placed at their ZIP code's centre (coordinates_precision postal_code)")
        }
        if summary.servicesWithOnlyProviderCodes > 0 {
            print("\(summary.servicesWithOnlyProviderCodes) service(s) have only facility, organization-type or target-population "
                  + "taxonomy codes, which tie a service to no barrier")
        }
        if !summary.unmappedTaxonomyCodes.isEmpty {
            let top = summary.unmappedTaxonomyCodes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            print("\(top.count) taxonomy code(s) map to no barrier: " + top.prefix(10).map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
        }
    }

    /// "3 record(s) skipped: records without a name 2, broken references 1", the same for warnings,
    /// where the full list is, and the first errors.
    static func problemLines(_ summary: ReadSummary, rejects: String?) -> [String] {
        guard !summary.problems.isEmpty else { return [] }
        let errors = ProblemCounts(summary.problems, severity: .error)
        let warnings = ProblemCounts(summary.problems, severity: .warning)
        var lines: [String] = []
        if errors.total > 0 { lines.append("\(errors.total) record(s) skipped: \(errors)") }
        if warnings.total > 0 { lines.append("\(warnings.total) warning(s): \(warnings)") }
        lines.append(rejects.map { "every problem, with file, line and field: \($0)" }
                     ?? "--rejects FILE lists every problem with its file, line and field")
        let shown = summary.errors.prefix(5)
        for problem in shown { lines.append("  error: \(problem)") }
        if errors.total > shown.count { lines.append("  … \(errors.total - shown.count) more error(s)") }
        return lines
    }
}

extension FeedFormat: ExpressibleByArgument {}

private actor SummaryBox {
    var summary: ReadSummary?
    func set(_ summary: ReadSummary) { self.summary = summary }
}

/// The coverage of what the import hands to the store, when asked for.
private actor CoverageBox {
    private var coverage: FeedCoverage?

    init(enabled: Bool) { coverage = enabled ? FeedCoverage() : nil }

    func add(_ batch: DirectorySnapshot) { coverage?.add(batch) }

    func table() -> String? {
        coverage?.finish()
        return coverage?.table
    }
}
