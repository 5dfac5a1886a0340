import Foundation
import Localization
import Storage
import Testing
import TestSupport

/// `closeloop languages` (what a district's translation lacks) and `closeloop district` (time zone,
/// country, distance unit), the real executable.
@Suite("closeloop languages and district")
struct LanguageCommandTests {
    @Test func languagesListsMissingKeysOfADistrictFile() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-cli-locales-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"login.title": "Connexion", "language.native_name": "Français", "typo.key": "x"}"#.utf8)
            .write(to: directory.appendingPathComponent("fr.json"))

        let summary = try await MatchCommandTests.closeloop(["languages", "--locales-dir", directory.path])
        #expect(summary.status == 0, "\(summary.errors)")
        let total = Catalogs.shipped.english.keys.count
        let lines = summary.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "en\tEnglish\t\(total)/\(total) keys")
        #expect(lines.contains("es\tEspañol\t\(total)/\(total) keys"))
        #expect(lines.contains("fr\tFrançais\t2/\(total) keys\t\(total - 2) missing (shown in English)\t1 unknown"))

        let missing = try await MatchCommandTests.closeloop(["languages", "--locales-dir", directory.path, "--language", "fr"])
        #expect(missing.output.contains("layout.sign_out\n") && !missing.output.contains("login.title\n"))
        #expect(missing.output.contains("unknown key (not in English): typo.key"))
        #expect(try await MatchCommandTests.closeloop(["languages", "--language", "es"]).output == "")

        let template = try await MatchCommandTests.closeloop(["languages", "--template"])
        let parsed = try Catalog(language: "xx", json: Data(template.output.utf8))
        #expect(parsed.keys == Catalogs.shipped.english.keys)

        try Data("[1]".utf8).write(to: directory.appendingPathComponent("de.json"))
        let broken = try await MatchCommandTests.closeloop(["languages", "--locales-dir", directory.path])
        #expect(broken.status != 0 && broken.errors.contains("catalog 'de' must be one JSON object"))
    }

    @Test(arguments: TestBackend.available)
    func districtSetsTheTimeZoneAndUnit(backend: TestBackend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withReferralFixture(backend) { fixture async throws in
            let database = fixture.store.database.location.connectionString
            func run(_ arguments: [String]) async throws -> MatchCommandTests.Run {
                try await MatchCommandTests.closeloop(["district"] + arguments + ["--db", database])
            }
            #expect(try await run(["show"]).output == "time zone\tGMT\ndistance unit\tkm\n")
            #expect(try await run(["set", "district.time_zone", "America/Chicago"]).status == 0)
            #expect(try await run(["set", "district.country", "us"]).status == 0)
            #expect(try await run(["show"]).output == "time zone\tAmerica/Chicago\ndistance unit\tmi\n")
            let refused = try await run(["set", "district.time_zone", "Central"])
            #expect(refused.status != 0 && refused.errors.contains("'Central' is not an IANA time zone name"))
            #expect(try await fixture.referrals.districtDisplay().timeZone.identifier == "America/Chicago")
        }
    }
}
