import Directory
import Foundation
import Feeds
import Storage
import Testing
import TestSupport

/// `closeloop import`, the real executable: the rejects file and the summary by kind, feeds that give
/// nothing, default source names, ZIP-centre sites, coverage, and a store made by import alone.
@Suite("closeloop import")
struct ImportCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/FeedsTests/Fixtures")
    static let youthSheet = fixtures.appendingPathComponent("csv/youth-programs-addresses.csv").path
    static let youthProfile = fixtures.appendingPathComponent("csv/youth-programs-addresses.yaml").path
    static let seedFolder = repository.appendingPathComponent("seed")

    static func closeloop(_ arguments: [String]) async throws -> MatchCommandTests.Run {
        try await MatchCommandTests.closeloop(arguments)
    }

    static func requireExecutable() throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func placement(_ file: String) throws -> SitePlacement {
        SitePlacement(
            centroids: try PostalCodeCentroids.load(contentsOf: seedFolder.appendingPathComponent(PostalCodeCentroids.fileName)),
            file: file)
    }

    /// The problems the same reader finds in process, through the same pipeline.
    static func problems(of reader: some FeedReader, file: String) async throws -> [ImportProblem] {
        try await FeedCoverage.measure(reader, placement: try placement(file)).summary.problems
    }

    static var youthReader: MappedCSVReader {
        get throws {
            MappedCSVReader(
                path: youthSheet, profile: try MappingProfile.load(path: youthProfile), source: "youth",
                mapping: TaxonomyMapping(barriers: BarrierVocabulary.barriers), importedAt: Date())
        }
    }

    // MARK: Rejects and the summary

    /// Every warning and every skipped record is in the rejects file, as the reader found them, and the
    /// summary counts them by kind.
    @Test func theRejectsFileHoldsEveryProblemAndTheSummaryCountsThemByKind() async throws {
        try Self.requireExecutable()
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = Self.fixtures.appendingPathComponent("hsds30/bad-rows").path
        let expected = try await Self.problems(
            of: HSDSReader(path: package, source: "bad", mapping: TaxonomyMapping(barriers: BarrierVocabulary.barriers),
                           importedAt: Date()),
            file: "bad-rows")
        #expect(expected.contains { $0.severity == .warning }, "the fixture has warnings")
        #expect(expected.contains { $0.severity == .error }, "the fixture has skipped records")

        try await withFreshStore(.sqlite) { store async throws in
            let rejects = folder.appendingPathComponent("rejects.csv")
            let run = try await Self.closeloop([
                "import", package, "--source", "bad", "--rejects", rejects.path, "--db", store.database.location.connectionString,
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(try String(contentsOf: rejects, encoding: .utf8) == ImportRejects.csv(expected))
            let errors = ProblemCounts(expected, severity: .error), warnings = ProblemCounts(expected, severity: .warning)
            #expect(run.output.contains("\(errors.total) record(s) skipped: \(errors)"), "\(run.output)")
            #expect(run.output.contains("\(warnings.total) warning(s): \(warnings)"), "\(run.output)")
            #expect(run.output.contains("every problem, with file, line and field: \(rejects.path)"))
        }
    }

    // MARK: Feeds that give nothing

    @Test(arguments: TestBackend.available)
    func aFeedThatYieldsNoRecordFailsAndNamesWhatItLookedFor(backend: TestBackend) async throws {
        try Self.requireExecutable()
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fileManager = FileManager.default

        let xml = folder.appendingPathComponent("empty-export.xml")
        try Data(#"<?xml version="1.0" encoding="UTF-8"?><Source SchemaVersion="3.0" SoftwareVendor="iCarol"></Source>"#.utf8).write(to: xml)

        let emptyPackage = folder.appendingPathComponent("empty-package")
        try fileManager.createDirectory(at: emptyPackage, withIntermediateDirectories: true)
        try Data(#"{"name": "empty", "resources": []}"#.utf8).write(to: emptyPackage.appendingPathComponent("datapackage.json"))
        try Data("id,name,description\n".utf8).write(to: emptyPackage.appendingPathComponent("organizations.csv"))
        try Data("id,organization_id,name,description\n".utf8).write(to: emptyPackage.appendingPathComponent("services.csv"))

        let noServices = folder.appendingPathComponent("no-services")
        try fileManager.createDirectory(at: noServices, withIntermediateDirectories: true)
        try Data(#"{"name": "partial", "resources": []}"#.utf8).write(to: noServices.appendingPathComponent("datapackage.json"))
        try Data("id,name\norg-1,Agency\n".utf8).write(to: noServices.appendingPathComponent("organizations.csv"))

        let sheet = folder.appendingPathComponent("empty-sheet.csv")
        try Data("Program Name,Provider,Description,Street,City,State,Zip,Phone,Ages,Categories\n".utf8).write(to: sheet)

        try await withFreshStore(backend) { store async throws in
            let db = store.database.location.connectionString
            // A full import of a source that gave records before: an empty feed must not withdraw them.
            let first = try await Self.closeloop(["import", Self.youthSheet, "--profile", Self.youthProfile, "--source", "city", "--db", db])
            #expect(first.status == 0, "\(first.errors)")
            let before = try await store.snapshot()

            let cases: [([String], String)] = [
                (["import", xml.path, "--source", "city"], "empty-export.xml: no <Agency> element"),
                (["import", emptyPackage.path, "--source", "city"], "no records imported: no rows in the organizations or services table of empty-package"),
                (["import", noServices.path, "--source", "city"], "services.csv"),
                (["import", sheet.path, "--profile", Self.youthProfile, "--source", "city"],
                 "no records imported: no rows with a service name in empty-sheet.csv (the profile's service_name column 'Program Name')"),
                (["import", sheet.path, "--profile", Self.youthProfile, "--source", "city", "--dry-run"], "no rows with a service name"),
            ]
            for (arguments, message) in cases {
                let run = try await Self.closeloop(arguments + ["--db", db])
                #expect(run.status != 0, "\(arguments) exited 0: \(run.output)")
                #expect(run.errors.contains(message), "\(arguments): \(run.errors)")
                #expect(run.errors.contains("no records imported"), "\(arguments): \(run.errors)")
            }
            #expect(try await store.snapshot() == before, "nothing written, nothing withdrawn")
        }
    }

    // MARK: Source names

    @Test(arguments: TestBackend.available)
    func nextWeeksDatedExportIsTheSameSource(backend: TestBackend) async throws {
        try Self.requireExecutable()
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = Self.fixtures.appendingPathComponent("airs/riverton-211.xml")
        let lastWeek = folder.appendingPathComponent("riverton-export-2026-11-01.xml")
        let thisWeek = folder.appendingPathComponent("riverton-export_20261108.xml")
        let onlyADate = folder.appendingPathComponent("2026-11-08.xml")
        for copy in [lastWeek, thisWeek, onlyADate] { try FileManager.default.copyItem(at: feed, to: copy) }

        try await withFreshStore(backend) { store async throws in
            let db = store.database.location.connectionString
            let first = try await Self.closeloop(["import", lastWeek.path, "--db", db])
            #expect(first.status == 0, "\(first.errors)")
            #expect(first.output.contains("source 'riverton-export' (the file name without 2026-11-01"), "\(first.output)")
            let services = try await store.counts().services
            #expect(services > 0)

            let second = try await Self.closeloop(["import", thisWeek.path, "--db", db])
            #expect(second.status == 0, "\(second.errors)")
            #expect(second.output.contains("services: 0 added, 0 updated, \(services) unchanged, 0 withdrawn"), "\(second.output)")
            let sources = Set(try await store.snapshot().services.map(\.provenance.source))
            #expect(sources == ["riverton-export"])

            // --source wins over the file name.
            let named = try await Self.closeloop(["import", thisWeek.path, "--source", "riverton-211", "--db", db])
            #expect(named.status == 0, "\(named.errors)")
            #expect(Set(try await store.snapshot().services.map(\.provenance.source)) == ["riverton-export", "riverton-211"])

            let dateOnly = try await Self.closeloop(["import", onlyADate.path, "--db", db])
            #expect(dateOnly.status != 0)
            #expect(dateOnly.errors.contains("--source NAME"), "\(dateOnly.errors)")
        }
    }

    // MARK: A store made by import alone; ZIP centres

    /// No `closeloop seed`: the migration's vocabulary maps the sheet's codes, `closeloop match` finds its
    /// services, and a site given by address alone is a ZIP centre, not "no site address listed".
    @Test(arguments: TestBackend.available)
    func aStoreMadeByImportAloneMatchesWithZIPCentreDistances(backend: TestBackend) async throws {
        try Self.requireExecutable()
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withFreshStore(backend) { store async throws in
            let db = store.database.location.connectionString
            let rejects = folder.appendingPathComponent("rejects.csv")
            let run = try await Self.closeloop([
                "import", Self.youthSheet, "--profile", Self.youthProfile, "--source", "city-youth",
                "--rejects", rejects.path, "--db", db,
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("site(s) without coordinates placed at their ZIP code's centre"), "\(run.output)")
            #expect(run.output.contains("sites not placed on the map 2"), "\(run.output)")
            let rows = try String(contentsOf: rejects, encoding: .utf8).split(whereSeparator: \.isNewline)
            #expect(rows.contains { $0.contains(",warning,site_not_placed,") && $0.contains("99999") }, "\(rows)")

            #expect(try await store.barriers().count == BarrierVocabulary.barriers.count)
            let sites = try await store.snapshot().locations
            let grand = try #require(sites.first { $0.address?.address1 == "1520 E Grand Ave" })
            #expect(grand.coordinatesPrecision == .postalCode)
            #expect(grand.provenance.inferred == [.coordinates])
            // As the API writes a location.
            let json = String(decoding: try JSONEncoder().encode(grand), as: UTF8.self)
            #expect(json.contains(#""coordinates_precision":"postal_code""#), "\(json)")
            #expect(json.contains(#""inferred":["coordinates"]"#), "\(json)")

            let match = try await Self.closeloop([
                "match", "--barrier", "anxiety", "--tier", "2", "--age", "12", "--near", "41.59,-93.62",
                "--transportation", "car", "--db", db,
            ])
            #expect(match.status == 0, "\(match.errors)")
            #expect(match.output.contains("After School Counseling Circle"), "\(match.output)")
            let flat = match.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("km away (ZIP centre)"), "\(match.output)")
            #expect(!flat.contains("no site address listed"), "\(match.output)")
        }
    }

    /// Without the ZIP table the import says so and goes on; sites stay off the map.
    @Test func aMissingZIPTableIsSaidNotSkipped() async throws {
        try Self.requireExecutable()
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A seed folder (it has the directory) without the ZIP table.
        try FileManager.default.copyItem(at: Self.seedFolder.appendingPathComponent(Seed.directoryFile),
                                         to: folder.appendingPathComponent(Seed.directoryFile))
        try await withFreshStore(.sqlite) { store async throws in
            let run = try await Self.closeloop([
                "import", Self.youthSheet, "--profile", Self.youthProfile, "--source", "city-youth", "--seed-dir", folder.path,
                "--db", store.database.location.connectionString,
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.errors.contains("warning: ZIP centres not loaded"), "\(run.errors)")
            #expect(run.errors.contains(folder.appendingPathComponent(PostalCodeCentroids.fileName).path), "\(run.errors)")
            #expect(try await store.snapshot().locations.allSatisfy { $0.coordinates == nil })
        }
    }

    // MARK: closeloop seed on a store that has services

    @Test(arguments: TestBackend.available)
    func seedOnAnImportedStoreSaysWhatItDid(backend: TestBackend) async throws {
        try Self.requireExecutable()
        try await withFreshStore(backend) { store async throws in
            let db = store.database.location.connectionString
            let imported = try await Self.closeloop(["import", Self.youthSheet, "--profile", Self.youthProfile, "--source", "city", "--db", db])
            #expect(imported.status == 0, "\(imported.errors)")
            let before = try await store.snapshot()

            let seed = try await Self.closeloop(["seed", "--db", db])
            #expect(seed.status == 0, "\(seed.errors)")
            #expect(seed.output.contains(
                "barriers already up to date (\(BarrierVocabulary.barriers.count)); directory and schools left as they were: 5 services present"),
                "\(seed.output)")
            #expect(try await store.snapshot() == before)
            #expect(try await store.counts().schools == 0)
        }
    }

    // MARK: Coverage

    @Test func coverageOfTheSharedAIRSExcerptIsPrintedFromWhatWasRead() async throws {
        try Self.requireExecutable()
        let feeds = try #require(Self.sharedFeeds, "shared/feeds is not beside the repository")
        let path = feeds.appendingPathComponent("bc211-airs-excerpt/BC211_data_excerpt.xml").path
        let reader = AIRSReader(path: path, source: "bc211", mapping: TaxonomyMapping(barriers: BarrierVocabulary.barriers),
                                importedAt: Date())
        let (coverage, _) = try await FeedCoverage.measure(reader, placement: try Self.placement("BC211_data_excerpt.xml"))
        try await withFreshStore(.sqlite) { store async throws in
            let run = try await Self.closeloop(["import", path, "--dry-run", "--coverage", "--source", "bc211",
                                          "--db", store.database.location.connectionString])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains(coverage.table), "\(run.output)")
            #expect(try await store.counts().services == 0, "a dry run writes nothing")
        }
    }

    static let sharedFeeds: URL? = TestFiles.sharedFeeds
}
