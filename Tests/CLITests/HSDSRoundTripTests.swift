import Directory
import Foundation
import Feeds
import Storage
import Testing
import TestSupport

/// Export as HSDS 3.1 CSV, import the package into an empty store: the same organizations, locations,
/// services with every facet, links, and taxonomy terms with their names and descriptions.
@Suite("HSDS export → import round trip")
struct HSDSRoundTripTests {
    /// Import times differ by design; everything else must come back identical.
    static func normalized(_ snapshot: DirectorySnapshot) -> DirectorySnapshot {
        var copy = snapshot
        for index in copy.organizations.indices { copy.organizations[index].provenance.importedAt = nil }
        for index in copy.locations.indices { copy.locations[index].provenance.importedAt = nil }
        for index in copy.services.indices { copy.services[index].provenance.importedAt = nil }
        return copy
    }

    @Test(arguments: TestBackend.available)
    func exportThenImportIntoAnEmptyStoreGivesTheSameDirectory(backend: TestBackend) async throws {
        let original = try await withSeededStore(backend) { store async throws in try await store.snapshot() }
        try await Self.roundTrip(original, backend: backend)
    }

    /// Facts not stated are empty cells, and come back not stated: no default fills them on the way.
    @Test(arguments: TestBackend.available)
    func unknownsComeBackUnknown(backend: TestBackend) async throws {
        let original = try await withSeededStore(backend) { store async throws in
            var extra = DirectorySnapshot()
            let provenance = { (id: String) in Provenance(source: "county", externalID: id) }
            extra.organizations = [Organization(id: "county:org", name: "Quiet Agency", provenance: provenance("org"))]
            extra.locations = [
                Location(id: "county:site", organizationID: "county:org", name: "Office", provenance: provenance("site")),
                Location(
                    id: "county:zip", organizationID: "county:org", name: "Approximate", coordinates: Coordinates(lat: 41.6, lon: -93.6),
                    coordinatesPrecision: .postalCode, transitAccessible: false, provenance: provenance("zip")),
            ]
            extra.services = [
                Service(id: "county:blank", organizationID: "county:org", name: "Blank", domains: [], intensity: nil,
                        taxonomyCodes: ["RP-1400.8000-050"], provenance: provenance("blank")),
                Service(id: "county:partial", organizationID: "county:org", name: "Partial", domains: [.health], intensity: nil,
                        ages: AgeRange(min: 19), interpreterAvailable: false, cost: Cost(kind: nil, insurance: [.medicaid]),
                        enrollment: Enrollment(status: nil, intakeMethods: [.phone]), provenance: provenance("partial")),
            ]
            extra.servicesAtLocation = [ServiceAtLocation(id: "county:link", serviceID: "county:blank", locationID: "county:site")]
            try await store.save(extra)
            return try await store.snapshot()
        }
        try await Self.roundTrip(original, backend: backend)
    }

    /// Terms the store describes (names, a description) come back with their words; codes it does not
    /// describe come back as codes alone (the export showed the code as their name).
    @Test(arguments: TestBackend.available)
    func taxonomyTermsComeBackWithTheirNames(backend: TestBackend) async throws {
        let (original, terms) = try await withSeededStore(backend) { store async throws in
            let codes = Array(Set(try await store.snapshot().services.flatMap(\.taxonomyCodes))).sorted()
            try #require(codes.count >= 3)
            try await store.saveTaxonomyTerms([
                TaxonomyTerm(source: "seed", code: codes[0], name: "First term", description: "What the first code means.", taxonomy: "AIRS/211"),
                TaxonomyTerm(source: "seed", code: codes[1], name: "Second term", taxonomy: "AIRS/211"),
            ])
            return (try await store.snapshot(), try await store.taxonomyTerms())
        }
        #expect(terms.contains { $0.name == nil })
        try await Self.roundTrip(original, terms: terms, backend: backend)
    }

    /// A real 211 feed (the BC 211 AIRS excerpt) imported, exported and imported again: its bare-host
    /// websites (written http://… in HSDS), sites without a full address (left out of addresses.csv)
    /// and codes without names come back as they were.
    @Test(.enabled(if: TestFiles.sharedFeeds != nil, "shared/feeds is not beside the repository"), arguments: TestBackend.available)
    func theBC211ExcerptComesBackTheSame(backend: TestBackend) async throws {
        let path = try #require(TestFiles.sharedFeeds).appendingPathComponent("bc211-airs-excerpt/BC211_data_excerpt.xml").path
        let reader = AIRSReader(path: path, source: "bc211", mapping: TaxonomyMapping(barriers: try loadSeed().barriers), importedAt: Date())
        let (original, terms) = try await withFreshStore(backend) { store async throws in
            _ = try await store.importFeed(.init(source: "bc211")) { writer in
                var summary = ReadSummary()
                for try await event in reader.batches() {
                    switch event {
                    case .batch(let batch): try await writer.write(batch)
                    case .finished(let read): summary = read
                    }
                }
                try await writer.describe(Array(summary.taxonomyTerms.values))
                return summary.readToEnd
            }
            return (try await store.snapshot(), try await store.taxonomyTerms())
        }
        #expect(original.services.count == 39)
        #expect(original.organizations.contains { $0.url?.hasPrefix("www.") == true })
        #expect(original.locations.contains { $0.address != nil && $0.address?.postalCode == "" })
        try await Self.roundTrip(original, terms: terms, source: "bc211", backend: backend)
    }

    /// The files are the HSDS 3.1 package's, named as its datapackage.json names them.
    @Test func filesAreNamedAsTheSpecPackageNamesThem() throws {
        let files = Set(HSDSExporter(directory: DirectorySnapshot()).tables().keys)
        for file in ["organizations.csv", "services.csv", "locations.csv", "service_at_location.csv", "addresses.csv",
                     "phones.csv", "schedules.csv", "languages.csv", "service_areas.csv", "cost_options.csv",
                     "taxonomies.csv", "taxonomy_terms.csv", "attributes.csv", "service_capacity.csv", "units.csv", "url.csv"] {
            #expect(files.contains(file), "\(file)")
        }
        #expect(!files.contains("service_at_locations.csv"))
        #expect(files.count == 24 + 4)
    }

    /// Exports `original`, imports the package into an empty store and expects the same directory back.
    static func roundTrip(
        _ original: DirectorySnapshot, terms: [TaxonomyTerm] = [], source: String = "seed", backend: TestBackend
    ) async throws {
        let seed = try loadSeed()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try HSDSExporter(directory: original, terms: terms).write(to: folder)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("datapackage.json").path))

        let reader = HSDSReader(path: folder.path, source: source, mapping: TaxonomyMapping(barriers: seed.barriers), importedAt: Date())
        try await withFreshStore(backend) { store async throws in
            let counts = try await store.importFeed(.init(source: source)) { writer in
                var summary = ReadSummary()
                for try await event in reader.batches() {
                    switch event {
                    case .batch(let batch): try await writer.write(batch)
                    case .finished(let read): summary = read
                    }
                }
                #expect(summary.errors.isEmpty, "\(summary.errors.prefix(3))")
                try await writer.describe(Array(summary.taxonomyTerms.values))
                return summary.readToEnd
            }
            #expect(counts.services.added == original.services.count)
            let imported = Self.normalized(try await store.snapshot())
            let expected = Self.normalized(original)
            #expect(imported.organizations == expected.organizations)
            #expect(imported.locations == expected.locations)
            #expect(imported.servicesAtLocation == expected.servicesAtLocation)
            #expect(imported.services.count == expected.services.count)
            #expect(imported.services == expected.services)
            for (got, want) in zip(imported.services, expected.services) where got != want {
                Issue.record("service \(want.id) differs:\n got  \(got)\n want \(want)")
                break
            }
            // Terms by code: the words HSDS showed read back as what the store knew.
            func words(_ terms: [TaxonomyTerm]) -> [String: [String?]] {
                Dictionary(terms.map { ($0.code.uppercased(), [$0.name, $0.description]) }, uniquingKeysWith: { a, _ in a })
            }
            let codes = Set(original.services.flatMap { $0.taxonomyCodes.map { $0.uppercased() } })
            let want = words(terms).filter { codes.contains($0.key) }
                .merging(codes.map { ($0, [nil, nil]) }, uniquingKeysWith: { a, _ in a })
            #expect(words(try await store.taxonomyTerms()) == want)
        }
    }
}
