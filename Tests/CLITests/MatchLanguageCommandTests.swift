import Directory
import Foundation
import Storage
import Testing
import TestSupport

/// `closeloop match --lang es`: the table's reasons and gaps through the same catalogs as the match
/// page, distances in the district's unit; English without `--lang`.
@Suite("closeloop match: words in the chosen language")
struct MatchLanguageCommandTests {
    static func requireExecutable() throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
    }

    @Test(arguments: TestBackend.available)
    func spanishReasonsInMilesForAUSDistrict(backend: TestBackend) async throws {
        try Self.requireExecutable()
        try await withSeededStore(backend) { store async throws in
            try await ReferralStore(database: store.database).setDisplaySetting(.country, to: "US")
            let database = store.database.location.connectionString
            let spanish = try await MatchCommandTests.closeloop(["match"] + MatchCommandTests.profileArguments + ["--lang", "es", "--db", database])
            #expect(spanish.status == 0, "\(spanish.errors)")
            let flat = spanish.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("habla español"), "\(spanish.output)")
            #expect(flat.contains(" millas"), "\(spanish.output)")
            for phrase in ["speaks Spanish", "verified", "fits Tier", " km away", " mi away"] {
                #expect(!flat.contains(phrase), "English '\(phrase)' in the Spanish table")
            }
            let english = try await MatchCommandTests.closeloop(["match"] + MatchCommandTests.profileArguments + ["--db", database])
            #expect(english.status == 0 && english.output.contains("speaks Spanish") && english.output.contains(" mi"))
            #expect(!english.output.contains("habla"))
        }
    }

    /// A barrier nobody can serve in the family's language: the gap sentence in Spanish, none of the English.
    @Test func aGapIsWordedInSpanish() async throws {
        try Self.requireExecutable()
        try await withFreshStore(.sqlite) { store async throws in
            try await store.saveBarriers(try loadSeed().barriers)
            let provenance = Provenance(source: "county", externalID: "english-only")
            try await store.save(DirectorySnapshot(
                organizations: [Organization(id: "county:org", name: "English Agency", provenance: provenance)],
                services: [Service(id: "county:english", organizationID: "county:org", name: "English counseling", domains: [],
                                   intensity: nil, languages: [.english], interpreterAvailable: false,
                                   taxonomyCodes: ["RP-1400.8000-050"], provenance: provenance)]))
            let database = store.database.location.connectionString
            let arguments = ["match", "--barrier", "anxiety", "--tier", "2", "--language", "vi", "--db", database]
            let spanish = try await MatchCommandTests.closeloop(arguments + ["--lang", "es"])
            #expect(spanish.status == 0, "\(spanish.errors)")
            let flat = spanish.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("anxiety: ningún proveedor que hable vietnamita para ansiedad, y ninguno ofrece intérprete"), "\(spanish.output)")
            #expect(!flat.contains("provider") && !flat.contains("interpreter"))
            #expect(spanish.output.contains("anxiety — Ansiedad\n"), "the barrier's heading in Spanish: \(spanish.output)")
            let english = try await MatchCommandTests.closeloop(arguments)
            let englishFlat = english.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(english.output.contains("anxiety — Anxiety\n"), "\(english.output)")
            #expect(englishFlat.contains("anxiety: no Vietnamese-speaking provider for anxiety, and none offers an interpreter"), "\(english.output)")
        }
    }

    @Test func anUnknownLanguageIsOneLine() async throws {
        try Self.requireExecutable()
        let run = try await MatchCommandTests.closeloop(["match", "--barrier", "anxiety", "--tier", "2", "--lang", "xx", "--db", NSTemporaryDirectory() + "never-opened.sqlite"])
        #expect(run.status != 0)
        #expect(run.errors.contains("--lang: no catalog for \"xx\"; languages: en, es"), "\(run.errors)")
    }
}
