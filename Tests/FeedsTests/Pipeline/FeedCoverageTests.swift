import Directory
import Foundation
import Testing
@testable import Feeds

@Suite("Feed coverage")
struct FeedCoverageTests {
    static let provenance = Provenance(source: "t", externalID: "x")

    @Test func sharesOfActiveServicesStatingEachFact() throws {
        let verified = Provenance(source: "t", externalID: "x", lastVerifiedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let full = Service(
            id: "full", organizationID: "o", name: "Full", domains: [.health], intensity: nil, ages: AgeRange(min: 5, max: 18),
            languages: [.spanish], cost: Cost(kind: .free),
            hours: [OpeningHours(weekday: .monday, opens: TimeOfDay(hour: 9)!, closes: TimeOfDay(hour: 17)!)],
            provenance: verified)
        let insured = Service(id: "insured", organizationID: "o", name: "Insured", domains: [], intensity: nil, cost: Cost(kind: nil, insurance: [.medicaid]),
                              provenance: Self.provenance)
        let bare = Service(id: "bare", organizationID: "o", name: "Bare", domains: [], intensity: nil, provenance: Self.provenance)
        let withdrawn = Service(id: "gone", organizationID: "o", name: "Gone", domains: [.health], intensity: nil, provenance: Self.provenance, active: false)
        let stated = Location(id: "l1", organizationID: "o", name: "A", coordinates: Coordinates(lat: 41.6, lon: -93.6),
                              coordinatesPrecision: .stated, provenance: Self.provenance)
        let zipCentre = Location(id: "l2", organizationID: "o", name: "B", coordinates: Coordinates(lat: 41.61, lon: -93.6),
                                 coordinatesPrecision: .postalCode, provenance: Self.provenance)
        let unlocated = Location(id: "l3", organizationID: "o", name: "C", provenance: Self.provenance)

        var coverage = FeedCoverage()
        // Links may come before the locations they name arrive in a later batch.
        coverage.add(DirectorySnapshot(services: [full, insured], servicesAtLocation: [
            ServiceAtLocation(id: "1", serviceID: "full", locationID: "l1"),
            ServiceAtLocation(id: "2", serviceID: "insured", locationID: "l2"),
            ServiceAtLocation(id: "3", serviceID: "bare", locationID: "l3"),
        ]))
        coverage.add(DirectorySnapshot(locations: [stated, zipCentre, unlocated], services: [bare, withdrawn]))
        coverage.finish()

        #expect(coverage.services == 4)
        #expect(coverage.activeServices == 3)
        #expect(coverage.count(.domain) == 1)
        #expect(coverage.count(.ages) == 1)
        #expect(coverage.count(.languages) == 1)
        #expect(coverage.count(.hours) == 1)
        #expect(coverage.count(.cost) == 2)
        #expect(coverage.count(.verification) == 1)
        #expect(coverage.count(.coordinates) == 2)
        #expect(coverage.servicesAtZIPCentreOnly == 1)
        #expect(abs(coverage.share(.cost) - 2.0 / 3.0) < 1e-9)
        let table = coverage.table
        #expect(table.contains("coverage of 3 active service(s) (4 read)"))
        let rows = table.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.contains("coordinates 67% 2 1 only at a ZIP centre"), "\(table)")
        #expect(rows.contains("ages 33% 1"), "\(table)")
    }

    /// The shared BC 211 excerpt through the AIRS reader and the import pipeline: every figure equals a
    /// count made directly over the records the reader gives.
    @Test func theSharedAIRSExcerpt() async throws {
        let folder = try #require(SharedFeeds.folder, "shared/feeds is not beside the repository")
        let path = folder.appendingPathComponent("bc211-airs-excerpt/BC211_data_excerpt.xml").path
        let mapping = TaxonomyMapping(barriers: BarrierVocabulary.barriers)
        let reader = AIRSReader(path: path, source: "bc211", mapping: mapping, importedAt: Date())
        let (coverage, summary) = try await FeedCoverage.measure(reader)
        let records = try CollectedFeed(reader)

        let active = records.services.filter(\.active)
        let locatedSites = Set(records.locations.filter { $0.active && $0.coordinates != nil }.map(\.id))
        let located = Set(records.links.filter { locatedSites.contains($0.locationID) }.map(\.serviceID))
        #expect(coverage.activeServices == active.count)
        #expect(coverage.activeServices > 0)
        #expect(summary.emitted.services == records.services.count)
        #expect(coverage.count(.domain) == active.filter { !$0.domains.isEmpty }.count)
        #expect(coverage.count(.ages) == active.filter(\.ages.isStated).count)
        #expect(coverage.count(.languages) == active.filter { !$0.languages.isEmpty }.count)
        #expect(coverage.count(.hours) == active.filter { !$0.hours.isEmpty }.count)
        #expect(coverage.count(.cost) == active.filter { $0.cost.kind != nil || !$0.cost.insurance.isEmpty }.count)
        #expect(coverage.count(.verification) == active.filter { $0.provenance.lastVerifiedAt != nil }.count)
        #expect(coverage.count(.coordinates) == active.filter { located.contains($0.id) }.count)
        // The export gives "lat, lon" for its sites and counselling codes (RP-1400.2500) for many services.
        #expect(coverage.count(.coordinates) > 0)
        #expect(coverage.count(.domain) > 0)
    }
}
