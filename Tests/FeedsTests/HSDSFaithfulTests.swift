import Directory
import Foundation
import Testing
@testable import Feeds

/// HSDS read faithfully (issue 19): the shared vocabulary for stated facts, inactive services kept,
/// Open Eligibility terms, packages with their tables in a subfolder, locations filed under the wrong
/// organization, and every problem with its kind.
@Suite("HSDS reader, faithfully")
struct HSDSFaithfulTests {
    static let vocabulary = TaxonomyMapping(barriers: BarrierVocabulary.barriers)

    private func read(_ path: String, source: String = "test", mapping: TaxonomyMapping = HSDSFaithfulTests.vocabulary) throws -> CollectedFeed {
        try CollectedFeed(HSDSReader(path: path, source: source, mapping: mapping, importedAt: CSVFixtures.importedAt))
    }

    /// `shared/specs` beside the repository (or beside the folder of worktrees).
    static let specs: URL? = SharedFeeds.folder?.deletingLastPathComponent().appendingPathComponent("specs")

    // MARK: Packages

    @Test func tablesInASubfolderNamedByTheResourcePathsAreRead() throws {
        let feed = try read(CSVFixtures.path("hsds30/in-subfolder"))
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        #expect((feed.organizations.count, feed.locations.count, feed.services.count, feed.links.count) == (1, 1, 2, 2))
        #expect(feed.organizations.first?.description == "A family resource center.")

        let pantry = try #require(feed.service(named: "Family Food Pantry"))
        #expect(pantry.cost == Cost(kind: .free))
        #expect(pantry.languages.map(\.rawValue) == ["es", "ht"])  // "Haitian-Creole" from the name column
        #expect(pantry.provenance.lastVerifiedAt == Date(timeIntervalSince1970: 1_336_466_700))  // 5/8/12 8:45

        let club = try #require(feed.service(named: "Homework Club"))
        #expect(club.cost == Cost(kind: .slidingScale))  // "Sliding scale, $0.00 - $120.00"
        #expect(club.ages == AgeRange(min: 11, max: 14))  // grades 6-8
        #expect(club.provenance.inferred.contains(.ages))
        #expect(club.interpreterAvailable == true)  // the language row's note
        #expect(club.languages == [.english])
    }

    @Test func aPackageThatGivesNoTableNamesWhatItLookedFor() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hsds-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"resources":[{"name":"organizations","path":"data/orgs.csv"}]}"#.utf8)
            .write(to: folder.appendingPathComponent("datapackage.json"))
        let feed = try read(folder.path)
        #expect(feed.order.isEmpty)
        #expect(!feed.summary.readToEnd)
        #expect(feed.errors.map(\.kind) == [.missingFile, .missingFile])
        #expect(feed.errors.first?.message.contains("subfolders") == true)
    }

    // MARK: Locations under the wrong organization, status

    @Test func aLocationNamingAMissingOrganizationIsKeptUnderItsServicesOrganization() throws {
        let feed = try read(CSVFixtures.path("hsds30/wrong-organization"))
        let annex = try #require(feed.location(named: "Harbor Annex"))
        #expect(annex.organizationID == "test:org-1")
        #expect(annex.coordinates == Coordinates(lat: 47.0460, lon: -122.8960))
        #expect(annex.transitAccessible == nil)  // parking says nothing about transit
        #expect(feed.location(named: "Eastside Shelter Office")?.organizationID == "test:org-2")
        #expect(feed.location(named: "Harbor Clinic")?.transitAccessible == true)

        let reattached = feed.warnings.filter { $0.kind == .locationReattached }
        #expect(reattached.map(\.recordID) == ["loc-2", "loc-3"])
        #expect(reattached.allSatisfy { $0.file == "locations.csv" && $0.field == "organization_id" })
        #expect(reattached.first?.line == 3)
        #expect(reattached.first?.message.contains("0001-LEGACY") == true)

        // No service there: nothing to file it under.
        #expect(feed.location(named: "Nobody's Site") == nil)
        let skipped = try #require(feed.errors.first { $0.recordID == "loc-4" })
        #expect((skipped.kind, skipped.line) == (.brokenReference, 5))

        // Coordinates out of range leave the location without coordinates, not without the location.
        let warehouse = try #require(feed.location(named: "Eastside Warehouse"))
        #expect(warehouse.coordinates == nil)
        #expect(feed.warnings.filter { $0.recordID == "loc-5" }.map(\.kind) == [.unreadableCoordinates])
        #expect(feed.links.count == 4)
    }

    @Test func inactiveAndDefunctServicesAreKeptInactive() throws {
        let feed = try read(CSVFixtures.path("hsds30/wrong-organization"))
        #expect(feed.services.count == 6)
        #expect(feed.service(named: "Anxiety Skills Group")?.active == true)
        #expect(feed.service(named: "Old Program")?.active == false)
        #expect(feed.service(named: "Closed Program")?.active == false)
        let summer = try #require(feed.service(named: "Summer Program"))
        #expect(summer.active)
        #expect(summer.enrollment.status == .closed)
        #expect(feed.service(named: "Pending Program")?.active == true)
        #expect(feed.warnings.filter { $0.kind == .inactiveRecord }.map(\.recordID) == ["svc-3", "svc-4"])
        #expect(feed.warnings.contains { $0.recordID == "svc-6" && $0.field == "status" && $0.kind == .unreadableValue })
    }

    // MARK: Open Eligibility

    @Test func openEligibilityTermsMapThroughTheVocabulary() throws {
        let feed = try read(CSVFixtures.path("hsds30/open-eligibility"))
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        func service(_ name: String) throws -> Service { try #require(feed.service(named: name)) }
        #expect(try service("Food Pantry").taxonomyCodes == ["OE:Food Pantry"])
        #expect(try service("Rent Help").taxonomyCodes == ["OE:Help Pay for Rent"])
        #expect(try service("Bus Passes").taxonomyCodes == ["OE:Bus Passes"])
        #expect(try service("Tutoring").taxonomyCodes == ["HH-0500.8000"])
        let covered = Self.vocabulary.barriers(for: ["OE:Food Pantry"]).flatMap(\.domains)
        #expect(!covered.isEmpty)
        #expect(try service("Food Pantry").domains == Domain.allCases.filter(Set(covered).contains))
        #expect(!(try service("Rent Help").domains.isEmpty))
        #expect(!(try service("Bus Passes").domains.isEmpty))
        // A term of the Open Eligibility taxonomy that no barrier names is kept, and counted as unmapped.
        #expect(try service("Knitting Circle").taxonomyCodes == ["OE:Crafts"])
        #expect(try service("Knitting Circle").domains.isEmpty)
        #expect(feed.summary.unmappedTaxonomyCodes["OE:Crafts"] == 1)
    }

    // MARK: Kinds

    @Test func everyProblemOfTheBadFixturesHasAKind() throws {
        for fixture in ["hsds30/bad-rows", "hsds30/linked-problems", "hsds30/missing-column", "hsds30/wrong-organization", "hsds30/valid"] {
            let feed = try read(CSVFixtures.path(fixture))
            let untyped = feed.summary.problems.filter { $0.kind == .other }
            #expect(untyped.isEmpty, "\(fixture): \(untyped)")
            #expect(feed.summary.problems.allSatisfy { !$0.file.isEmpty })
        }
    }

    // MARK: Real packages, by path

    /// Open Referral's HSDS 3.1 examples: the location names an organization the package lacks and
    /// sits at latitude 100; both are kept with warnings, as the service that links to it says where.
    @Test func theHSDS31ExamplesAreReadWithTheirProblemsSaid() throws {
        guard let specs = Self.specs, FileManager.default.fileExists(atPath: specs.appendingPathComponent("hsds-3.1").path) else {
            Issue.record("../shared/specs not found: the test would prove nothing")
            return
        }
        let examples = specs.appendingPathComponent("hsds-3.1/examples/csv").path
        let feed = try read(examples, source: "hsds31")
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        #expect((feed.organizations.count, feed.locations.count, feed.services.count, feed.links.count) == (1, 1, 1, 1))
        let location = try #require(feed.locations.first)
        #expect(location.organizationID == "hsds31:d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
        #expect(location.coordinates == nil)
        #expect(location.transitAccessible == true)  // "serviced by the number 1 Bus"
        #expect(Set(feed.warnings.map(\.kind)).isSuperset(of: [.locationReattached, .unreadableCoordinates]))

        let counselling = try #require(feed.services.first)
        #expect(counselling.interpreterAvailable == true)  // "Interpretation services are available in Urdu, …"
        #expect(counselling.languages == [LanguageCode(rawValue: "ur")!])
        #expect(counselling.ages == AgeRange(min: 12, max: nil))  // minimum_age 12, maximum_age 100
        #expect(counselling.cost.kind == .fee)  // amount 35
        #expect(counselling.provenance.lastVerifiedAt != nil)

        // The package's root names the tables at its top; they sit in examples/csv, found in the subfolders.
        let root = try read(specs.appendingPathComponent("hsds-3.1").path, source: "hsds31")
        #expect(root.services.map(\.id) == feed.services.map(\.id))
    }

    @Test func theOpenReferralSampleKeepsItsInactiveServiceAndSaysSo() throws {
        guard let folder = SharedFeeds.folder?.appendingPathComponent("hsds-sample-datapackage").path,
              FileManager.default.fileExists(atPath: folder) else {
            Issue.record("../shared/feeds not found: the test would prove nothing")
            return
        }
        let feed = try read(folder, source: "openreferral-sample")
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        let inactive = feed.services.filter { !$0.active }
        #expect(inactive.map(\.name) == ["Food Safety Program", "Dear Teacher Skills Refresh", "Wash & Go at The Cross"])
        #expect(feed.warnings.filter { $0.kind == .inactiveRecord }.count == inactive.count)
        #expect(feed.summary.problems.allSatisfy { $0.kind != .other }, "\(feed.summary.problems.filter { $0.kind == .other })")
        // Descriptions are plain text: the sample's HTML list reads as lines.
        let silvers = try #require(feed.organization(named: "Example City Silvers"))
        #expect(!silvers.description.contains("<li>"))
        #expect(silvers.description.contains("Cleaning"))
    }
}
