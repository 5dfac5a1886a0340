import Directory
import Foundation
import Feeds
import Storage
import Testing
import TestSupport

/// shared/specs/hsds-3.1/examples/csv, found beside shared/feeds.
enum HSDSOfficialExamples {
    static let folder: URL? = TestFiles.sharedFeeds.map {
        $0.deletingLastPathComponent().appendingPathComponent("specs/hsds-3.1/examples/csv")
    }.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
}

/// The official HSDS 3.1 CSV examples (shared/specs/hsds-3.1/examples/csv, openreferral/specification
/// 3.1) import cleanly: no error-level problem. What remains are warnings about the examples
/// themselves, each kept on purpose:
/// - their datapackage.json is a 22-byte text "../../datapackage.json" (a symbolic link of the spec's
///   repository stored as a file), so tables are found by their file names;
/// - the location names organization 985e4a42-… which organizations.csv does not have, so it is kept
///   under the organization of the service offered there;
/// - its latitude is 100 (longitude 101), no place on Earth: kept without coordinates;
/// - the one service carries no taxonomy code (the example attribute links another id, f28dd44b-…).
@Suite("HSDS 3.1 official examples", .enabled(if: HSDSOfficialExamples.folder != nil, "shared/specs is not beside the repository"))
struct HSDSOfficialExamplesTests {
    static var folder: URL? { HSDSOfficialExamples.folder }

    static func reader() throws -> HSDSReader {
        let seed = try loadSeed()
        return HSDSReader(path: try #require(folder).path, source: "hsds-examples",
                          mapping: TaxonomyMapping(barriers: seed.barriers), importedAt: Date())
    }

    @Test func importsWithoutErrorsAndOnlyTheExamplesOwnWarnings() throws {
        var records: [FeedRecord] = []
        let summary = try Self.reader().read(emit: { records.append($0) }, progress: { _ in })
        #expect(summary.errors.isEmpty, "\(summary.errors)")
        #expect(summary.readToEnd)
        #expect(summary.warnings.map(\.kind).sorted { $0.rawValue < $1.rawValue }
                == [.locationReattached, .malformedFile, .unmappedTaxonomy, .unreadableCoordinates])
        #expect(summary.warnings.first { $0.kind == .malformedFile }?.file == "datapackage.json")
        let services = records.compactMap { if case .service(let service) = $0 { service } else { nil } }
        #expect(services.map(\.name) == ["Community Counselling"])
        #expect(records.count == 4)
        // The example term is kept with its words (code "code", name "name", description "description").
        #expect(summary.taxonomyTerms["code"] == TaxonomyTerm(
            source: "hsds-examples", code: "code", name: "name", description: "description", taxonomy: "taxonomy"))
    }

    /// Through the store, on each engine: every record lands and the term is stored with its name.
    @Test(arguments: TestBackend.available)
    func importsIntoTheStore(backend: TestBackend) async throws {
        let reader = try Self.reader()
        try await withFreshStore(backend) { store async throws in
            let counts = try await store.importFeed(.init(source: "hsds-examples")) { writer in
                var summary = ReadSummary()
                for try await event in reader.batches() {
                    switch event {
                    case .batch(let batch): try await writer.write(batch)
                    case .finished(let read): summary = read
                    }
                }
                #expect(summary.errors.isEmpty, "\(summary.errors)")
                try await writer.describe(Array(summary.taxonomyTerms.values))
                return summary.readToEnd
            }
            #expect(counts.organizations.added == 1 && counts.locations.added == 1 && counts.services.added == 1)
            #expect(try await store.taxonomyTerms() == [TaxonomyTerm(
                source: "hsds-examples", code: "code", name: "name", description: "description", taxonomy: "taxonomy")])
        }
    }
}
