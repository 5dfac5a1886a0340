import Directory
import Foundation
import Testing
@testable import Feeds

/// What every reader's records go through on their way to the store (`FeedReader.batches`).
@Suite("Import pipeline")
struct ImportPipelineTests {
    static let seedFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("seed")

    static func placement(file: String) throws -> SitePlacement {
        SitePlacement(
            centroids: try PostalCodeCentroids.load(contentsOf: seedFolder.appendingPathComponent(PostalCodeCentroids.fileName)),
            file: file)
    }

    static func collect(_ reader: some FeedReader, placement: SitePlacement?) async throws -> (DirectorySnapshot, ReadSummary) {
        var all = DirectorySnapshot()
        var summary = ReadSummary()
        for try await event in reader.batches(size: 2, placement: placement) {
            switch event {
            case .batch(let batch):
                all.organizations += batch.organizations
                all.locations += batch.locations
                all.services += batch.services
                all.servicesAtLocation += batch.servicesAtLocation
            case .finished(let finished): summary = finished
            }
        }
        return (all, summary)
    }

    /// A city's spreadsheet with street addresses and ZIP codes but no coordinates.
    @Test func sitesWithAnAddressButNoCoordinatesArePlacedAtTheirZIPCentre() async throws {
        let profile = try MappingProfile.load(path: CSVFixtures.path("csv/youth-programs-addresses.yaml"))
        let reader = MappedCSVReader(
            path: CSVFixtures.path("csv/youth-programs-addresses.csv"), profile: profile, source: "city-youth",
            mapping: TaxonomyMapping(barriers: BarrierVocabulary.barriers), importedAt: CSVFixtures.importedAt)
        let (records, summary) = try await Self.collect(reader, placement: try Self.placement(file: "youth-programs-addresses.csv"))

        func site(_ street: String) throws -> Location {
            try #require(records.locations.first { $0.address?.address1.hasPrefix(street) == true }, "\(street)")
        }
        let grand = try site("1520 E Grand Ave")
        #expect(grand.coordinates == Coordinates(lat: 41.6086, lon: -93.5996))
        #expect(grand.coordinatesPrecision == .postalCode)
        #expect(grand.provenance.inferred.contains(.coordinates))
        let locust = try site("400 Locust St")
        #expect(locust.coordinates == Coordinates(lat: 41.5842, lon: -93.6220), "the ZIP after the state in the address text")
        #expect(try site("2300 Euclid Ave").coordinates == nil)
        #expect(try site("Riverview Park").coordinates == nil)

        let placed = records.locations.filter { $0.coordinatesPrecision == .postalCode }.count
        #expect(summary.sitesPlacedAtZIPCentre == placed)
        #expect(placed >= 2)
        let notPlaced = summary.problems.filter { $0.kind == .siteNotPlaced }
        #expect(notPlaced.count == 2)
        #expect(notPlaced.contains { $0.message.contains("99999") })
        #expect(summary.emitted.services == 5)
        #expect(summary.emitted.locations == records.locations.count)
        #expect(summary.emitted.total == records.organizations.count + records.locations.count + records.services.count
                + records.servicesAtLocation.count)
    }

    @Test func withoutTheTableNothingIsPlaced() async throws {
        let profile = try MappingProfile.load(path: CSVFixtures.path("csv/youth-programs-addresses.yaml"))
        let reader = MappedCSVReader(
            path: CSVFixtures.path("csv/youth-programs-addresses.csv"), profile: profile, source: "city-youth",
            mapping: TaxonomyMapping(barriers: BarrierVocabulary.barriers), importedAt: CSVFixtures.importedAt)
        let (records, summary) = try await Self.collect(reader, placement: nil)
        #expect(records.locations.allSatisfy { $0.coordinates == nil })
        #expect(summary.sitesPlacedAtZIPCentre == 0)
    }

    /// A Canadian 211 export: its sites keep what the feed says, and none is placed by a ZIP table.
    @Test func aCanadianFeedIsNotGeocoded() async throws {
        let folder = try #require(SharedFeeds.folder, "shared/feeds is not beside the repository")
        let path = folder.appendingPathComponent("bc211-airs-excerpt/BC211_data_excerpt.xml").path
        let reader = AIRSReader(path: path, source: "bc211", mapping: TaxonomyMapping(barriers: BarrierVocabulary.barriers),
                                importedAt: Date())
        let (records, summary) = try await Self.collect(reader, placement: try Self.placement(file: "BC211_data_excerpt.xml"))
        #expect(summary.sitesPlacedAtZIPCentre == 0)
        #expect(!records.locations.contains { $0.coordinatesPrecision == .postalCode })
        #expect(!summary.problems.contains { $0.kind == .siteNotPlaced })
    }

    @Test func servicesWhoseCodesOnlyDescribeTheProviderAreCounted() async throws {
        struct Feed: FeedReader {
            func read(emit: (FeedRecord) throws -> Void, progress: (ReadProgress) -> Void) throws -> ReadSummary {
                let provenance = Provenance(source: "t", externalID: "x")
                try emit(.organization(Organization(id: "o", name: "Agency", provenance: provenance)))
                for (id, codes) in [("a", ["RM-6500.1500"]), ("b", ["RM-6500.1500", "BD-1800.2000"]), ("c", ["YB-9500.1500"]), ("d", [])] {
                    try emit(.service(Service(id: id, organizationID: "o", name: id, domains: [], intensity: nil,
                                              taxonomyCodes: codes, provenance: provenance)))
                }
                var summary = ReadSummary()
                summary.recordsRead = 5
                return summary
            }
        }
        let (_, summary) = try await Self.collect(Feed(), placement: nil)
        #expect(summary.servicesWithOnlyProviderCodes == 2)
        #expect(summary.emitted.organizations == 1 && summary.emitted.services == 4)
    }
}
