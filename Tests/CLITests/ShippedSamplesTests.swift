import BenchSupport
import Foundation
import Testing
import TestSupport

/// Every spreadsheet shipped in importers/samples, imported with its profile by the real executable:
/// each id the API lists is one URL path segment, and `GET /api/v1/services/{id}` opens it (a made id
/// with "/" once gave 404 for a whole sheet, the shipped sample included).
@Suite("shipped samples", .serialized)
struct ShippedSamplesTests {
    static let importers = ImportCommandTests.repository.appendingPathComponent("importers")

    /// (sample, profile) pairs: every `samples/X.csv` with its `profiles/X.yaml`.
    static var samples: [(sheet: String, profile: String)] {
        let sheets = (try? FileManager.default.contentsOfDirectory(atPath: importers.appendingPathComponent("samples").path)) ?? []
        return sheets.filter { $0.hasSuffix(".csv") }.sorted().map { sheet in
            let name = (sheet as NSString).deletingPathExtension
            return (importers.appendingPathComponent("samples/\(sheet)").path,
                    importers.appendingPathComponent("profiles/\(name).yaml").path)
        }
    }

    @Test func everySampleHasAProfile() {
        #expect(Self.samples.count >= 3)
        for sample in Self.samples {
            #expect(FileManager.default.fileExists(atPath: sample.profile), "no profile for \(sample.sheet)")
        }
    }

    @Test func everyIdOfEverySampleOpensThroughTheAPI() async throws {
        try ImportCommandTests.requireExecutable()
        try await withFreshStore(.sqlite) { store async throws in
            let database = store.database.location.connectionString
            for sample in Self.samples {
                let source = ((sample.sheet as NSString).lastPathComponent as NSString).deletingPathExtension
                let run = try await ImportCommandTests.closeloop(["import", sample.sheet, "--profile", sample.profile, "--source", source, "--db", database])
                #expect(run.status == 0, "\(sample.sheet): \(run.output) \(run.errors)")
            }

            let log = FileManager.default.temporaryDirectory.appendingPathComponent("samples-serve-\(UUID().uuidString).log")
            defer { try? FileManager.default.removeItem(at: log) }
            let server = try await BenchServer(executable: KilledImportTests.executable.path, databasePath: database, log: log.path)
            defer { server.stop() }

            var ids: [String] = []
            var cursor: String?
            repeat {
                let page = try await server.request(
                    "GET", "/api/v1/services?limit=500&include_inactive=true" + (cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? ""))
                #expect(page.status == 200, "\(page.body)")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
                let items = try #require(body["items"] as? [[String: Any]])
                ids += items.compactMap { $0["id"] as? String }
                cursor = body["next_cursor"] as? String
            } while cursor != nil
            let sources = Set(Self.samples.map { (($0.sheet as NSString).lastPathComponent as NSString).deletingPathExtension })
            #expect(Set(ids.compactMap { $0.split(separator: ":").first.map(String.init) }) == sources)

            let unsafe = CharacterSet(charactersIn: "/?#% \\").union(.whitespacesAndNewlines).union(.controlCharacters)
            for id in ids {
                #expect(id.rangeOfCharacter(from: unsafe) == nil, "id \(id) is not one URL path segment")
                let opened = try await server.request("GET", "/api/v1/services/\(id)")
                #expect(opened.status == 200, "GET /api/v1/services/\(id): \(opened.status)")
            }
        }
    }
}
