import Directory
import Foundation
import Testing
@testable import Feeds

@Suite("HSDS reader")
struct HSDSReaderTests {
    private func read(_ relative: String, source: String = "test") throws -> CollectedFeed {
        try CollectedFeed(HSDSReader(
            path: CSVFixtures.path(relative), source: source, mapping: CSVFixtures.mapping, importedAt: CSVFixtures.importedAt))
    }

    // MARK: HSDS 3.0

    @Test func hsds30EmitsEveryKindInOrder() throws {
        let feed = try read("hsds30/valid")
        #expect(feed.organizations.count == 2)
        #expect(feed.locations.count == 3)
        #expect(feed.services.count == 5)
        #expect(feed.links.count == 6)
        #expect(feed.summary.recordsRead == 16)
        #expect(feed.summary.readToEnd)
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        // Organizations, then locations, then services, then links.
        let kinds = ["organization", "location", "service", "serviceAtLocation"]
        #expect(feed.order == feed.order.sorted { kinds.firstIndex(of: $0)! < kinds.firstIndex(of: $1)! })
    }

    @Test func hsds30IdsAndProvenanceCarryTheSource() throws {
        let feed = try read("hsds30/valid", source: "county-hsds")
        let tutoring = try #require(feed.service(named: "After-School Tutoring"))
        #expect(tutoring.id == "county-hsds:svc-1")
        #expect(tutoring.organizationID == "county-hsds:org-1")
        #expect(tutoring.provenance.source == "county-hsds")
        #expect(tutoring.provenance.externalID == "svc-1")
        #expect(tutoring.provenance.importedAt == CSVFixtures.importedAt)
        #expect(tutoring.provenance.lastVerifiedAt == Date(timeIntervalSince1970: 1_756_684_800))  // 2025-09-01
        let counseling = try #require(feed.service(named: "Teen Counseling"))
        #expect(counseling.provenance.lastVerifiedAt == Date(timeIntervalSince1970: 1_755_253_800))  // 2025-08-15T10:30Z
        #expect(feed.links.contains(ServiceAtLocation(
            id: "county-hsds:sal-3", serviceID: "county-hsds:svc-2", locationID: "county-hsds:loc-3")))
    }

    @Test func hsds30ServiceFacets() throws {
        let feed = try read("hsds30/valid")
        let tutoring = try #require(feed.service(named: "After-School Tutoring"))
        #expect(tutoring.domains == [.academic])
        #expect(tutoring.intensity == .prevention)
        #expect(tutoring.taxonomyCodes == ["HH-0500.8000"])
        #expect(tutoring.ages == AgeRange(min: 6, max: 14))
        #expect(tutoring.languages.map(\.rawValue) == ["es", "so", "en"])
        #expect(tutoring.interpreterAvailable == true)
        #expect(tutoring.cost == Cost(kind: .free))
        #expect(tutoring.enrollment == Enrollment(status: nil, intakeMethods: [.phone, .walkIn]))  // no status, no wait time
        #expect(tutoring.serviceArea.postalCodes == ["98101", "98102"])
        // MO,TU,WE,TH weekly; the monthly "1SA" rule is not weekly hours.
        #expect(tutoring.hours.map(\.weekday) == [.monday, .tuesday, .wednesday, .thursday])
        #expect(tutoring.hours.first?.opens == TimeOfDay(hour: 15))
        #expect(tutoring.hours.first?.closes == TimeOfDay(hour: 18))

        let counseling = try #require(feed.service(named: "Teen Counseling"))
        #expect(counseling.domains == [.socialEmotional, .health])
        #expect(counseling.intensity == .earlyIntervention)
        #expect(counseling.ages == AgeRange(min: 12, max: 18))  // from eligibility.csv
        #expect(counseling.languages == [LanguageCode(rawValue: "vi")!])
        #expect(counseling.interpreterAvailable == nil)  // interpretation_services blank
        #expect(counseling.cost == Cost(kind: .slidingScale, insurance: [.chip, .medicaid]))
        #expect(counseling.enrollment.intakeMethods == [.online, .schoolReferral])
        #expect(counseling.hours == [OpeningHours(weekday: .saturday, opens: TimeOfDay(hour: 10)!, closes: TimeOfDay(hour: 14)!)])
        #expect(counseling.serviceArea.postalCodes == ["98118", "98108"])
        #expect(counseling.phones == [Phone(number: "(206) 555-0142 ext. 12", kind: .text)])
        #expect(counseling.url == "https://harbor.example/teens")

        let crisis = try #require(feed.service(named: "Youth Crisis Line"))
        #expect(crisis.intensity == .intensive)
        #expect(crisis.cost.kind == .free)
        #expect(crisis.hours.count == 7)
        #expect(crisis.phones.first?.kind == .hotline)

        let pantry = try #require(feed.service(named: "Family Food Pantry"))
        #expect(pantry.domains == [.health, .family])
        #expect(pantry.taxonomyCodes == ["BD-1800.2000", "YZ-9999"])
        #expect(pantry.ages == AgeRange(min: 0, max: 18))  // from eligibility_description text
        #expect(pantry.languages == [])

        #expect(feed.service(named: "Old Program")?.active == false)
        #expect(tutoring.active)
    }

    @Test func hsds30UnmappedCodesAndUnknownLanguagesAreWarnings() throws {
        let feed = try read("hsds30/valid")
        // "YZ-9999" lies in the target-population branch (Y): it says who a service is for, is not meant
        // to map to a barrier, and so is neither counted nor warned about as unmapped.
        #expect(feed.summary.unmappedTaxonomyCodes == [:])
        #expect(!feed.warnings.contains { $0.message.contains("YZ-9999") })
        let klingon = try #require(feed.warnings.first { $0.message.contains("Klingon") })
        #expect(klingon.file == "languages.csv")
        #expect(klingon.line == 6)
        #expect(klingon.field == "language")
        // svc-5 has no taxonomy at all: one summary warning, not one per service.
        #expect(feed.warnings.filter { $0.message.contains("carry no taxonomy code") }.count == 1)
    }

    @Test func hsds30OrganizationsAndLocations() throws {
        let feed = try read("hsds30/valid")
        let eastside = try #require(feed.organization(named: "Eastside Family Resource Center"))
        #expect(eastside.url == "https://eastside.example")
        #expect(eastside.email == "hello@eastside.example")
        #expect(eastside.phones == [Phone(number: "(206) 555-0100")])

        let center = try #require(feed.location(named: "Eastside Center"))
        // The physical address wins over the postal one listed first.
        // address_2 ("Suite 2") belongs with the street.
        #expect(center.address == Address(address1: "100 Main St, Suite 2", city: "Springfield", region: "WA", postalCode: "98101"))
        #expect(center.coordinates == Coordinates(lat: 47.6101, lon: -122.3421))
        #expect(center.transitAccessible == true)
        let clinic = try #require(feed.location(named: "Harbor Clinic"))
        #expect(clinic.address?.address1 == "9 Harbor Way")  // only a postal address: still better than none
        #expect(clinic.transitAccessible == nil)  // "Parking lot behind the building" says nothing about transit
        // No organization_id: the owner is found through the service offered there.
        let satellite = try #require(feed.location(named: "Lincoln Elementary satellite office"))
        #expect(satellite.organizationID == "test:org-2")
        #expect(satellite.coordinates == nil)
    }

    // MARK: HSDS 2.0

    @Test func hsds20ReadsOlderColumnNames() throws {
        let feed = try read("hsds20/valid")
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        #expect((feed.organizations.count, feed.locations.count, feed.services.count, feed.links.count) == (2, 2, 3, 3))

        let club = try #require(feed.service(named: "Homework Club"))
        #expect(club.domains == [.academic])
        #expect(club.taxonomyCodes == ["HH-0500.8000"])
        #expect(club.ages == AgeRange(min: 5, max: 12))
        #expect(club.languages.map(\.rawValue) == ["es", "en"])
        #expect(club.cost.kind == .free)
        #expect(club.enrollment == Enrollment(status: .waitlist, waitlistWeeks: 3, intakeMethods: [.walkIn]))
        #expect(club.hours.map(\.weekday) == [.monday, .wednesday])
        #expect(club.serviceArea.postalCodes == ["98125", "98133"])

        let therapy = try #require(feed.service(named: "Family Therapy"))
        #expect(therapy.taxonomyCodes == ["RP-1400.8000"])  // the term's name holds the AIRS code
        #expect(therapy.ages == AgeRange(min: 13, max: 19))  // "teen"; "family" names no ages
        #expect(therapy.cost == Cost(kind: .slidingScale, insurance: [.medicaid, .private]))
        #expect(therapy.interpreterAvailable == true)
        #expect(therapy.languages.map(\.rawValue) == ["ru"])
        #expect(therapy.hours == [OpeningHours(weekday: .saturday, opens: TimeOfDay(hour: 9)!, closes: TimeOfDay(hour: 13)!)])
        #expect(therapy.phones == [Phone(number: "(206) 555-0161", kind: .fax)])

        let meals = try #require(feed.service(named: "Summer Meals"))
        #expect(meals.active)
        #expect(meals.enrollment.status == .closed)
        #expect(meals.taxonomyCodes.isEmpty)
        #expect(feed.warnings.contains { $0.message.contains("Youth Programs") })

        let house = try #require(feed.location(named: "Northgate House"))
        #expect(house.transitAccessible == true)
        #expect(house.address?.postalCode == "98125")
        #expect(feed.organization(named: "Northgate Neighborhood House")?.phones
            == [Phone(number: "(206) 555-0160", language: .english)])
    }

    @Test func readsAZippedPackage() throws {
        let zipped = try read("hsds20/valid.zip")
        let folder = try read("hsds20/valid")
        #expect(zipped.errors.isEmpty, "\(zipped.errors)")
        #expect(zipped.services == folder.services)
        #expect(zipped.links == folder.links)
    }

    @Test func missingUnzipIsAnError() {
        let log = CSVImportLog()
        let folder = HSDSZipArchive.extract(CSVFixtures.path("hsds20/valid.zip"), unzipPath: "/nonexistent/unzip", log: log)
        #expect(folder == nil)
        #expect(log.summary.problems.count == 1)
        #expect(log.summary.problems.first?.severity == .error)
        #expect(log.summary.problems.first?.message.contains("unzip") == true)
        #expect(!log.summary.readToEnd)
    }

    // MARK: Problems

    @Test func missingRequiredColumnsStopBeforeAnyRecord() throws {
        let feed = try read("hsds30/missing-column")
        #expect(feed.order.isEmpty)
        #expect(!feed.summary.readToEnd)
        let columns = feed.errors.map { "\($0.file):\($0.field ?? "")" }.sorted()
        #expect(columns == ["phones.csv:number", "services.csv:name"])
        #expect(feed.warnings.contains { $0.file == "datapackage.json" })
    }

    /// Records without an id, repeating one, or naming what the package lacks are skipped; a value
    /// that cannot be read ("north", "ten", "yesterday") is a warning and leaves its fact unknown.
    @Test func badRowsAreSkippedOrKeptWithTheirFileLineFieldAndRecord() throws {
        let feed = try read("hsds30/bad-rows")
        #expect(feed.organizations.map(\.id) == ["test:org-1", "test:org-2"])
        #expect(feed.locations.map(\.id) == ["test:loc-1", "test:loc-2"])
        #expect(feed.services.map(\.id) == ["test:svc-1", "test:svc-3", "test:svc-4"])
        #expect(feed.links.map(\.id) == ["test:sal-1", "test:sal-2"])
        #expect(feed.summary.recordsRead == 16)
        #expect(feed.summary.readToEnd)

        func error(_ file: String, _ line: Int) -> ImportProblem? { feed.errors.first { $0.file == file && $0.line == line } }
        func warning(_ file: String, _ line: Int) -> ImportProblem? { feed.warnings.first { $0.file == file && $0.line == line } }
        #expect(error("organizations.csv", 3)?.recordID == "org-1")  // duplicate id
        #expect(error("organizations.csv", 3)?.kind == .duplicateRecord)
        #expect(error("organizations.csv", 5)?.field == "id")  // blank id
        #expect(error("organizations.csv", 5)?.kind == .missingID)
        let north = try #require(warning("locations.csv", 3))
        #expect((north.field, north.recordID, north.kind) == ("latitude", "loc-2", .unreadableCoordinates))
        #expect(north.message.contains("'north'"))
        #expect(feed.locations.last?.coordinates == nil)
        #expect(error("locations.csv", 4)?.field == "organization_id")
        #expect(error("locations.csv", 4)?.kind == .brokenReference)
        #expect(error("services.csv", 3)?.message.contains("org-9") == true)
        #expect(error("services.csv", 4)?.message.contains("appears earlier") == true)
        #expect(warning("services.csv", 5)?.field == "minimum_age")
        #expect(warning("services.csv", 5)?.kind == .unreadableAges)
        #expect(feed.services.first { $0.id == "test:svc-3" }?.ages == AgeRange())
        #expect(warning("services.csv", 6)?.field == "last_modified")
        #expect(warning("services.csv", 6)?.kind == .unreadableDate)
        #expect(error("schedules.csv", 2)?.field == "byday")
        #expect(error("schedules.csv", 3)?.field == "opens_at")
        #expect(error("schedules.csv", 3)?.kind == .unreadableHours)
        #expect(error("services_at_location.csv", 4)?.field == "service_id")
        #expect(error("services_at_location.csv", 5)?.recordID == "sal-1")
        #expect(feed.errors.count == 9)
        #expect(feed.summary.problems.allSatisfy { $0.kind != .other })
        // The valid schedule row of svc-1 still counts.
        #expect(feed.services.first?.hours == [OpeningHours(weekday: .friday, opens: TimeOfDay(hour: 14)!, closes: TimeOfDay(hour: 16)!)])
    }

    /// The schedules table loads on a thread of its own while the reader loads the other linked
    /// tables; its rows still reach their services, and its problems are reported where a one-thread
    /// read finds them: after the addresses', before the languages'.
    @Test func linkedTablesLoadTogetherAndReportProblemsInTableOrder() throws {
        let feed = try read("hsds30/linked-problems")
        let linkedFiles: Set = ["schedules.csv", "languages.csv", "eligibility.csv", "cost_options.csv"]
        let reported = feed.summary.problems.filter { linkedFiles.contains($0.file) }.map { "\($0.file):\($0.line ?? 0)" }
        #expect(reported == ["schedules.csv:2", "schedules.csv:5", "languages.csv:2", "eligibility.csv:2", "cost_options.csv:2"])
        #expect(feed.summary.readToEnd)

        let services = Dictionary(uniqueKeysWithValues: feed.services.map { ($0.id, $0) })
        let homework = try #require(services["test:svc-1"]), counseling = try #require(services["test:svc-2"])
        #expect(homework.hours == [OpeningHours(weekday: .tuesday, opens: TimeOfDay(hour: 15)!, closes: TimeOfDay(hour: 17, minute: 30)!)])
        #expect(counseling.hours == [OpeningHours(weekday: .saturday, opens: TimeOfDay(hour: 9)!, closes: TimeOfDay(hour: 12)!)])
        #expect(counseling.languages == [LanguageCode(rawValue: "es")!])
        #expect(counseling.ages == AgeRange(min: 12, max: 18))
        #expect(counseling.cost.kind == .free)
    }

    @Test func progressIsReportedAtMostEveryThousandRecords() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hsds-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let organizations = "id,name\no1,Org\n"
        try Data(organizations.utf8).write(to: folder.appendingPathComponent("organizations.csv"))
        var services = "id,organization_id,name\n"
        for index in 0..<2_500 { services += "s\(index),o1,Service \(index)\n" }
        try Data(services.utf8).write(to: folder.appendingPathComponent("services.csv"))
        try Data(#"{"resources":[]}"#.utf8).write(to: folder.appendingPathComponent("datapackage.json"))

        let feed = try CollectedFeed(HSDSReader(
            path: folder.path, source: "p", mapping: CSVFixtures.mapping, importedAt: CSVFixtures.importedAt))
        #expect(feed.services.count == 2_500)
        #expect(feed.progress.map(\.records) == [1_000, 2_000, 2_501])
        let total = try #require(feed.progress.last?.totalBytes)
        #expect(feed.progress.last?.bytesRead == total)
        #expect(total == Int64(services.utf8.count + organizations.utf8.count))
        #expect(feed.progress.map(\.bytesRead) == feed.progress.map(\.bytesRead).sorted())
    }

    @Test func aMissingPackageIsAnError() throws {
        let feed = try read("hsds30/nonexistent")
        #expect(feed.order.isEmpty)
        #expect(feed.errors.count == 1)
        #expect(!feed.summary.readToEnd)
    }

    // MARK: The real sample feed

    /// Open Referral's sample package (HSDS 1.1), kept outside the repository in ../shared/feeds.
    @Test func importsTheSharedOpenReferralSample() throws {
        // A missing shared folder fails the test: passing without reading the sample would prove nothing.
        let folder = try #require(SharedFeeds.folder, "../shared/feeds not found above \(#filePath)")
            .appendingPathComponent("hsds-sample-datapackage").path
        func dataRows(_ file: String) throws -> Int {
            try CSVFixtures.rows((folder as NSString).appendingPathComponent(file)).rows.count - 1
        }
        let feed = try CollectedFeed(HSDSReader(
            path: folder, source: "openreferral-sample", mapping: CSVFixtures.mapping, importedAt: CSVFixtures.importedAt))
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        #expect(feed.organizations.count == (try dataRows("organizations.csv")))
        #expect(feed.services.count == (try dataRows("services.csv")))
        #expect(feed.locations.count == (try dataRows("locations.csv")))
        #expect(feed.links.count == (try dataRows("services_at_location.csv")))
        #expect(feed.summary.recordsRead == feed.order.count)

        let helpline = try #require(feed.service(named: "Never Homeless Helpline"))
        #expect(helpline.ages == AgeRange(min: 18, max: nil))  // eligibility "adult": no upper age stated
        #expect(helpline.languages.map(\.rawValue) == ["en", "es"])
        #expect(helpline.hours.map(\.weekday) == [.monday, .tuesday, .wednesday])  // weekday 1–3
        #expect(helpline.cost.kind == .fee)  // cash, credit card
        #expect(helpline.interpreterAvailable == true)
        #expect(feed.service(named: "Shop Assist")?.enrollment == Enrollment(status: .waitlist, waitlistWeeks: 4, intakeMethods: [.phone]))
        #expect(feed.service(named: "Food Safety Program")?.active == false)
        #expect(feed.location(named: "Sanctuary on 5th Street")?.transitAccessible == true)
        #expect(feed.location(named: "4830 Highland Drive")?.coordinates == Coordinates(lat: 39.428192, lon: -119.897426))
        #expect(feed.organization(named: "Example Cross Trust")?.phones.count == 2)
        let silvers = try #require(feed.organization(named: "Example City Silvers"))
        // The package's HTML list becomes plain lines, tags gone.
        #expect(silvers.description.contains("\nCleaning\n"))
        #expect(!silvers.description.contains("<li>"))
    }
}
