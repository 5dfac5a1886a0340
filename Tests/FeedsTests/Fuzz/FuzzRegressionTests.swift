import BenchSupport
import Directory
import Foundation
import Testing
import TestSupport
@testable import Feeds

/// The smallest inputs behind what fuzzing found, each a test of its own.
@Suite("Feed readers: fuzzing regressions")
struct FuzzRegressionTests {
    static func writeTemporary(_ bytes: [UInt8], name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-fuzz-regression-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// "12345678901234567890/1/2024" as a verification date overflowed Int while the month was read
    /// (the length check came after the parse) and trapped, killing the import.
    @Test("A verification date with a twenty-digit month is not a date, and the agency is kept")
    func hugeMonthInAVerificationDate() throws {
        for date in ["12345678901234567890/1/2024", "1/98765432109876543210/2024", "99999999999999999999999/99999999999999999999/2024"] {
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Source><Agency><Key>A-1</Key><Name>Harbor Youth</Name><DateLastVerified>\(date)</DateLastVerified>
                <Site><Key>S-1</Key><Name>Main</Name><SiteService><Key>SS-1</Key><Name>Tutoring</Name></SiteService></Site>
                </Agency></Source>

                """
            let path = try Self.writeTemporary(Array(xml.utf8), name: "huge-date.xml")
            let reader = AIRSReader(path: path, source: "s", mapping: CSVFixtures.mapping, importedAt: FeedFuzzCases.importedAt)
            let feed = try CollectedFeed(reader)
            #expect(feed.organizations.map(\.name) == ["Harbor Youth"])
            #expect(feed.organizations.first?.provenance.lastVerifiedAt == nil)
            #expect(feed.warnings.contains { $0.field == "DateLastVerified" && $0.message.contains(date) && $0.line == 2 })
        }
    }
}

/// A hand-edited Closeloop export: the x_closeloop_* and age columns read back exactly, so a cell
/// that is not a sensible number must be refused with a warning rather than stored.
@Suite("HSDS import of a Closeloop export: extension cells that are not sensible numbers")
struct ExportExtensionCellsTests {
    /// Exports a small synthetic directory and replaces the named cells of the first service row.
    static func export(editing cells: [String: String]) throws -> (folder: String, serviceID: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-edited-export-\(UUID().uuidString)")
        try HSDSExporter(directory: SyntheticDirectory.make(services: 3, source: "edit")).write(to: folder)
        // Closeloop's own cells of a 3.1 export are in x_closeloop_services.csv, keyed by the HSDS id.
        let services = folder.appendingPathComponent("x_closeloop_services.csv")
        let rows = try CSVFixtures.rows(services.path).rows.map(\.fields)
        var edited = rows
        for (column, value) in cells {
            let index = try #require(rows[0].firstIndex(of: column), "the export has \(column)")
            edited[1][index] = value
        }
        let text = edited.map { row in
            row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: services)
        return (folder.path, rows[1][rows[0].firstIndex(of: "x_closeloop_id")!])
    }

    static func read(_ folder: String) throws -> CollectedFeed {
        try CollectedFeed(HSDSReader(path: folder, source: "edit", mapping: CSVFixtures.mapping, importedAt: FeedFuzzCases.importedAt))
    }

    @Test("A radius of nan, inf or -5 km is not stored; the import warns on the row's line",
          arguments: ["nan", "inf", "-5", "1e999", "ten"])
    func radius(_ text: String) throws {
        let (folder, id) = try Self.export(editing: ["x_closeloop_service_area_radius_km": text])
        let feed = try Self.read(folder)
        let service = try #require(feed.services.first { $0.id == id })
        #expect(service.serviceArea.radiusKm == nil)
        #expect(RecordSanity.problems(in: DirectorySnapshot(services: feed.services)).isEmpty)
        #expect(feed.warnings.contains {
            $0.kind == .unreadableValue && $0.field == "x_closeloop_service_area_radius_km" && $0.line == 2 && $0.message.contains(text)
        }, "\(feed.warnings)")
    }

    @Test("Ages below 0, above 150 or the wrong way round are not stored; the import warns",
          arguments: [("-5", "12"), ("3", "99999999999999999999"), ("18", "5"), ("0", "151"), ("five", "")])
    func ages(_ minimum: String, _ maximum: String) throws {
        let (folder, id) = try Self.export(editing: ["minimum_age": minimum, "maximum_age": maximum])
        let feed = try Self.read(folder)
        let service = try #require(feed.services.first { $0.id == id })
        #expect(RecordSanity.problems(in: DirectorySnapshot(services: [service])).isEmpty, "\(service.ages)")
        #expect(feed.warnings.contains { $0.kind == .unreadableAges && $0.line == 2 }, "\(feed.warnings)")
    }

    @Test("A negative wait or capacity is not stored; the import warns", arguments: ["x_closeloop_waitlist_weeks", "x_closeloop_capacity"])
    func counts(_ column: String) throws {
        let (folder, id) = try Self.export(editing: [column: "-3"])
        let feed = try Self.read(folder)
        let service = try #require(feed.services.first { $0.id == id })
        #expect(RecordSanity.problems(in: DirectorySnapshot(services: [service])).isEmpty)
        #expect(feed.warnings.contains { $0.kind == .unreadableValue && $0.field == column && $0.line == 2 }, "\(feed.warnings)")
    }

    @Test("The exporter's own numbers still read back exactly")
    func untouched() throws {
        let original = SyntheticDirectory.make(services: 3, source: "edit")
        let (folder, _) = try Self.export(editing: [:])
        let feed = try Self.read(folder)
        #expect(feed.services.map(\.ages) == original.services.map(\.ages))
        #expect(feed.services.map(\.enrollment) == original.services.map(\.enrollment))
        #expect(feed.services.map(\.serviceArea) == original.services.map(\.serviceArea))
        #expect(!feed.warnings.contains { $0.kind == .unreadableValue || $0.kind == .unreadableAges })
    }
}

/// A profile nested 100,000 brackets deep overflowed the stack inside Yams (signal 11), killing the import.
@Suite("Mapping profiles: nesting too deep to parse")
struct ProfileNestingTests {
    static func refusal(_ yaml: String) -> ImportProblem? {
        do {
            _ = try MappingProfile(yaml: yaml, fileName: "deep.yaml")
            return nil
        } catch {
            return error as? ImportProblem
        }
    }

    @Test("Brackets, braces, dashes or indentation nested past 64 levels are refused on the line where it happens")
    func tooDeep() throws {
        let cases: [(yaml: String, line: Int)] = [
            ("name: Deep\ncolumns: " + String(repeating: "[", count: 100_000) + "\n", 2),
            ("name: Deep\ncolumns: " + String(repeating: "{a: ", count: 65) + "\n", 2),
            ("name: Deep\n" + String(repeating: "- ", count: 50_000) + "x\n", 2),
            ((0..<100).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n", 65),
        ]
        for (yaml, line) in cases {
            let problem = try #require(Self.refusal(yaml))
            #expect(problem.file == "deep.yaml")
            #expect(problem.kind == .malformedFile)
            #expect(problem.line == line)
            #expect(problem.message.contains("nested more than 64 levels"))
        }
    }

    @Test("Every shipped profile, brackets in quotes and comments included, is still read")
    func shippedProfilesPass() throws {
        for name in ["211-flat-export", "coordinator-spreadsheet", "county-resource-guide-es"] {
            _ = try MappingProfile.load(path: CSVFixtures.importers("profiles/\(name).yaml"))
        }
        let quoted = "name: \"" + String(repeating: "[", count: 200) + "\"  # " + String(repeating: "{", count: 200)
            + "\ncolumns:\n  service_name: Program\n  organization_name: Agency\n"
        #expect(Self.refusal(quoted) == nil)
        #expect((try? MappingProfile(yaml: quoted, fileName: "q.yaml")) != nil)
    }
}

/// A password-protected zip made unzip ask for the password on the terminal: an interactive import
/// sat waiting; without a terminal the error was unzip's own "unable to get password", exit 5. An
/// empty password alone is not enough: one entry in 256 passes its one-byte check and fails later as
/// a "bad CRC", so encrypted entries are found in the listing before anything is unpacked.
@Suite("HSDS packages: a password-protected zip")
struct EncryptedZipTests {
    @Test("is refused at once, saying it is password-protected",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zip") && FileManager.default.isExecutableFile(atPath: HSDSZipArchive.unzipPath)))
    func encryptedZip() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-encrypted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let package = CSVFixtures.path("hsds30/valid")
        let zip = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/zip"), ["-q", "-r", "-P", "secret", folder.appendingPathComponent("package.zip").path, "."], in: URL(fileURLWithPath: package))
        #expect(zip.status == 0)

        let listing = try #require(HSDSZipArchive.list(folder.appendingPathComponent("package.zip").path, unzipPath: HSDSZipArchive.unzipPath))
        #expect(listing.hasEncryptedEntries)
        let started = Date()
        let feed = try CollectedFeed(HSDSReader(
            path: folder.appendingPathComponent("package.zip").path, source: "s", mapping: CSVFixtures.mapping,
            importedAt: FeedFuzzCases.importedAt))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(feed.services.isEmpty)
        #expect(!feed.summary.readToEnd)
        #expect(feed.errors.map(\.message) == ["the zip is password-protected; unzip it yourself and import its folder"])
        #expect(feed.errors.first?.kind == .malformedFile)
        #expect(feed.errors.first?.file == "package.zip")
    }
}

/// A table that is a link to a pipe blocked the import for ever on opening it (to /dev/zero, it would
/// read until memory ran out); a zip holding a link to a file outside the package read that file.
@Suite("HSDS packages: tables that are links")
struct LinkedTableTests {
    static func package(servicesLinkTo target: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-linked-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CSVFixtures.path("hsds30/valid")), to: folder)
        let services = folder.appendingPathComponent("services.csv")
        try FileManager.default.removeItem(at: services)
        try FileManager.default.createSymbolicLink(atPath: services.path, withDestinationPath: target)
        return folder
    }

    static func read(_ path: String) async throws -> ReadSummary {
        let reader = HSDSReader(path: path, source: "s", mapping: CSVFixtures.mapping, importedAt: FeedFuzzCases.importedAt)
        guard case .finished(let summary, _) = await FeedFuzzHarness.run(reader, timeout: .seconds(20)) else {
            throw FuzzFailure("the read did not finish within 20 s")
        }
        return summary
    }

    @Test("A services table linked to a pipe is refused, not waited on")
    func pipe() async throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let summary = try await Self.read(try Self.package(servicesLinkTo: fifo).path)
        #expect(!summary.readToEnd)
        #expect(summary.emitted.total == 0)
        #expect(summary.errors.contains { $0.file == "services.csv" && $0.kind == .malformedFile && $0.message.contains("not a regular file") })
    }

    @Test("A zip whose services table links outside the package is refused",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zip")))
    func zipLinkOutside() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-outside-\(UUID().uuidString).csv")
        try Data("id,organization_id,name\nsecret-1,org-1,Secret Service\n".utf8).write(to: outside)
        let folder = try Self.package(servicesLinkTo: outside.path)
        let zipPath = folder.path + ".zip"
        let zip = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/zip"), ["-q", "-r", "--symlinks", zipPath, "."], in: folder)
        #expect(zip.status == 0)

        let summary = try await Self.read(zipPath)
        #expect(summary.emitted.services == 0)
        #expect(summary.errors.contains { $0.file == "services.csv" && $0.message.contains("outside the package") })
    }

    @Test("A datapackage.json linked to a pipe is passed over with a warning; the tables are found by name")
    func descriptorPipe() async throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-linked-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CSVFixtures.path("hsds30/valid")), to: folder)
        let descriptor = folder.appendingPathComponent("datapackage.json")
        try FileManager.default.removeItem(at: descriptor)
        try FileManager.default.createSymbolicLink(atPath: descriptor.path, withDestinationPath: fifo)
        let summary = try await Self.read(folder.path)
        #expect(summary.emitted.services > 0)
        #expect(summary.warnings.contains { $0.file == "datapackage.json" && $0.message.contains("not a regular file") })
    }

    @Test("A folder package whose tables are links to regular files is still read")
    func folderLinkToFile() async throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-elsewhere-\(UUID().uuidString).csv")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CSVFixtures.path("hsds30/valid/services.csv")), to: elsewhere)
        let summary = try await Self.read(try Self.package(servicesLinkTo: elsewhere.path).path)
        #expect(summary.emitted.services > 0)
        #expect(summary.errors.isEmpty, "\(summary.errors)")
    }
}

/// A zip of a few kilobytes can unpack to gigabytes under the temporary folder.
@Suite("HSDS packages: a zip that unpacks to more than the limit")
struct ZipSizeLimitTests {
    @Test("is refused before anything is unpacked, naming the sizes",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zip") && FileManager.default.isExecutableFile(atPath: HSDSZipArchive.unzipPath)))
    func tooLarge() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-bomb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(count: 3_000_000).write(to: folder.appendingPathComponent("services.csv"))
        let zipPath = folder.appendingPathComponent("package.zip").path
        let zip = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/zip"), ["-q", zipPath, "services.csv"], in: folder)
        #expect(zip.status == 0)
        let compressed = try #require(FileManager.default.attributesOfItem(atPath: zipPath)[.size] as? Int)
        #expect(compressed < 100_000)
        let listing = try #require(HSDSZipArchive.list(zipPath, unzipPath: HSDSZipArchive.unzipPath))
        #expect(listing.unpackedBytes == 3_000_000)
        #expect(!listing.hasEncryptedEntries)

        let log = CSVImportLog()
        #expect(HSDSZipArchive.extract(zipPath, maxUnpackedBytes: 2_000_000, log: log) == nil)
        #expect(log.summary.errors.map(\.message) == [
            "the zip unpacks to 3 MB, more than the 2 MB an import unpacks; unzip it yourself and import its folder",
        ])
        #expect(!log.summary.readToEnd)
        // Under the limit it unpacks as before.
        let unpacked = try #require(HSDSZipArchive.extract(zipPath, maxUnpackedBytes: 4_000_000, log: CSVImportLog()))
        #expect(FileManager.default.fileExists(atPath: (unpacked as NSString).appendingPathComponent("services.csv")))
        try? FileManager.default.removeItem(atPath: unpacked)
    }
}

/// Inside a quoted cell only LF counted as a line end, so in a file saved as "CSV (Macintosh)" (CR
/// alone) every record after a cell holding a line break was reported lines too early.
@Suite("CSV tokenizer: line numbers with CR-only line ends")
struct CROnlyLineNumberTests {
    @Test("Records after a quoted cell with line breaks keep their lines, whatever the line ends", arguments: ["\r", "\n", "\r\n"])
    func lines(_ end: String) throws {
        let text = ["id,note", "1,\"two" + end + "lines\"", "2,\"three" + end + end + "lines\"", "3,plain", ""].joined(separator: end)
        let path = try FuzzRegressionTests.writeTemporary(Array(text.utf8), name: "lines.csv")
        let rows = try CSVFixtures.rows(path).rows
        #expect(rows.map(\.line) == [1, 2, 4, 7])
        #expect(rows[1].fields == ["1", "two" + end + "lines"])
    }

    @Test("A CR and its LF split across two chunks count once")
    func splitAcrossChunks() throws {
        let text = "id,note\r\n1,\"a\r\nb\"\r\n2,c\r\n"
        let path = try FuzzRegressionTests.writeTemporary(Array(text.utf8), name: "split.csv")
        for chunkSize in 4...12 {
            #expect(try CSVFixtures.rows(path, chunkSize: chunkSize).rows.map(\.line) == [1, 2, 4], "chunk \(chunkSize)")
        }
    }
}

/// A first line of 5,000 delimiters (found by the fuzzer's extraDelimiters) made every missing-column
/// error list 5,000 blank headers.
@Suite("Mapped CSV: the missing-column error lists a readable number of headers")
struct MissingColumnListTests {
    @Test("At most 40 headers, blank ones shown as ''")
    func capped() throws {
        let header = "Agency,,Program" + String(repeating: ",", count: 5_000)
        let path = try FuzzRegressionTests.writeTemporary(Array((header + "\nA,,B\n").utf8), name: "wide.csv")
        let profile = try MappingProfile(yaml: "columns: {organization_name: Agency, service_name: Service}\n", fileName: "p.yaml")
        let feed = try CollectedFeed(MappedCSVReader(
            path: path, profile: profile, source: "s", mapping: CSVFixtures.mapping, importedAt: FeedFuzzCases.importedAt))
        let error = try #require(feed.errors.first)
        #expect(error.kind == .missingColumn)
        #expect(error.message.hasSuffix("its columns are: Agency, '', Program, " + Array(repeating: "''", count: 37).joined(separator: ", ") + " and 4963 more"))
        #expect(error.message.count < 400)
    }
}

/// A name cell of markup only ("<script>…</script>", found by the fuzzer in organizations.csv) passed the
/// blank check but became "" once the markup was removed: an organization with no name was stored.
@Suite("HSDS: a name of markup only is no name")
struct MarkupOnlyNameTests {
    static func package(organizations: String, services: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-markup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(organizations.utf8).write(to: folder.appendingPathComponent("organizations.csv"))
        try Data(services.utf8).write(to: folder.appendingPathComponent("services.csv"))
        return folder.path
    }

    @Test("An organization or service named only by markup is skipped as missing_name, naming the cell")
    func markupOnly() throws {
        let path = try Self.package(
            organizations: "id,name\norg-1,<script>alert(1)</script>\norg-2,<b>Harbor</b> Youth\n",
            services: "id,organization_id,name\ns-1,org-2,<p></p>\ns-2,org-2,Tutoring\ns-3,org-1,Pantry\n")
        let feed = try CollectedFeed(HSDSReader(path: path, source: "s", mapping: CSVFixtures.mapping, importedAt: FeedFuzzCases.importedAt))
        #expect(feed.organizations.map(\.name) == ["Harbor Youth"])
        #expect(feed.services.map(\.name) == ["Tutoring"])
        let missing = feed.errors.filter { $0.kind == .missingName }
        #expect(missing.map(\.file) == ["organizations.csv", "services.csv"])
        #expect(missing.map(\.line) == [2, 2])
        #expect(missing.first?.message == "the organization's name '<script>alert(1)</script>' is only markup, no text; skipped")
        // The service of the skipped organization is skipped as a broken reference, as before.
        #expect(feed.errors.contains { $0.kind == .brokenReference && $0.recordID == "s-3" })
    }
}
