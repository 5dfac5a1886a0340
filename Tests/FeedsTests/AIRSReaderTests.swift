import Directory
import Foundation
import Testing
@testable import Feeds

/// Everything one read produced, in emission order (the robustness tests compare two of them).
struct AIRSRead: Equatable {
    var records: [FeedRecord] = []
    var summary = ReadSummary()
    var progress: [ReadProgress] = []

    var organizations: [Organization] { records.compactMap { if case .organization(let o) = $0 { o } else { nil } } }
    var locations: [Location] { records.compactMap { if case .location(let l) = $0 { l } else { nil } } }
    var services: [Service] { records.compactMap { if case .service(let s) = $0 { s } else { nil } } }
    var links: [ServiceAtLocation] { records.compactMap { if case .serviceAtLocation(let l) = $0 { l } else { nil } } }
    var errors: [ImportProblem] { summary.errors }
    var warnings: [ImportProblem] { summary.problems.filter { $0.severity == .warning } }

    func service(_ key: String) throws -> Service { try #require(services.first { $0.id == "riverton-211:\(key)" }) }
    func location(_ key: String) throws -> Location { try #require(locations.first { $0.id == "riverton-211:\(key)" }) }
    func organization(_ key: String) throws -> Organization { try #require(organizations.first { $0.id == "riverton-211:\(key)" }) }
    func warning(containing text: String) -> ImportProblem? { warnings.first { $0.message.contains(text) } }
}

private enum AIRSFixture {
    static let importedAt = Date(timeIntervalSince1970: 1_717_200_000)

    /// A hand-written slice of the seed's barriers: enough to map food, anxiety and crisis codes.
    static let mapping = TaxonomyMapping(barriers: [
        Barrier(id: "food_insecurity", label: "Food insecurity", domains: [.health, .family], intensities: [.prevention],
                taxonomyPrefixes: ["BD-1800", "BD-5000"]),
        Barrier(id: "anxiety", label: "Anxiety", domains: [.socialEmotional, .health], intensities: [.earlyIntervention, .intensive],
                taxonomyPrefixes: ["RP-1400"]),
        Barrier(id: "crisis", label: "Crisis", domains: [.socialEmotional], intensities: [.intensive], taxonomyPrefixes: ["RP-1500"]),
    ])

    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("airs/\(name)")
    }

    static func read(_ name: String) throws -> AIRSRead {
        try read(path: url(name).path)
    }

    static func read(path: String) throws -> AIRSRead {
        var result = AIRSRead()
        let reader = AIRSReader(path: path, source: "riverton-211", mapping: mapping, importedAt: importedAt)
        result.summary = try reader.read(emit: { result.records.append($0) }, progress: { result.progress.append($0) })
        return result
    }

    /// Midnight UTC of a "YYYY-MM-DD" day, as feeds' dates without a time are read.
    static func day(_ text: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    }

    static func hours(_ days: [Weekday], _ opens: String, _ closes: String) -> [OpeningHours] {
        days.map { OpeningHours(weekday: $0, opens: TimeOfDay(opens)!, closes: TimeOfDay(closes)!) }
    }

    /// Writes a temporary file for one test, reads it, and removes it.
    static func read(contents: Data) throws -> AIRSRead {
        try withTemporaryFile(contents) { try read(path: $0) }
    }

    static func withTemporaryFile<Result>(_ contents: Data, _ body: (String) throws -> Result) throws -> Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("airs-\(UUID().uuidString).xml")
        try contents.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try body(file.path)
    }
}

@Suite("AIRS reader: a realistic 3.1 feed")
struct AIRSRealisticFeedTests {
    @Test func readsEveryRecordAndCountsThem() throws {
        let read = try AIRSFixture.read("riverton-211.xml")
        #expect(read.organizations.map(\.id) == ["riverton-211:A-100", "riverton-211:A-200", "riverton-211:A-300"])
        #expect(read.locations.map(\.id) == ["S-110", "S-120", "S-210", "S-220", "S-310"].map { "riverton-211:\($0)" })
        #expect(read.services.map(\.id) == ["SS-111", "SS-112", "SS-121", "SS-122", "SS-211", "SS-212", "SS-221", "SS-311"]
            .map { "riverton-211:\($0)" })
        #expect(read.links.count == 8)
        #expect(read.summary.recordsRead == 16)
        #expect(read.summary.readToEnd)
        #expect(read.errors.isEmpty)
    }

    @Test func emitsEachAgencyBeforeWhatNamesIt() throws {
        let read = try AIRSFixture.read("riverton-211.xml")
        var seen: Set<String> = []
        for record in read.records {
            switch record {
            case .organization(let organization): seen.insert(organization.id)
            case .location(let location):
                #expect(seen.contains(location.organizationID))
                seen.insert(location.id)
            case .service(let service):
                #expect(seen.contains(service.organizationID))
                seen.insert(service.id)
            case .serviceAtLocation(let link):
                #expect(seen.contains(link.serviceID) && seen.contains(link.locationID))
            }
        }
        let link = try #require(read.links.first { $0.serviceID == "riverton-211:SS-212" })
        #expect(link.locationID == "riverton-211:S-210")
        #expect(link.id == "riverton-211:S-210:SS-212")
    }

    @Test func readsAnOrganization() throws {
        let food = try AIRSFixture.read("riverton-211.xml").organization("A-100")
        #expect(food.name == "Riverton Community Food Network")
        #expect(food.description == "Food pantries and meal programs for families across Riverton.")
        #expect(food.url == "https://food.riverton.example")
        #expect(food.email == "info@food.riverton.example")
        // The confidential director's line is not published.
        #expect(food.phones == [Phone(number: "515-555-0100", kind: .voice)])
        #expect(food.provenance == Provenance(
            source: "riverton-211", externalID: "A-100", importedAt: AIRSFixture.importedAt,
            lastVerifiedAt: AIRSFixture.day("2024-03-15")))
    }

    @Test func readsLocations() throws {
        let read = try AIRSFixture.read("riverton-211.xml")
        let eastside = try read.location("S-110")
        #expect(eastside.name == "Eastside Pantry")
        #expect(eastside.organizationID == "riverton-211:A-100")
        #expect(eastside.address == Address(address1: "120 Grand Ave", city: "Riverton", region: "IA", postalCode: "50309", country: "US"))
        #expect(eastside.coordinates == Coordinates(lat: 41.5868, lon: -93.6250))
        #expect(eastside.transitAccessible == true)
        // Inherits the agency's verification date.
        #expect(eastside.provenance.lastVerifiedAt == AIRSFixture.day("2024-03-15"))

        let westside = try read.location("S-120")
        #expect(westside.address?.address1 == "4100 Westown Pkwy, Lot C")
        #expect(westside.coordinates == nil)
        #expect(westside.transitAccessible == false)
    }

    @Test func pantryInheritsItsSiteHoursAndLanguages() throws {
        let pantry = try AIRSFixture.read("riverton-211.xml").service("SS-111")
        #expect(pantry.name == "Emergency Food Pantry")
        #expect(pantry.organizationID == "riverton-211:A-100")
        #expect(pantry.domains == [.health, .family])
        #expect(pantry.intensity == .prevention)
        #expect(pantry.taxonomyCodes == ["BD-1800.2000"])
        // The feed states no ages, no interpreter, no enrollment status and no setting: unknown.
        #expect(pantry.ages == AgeRange())
        #expect(pantry.languages == [.english, .spanish, LanguageCode(rawValue: "so")!])
        #expect(pantry.interpreterAvailable == nil)
        #expect(pantry.hours == AIRSFixture.hours([.monday, .tuesday, .wednesday, .thursday, .friday], "09:00", "17:00")
            + AIRSFixture.hours([.saturday], "10:00", "14:00"))
        #expect(pantry.cost == Cost(kind: .free))
        #expect(pantry.enrollment == Enrollment(status: nil, intakeMethods: [.walkIn]))
        #expect(pantry.serviceArea.postalCodes == ["50309", "50310", "50311"])
        #expect(pantry.settings == [])
        #expect(pantry.transportation == .transitAccessible)
        #expect(pantry.phones == [Phone(number: "515-555-0100")])
        #expect(pantry.url == "https://food.riverton.example")
        #expect(pantry.provenance.externalID == "SS-111")
        #expect(pantry.provenance.lastVerifiedAt == AIRSFixture.day("2024-03-15"))
    }

    @Test func summerMealsHasItsOwnAgesHoursLanguagesAndDate() throws {
        let meals = try AIRSFixture.read("riverton-211.xml").service("SS-112")
        #expect(meals.ages == AgeRange(min: 1, max: 18))
        #expect(meals.hours == AIRSFixture.hours([.monday, .tuesday, .wednesday, .thursday, .friday], "11:30", "13:00"))
        #expect(meals.languages == [.spanish, .english])
        #expect(meals.cost.kind == .free)
        #expect(meals.enrollment.intakeMethods == [.walkIn])
        // Only a last-action date of its own (2024-05-01), which is not a verification: the agency's date stands.
        #expect(meals.provenance.lastVerifiedAt == AIRSFixture.day("2024-03-15"))
    }

    @Test func mobilePantryReadsListsExtensionsAndNotesHours() throws {
        let read = try AIRSFixture.read("riverton-211.xml")
        let mobile = try read.service("SS-121")
        #expect(mobile.languages == [.english, LanguageCode(rawValue: "vi")!])
        #expect(mobile.phones == [Phone(number: "515-555-0102 ext. 4")])
        #expect(mobile.enrollment.intakeMethods == [.phone])
        #expect(mobile.hours == AIRSFixture.hours([.tuesday, .thursday], "15:00", "18:00"))
        #expect(mobile.transportation == nil)  // no rides named and no bus line: not stated

        let delivery = try read.service("SS-122")
        #expect(delivery.settings == [.homeVisit])
        #expect(delivery.ages == AgeRange(min: 0, max: 5))
        #expect(delivery.enrollment == Enrollment(status: .waitlist, waitlistWeeks: 3, intakeMethods: [.phone]))
        #expect(delivery.languages == [])
    }

    @Test func counselingReadsSlidingScaleInsuranceWaitlistAndSignLanguage() throws {
        let read = try AIRSFixture.read("riverton-211.xml")
        let counseling = try read.service("SS-211")
        #expect(counseling.domains == [.socialEmotional, .health])
        #expect(counseling.intensity == .earlyIntervention)
        #expect(counseling.ages == AgeRange(min: 5, max: 18))
        #expect(counseling.cost == Cost(kind: .slidingScale, insurance: [.chip, .medicaid, .private]))
        #expect(counseling.enrollment == Enrollment(status: .waitlist, waitlistWeeks: 3, intakeMethods: [.phone, .schoolReferral]))
        #expect(counseling.languages == [.english, .spanish, LanguageCode(rawValue: "ar")!])
        // American Sign Language is a language without an ISO 639-1 code, dropped with a warning; the feed
        // says nothing about interpretation, so that stays unknown.
        #expect(counseling.interpreterAvailable == nil)
        #expect(counseling.hours == AIRSFixture.hours([.monday, .tuesday], "08:00", "19:00")
            + AIRSFixture.hours([.wednesday], "08:00", "12:00") + AIRSFixture.hours([.wednesday], "13:00", "17:00"))
        let sign = try #require(read.warning(containing: "American Sign Language"))
        #expect(sign.field == "Languages")
        #expect(sign.line == 128)
    }

    @Test func crisisLineIsIntensiveAroundTheClockAndVirtual() throws {
        let crisis = try AIRSFixture.read("riverton-211.xml").service("SS-212")
        #expect(crisis.domains == [.socialEmotional])
        #expect(crisis.intensity == .intensive)
        #expect(crisis.hours == AIRSFixture.hours(Weekday.allCases, "00:00", "24:00"))
        #expect(crisis.phones == [Phone(number: "515-555-0111", kind: .hotline)])
        #expect(crisis.languages == [.english])
        #expect(crisis.interpreterAvailable == true)
        #expect(crisis.settings == [.virtual])
        #expect(crisis.cost == Cost(kind: .free))
        #expect(crisis.url == "https://harbor.example.org")
    }

    @Test func schoolBasedTherapyIsClosedToNewStudents() throws {
        let therapy = try AIRSFixture.read("riverton-211.xml").service("SS-221")
        #expect(therapy.settings == [.schoolBased])
        #expect(therapy.ages == AgeRange(min: 14, max: 19))
        #expect(therapy.enrollment == Enrollment(status: .closed, intakeMethods: [.schoolReferral]))
        #expect(therapy.cost == Cost(kind: .slidingScale, insurance: [.chip, .medicaid, .uninsured]))
        #expect(therapy.hours.isEmpty)
        #expect(therapy.taxonomyCodes == ["RP-1400.8000-300"])
    }

    @Test func unmappedCodeImportsWithoutDomainsAndIsCounted() throws {
        let read = try AIRSFixture.read("riverton-211.xml")
        let tax = try read.service("SS-311")
        #expect(tax.domains == [])
        #expect(tax.intensity == nil)
        #expect(read.summary.unmappedTaxonomyCodes == ["DT-8750.1800": 1])
        let unmapped = try #require(read.warning(containing: "DT-8750.1800"))
        #expect(unmapped.recordID == "SS-311")
        #expect(unmapped.field == "Taxonomy")
        // Mapped services all got a domain.
        #expect(read.services.filter { $0.id != tax.id }.allSatisfy { !$0.domains.isEmpty })

        // Dari is read as Persian (fa) by the shared `StatedLanguages`, as every feed reads it.
        #expect(tax.languages == [.english, LanguageCode(rawValue: "ne")!, LanguageCode(rawValue: "my")!, LanguageCode(rawValue: "fa")!])
        // An income threshold next to "free" is not a fee.
        #expect(tax.cost.kind == .free)
        #expect(tax.enrollment.intakeMethods == [.online, .walkIn])
        #expect(tax.hours == AIRSFixture.hours([.saturday], "09:00", "13:00"))
        #expect(tax.email == "help@taxhelp.riverton.example")
        #expect(tax.provenance.lastVerifiedAt == AIRSFixture.day("2023-11-02"))
        // Exactly these two warnings: sign language, the unmapped code.
        #expect(read.warnings.count == 2)
        #expect(read.warnings.map(\.kind) == [.droppedLanguageName, .unmappedTaxonomy])
    }
}

@Suite("AIRS reader: problem feeds")
struct AIRSProblemFeedTests {
    @Test func bomAndCRLFReadCleanly() throws {
        let read = try AIRSFixture.read("bom-crlf.xml")
        #expect(read.errors.isEmpty)
        let organization = try #require(read.organizations.first)
        #expect(organization.name == "Bluebird Tutoring Collective")
        // XML normalises CRLF to LF.
        #expect(organization.description == "Free tutoring after school.\nVolunteers from Riverton College.")
        let service = try #require(read.services.first)
        #expect(service.ages == AgeRange(min: 5, max: 14))
        #expect(service.hours == AIRSFixture.hours([.monday, .wednesday], "15:30", "18:00"))
        #expect(service.settings == [.schoolBased])
        #expect(read.summary.unmappedTaxonomyCodes == ["HL-8120.3000": 1])
    }

    @Test func latin1DeclaredFileIsReadInItsEncoding() throws {
        let read = try AIRSFixture.read("latin1.xml")
        #expect(read.errors.isEmpty)
        #expect(read.organizations.first?.name == "Centro Latino de Niños")
        #expect(read.organizations.first?.description == "Programas para niños y familias en español.")
        let service = try #require(read.services.first)
        #expect(service.name == "Apoyo Familiar para Niños")
        #expect(service.languages == [.spanish, .english])
        #expect(service.cost.kind == .free)
    }

    @Test func invalidUTF8StopsWithTheLineAndKeepsWhatCameBefore() throws {
        let read = try AIRSFixture.read("invalid-utf8.xml")
        #expect(read.organizations.map(\.id) == ["riverton-211:U-1"])
        #expect(read.services.map(\.id) == ["riverton-211:U-SS-1"])
        #expect(!read.summary.readToEnd)
        let error = try #require(read.errors.first)
        #expect(read.errors.count == 1)
        #expect(error.file == "invalid-utf8.xml")
        #expect(error.line == 14)
        #expect(error.column != nil)
        #expect(error.message.contains("encoding"))
    }

    @Test func truncatedFileStopsWithLineAndColumnAfterEmittingCompleteAgencies() throws {
        let read = try AIRSFixture.read("truncated.xml")
        #expect(read.organizations.map(\.id) == ["riverton-211:U-1", "riverton-211:U-3"])
        #expect(read.links.count == 2)
        #expect(!read.summary.readToEnd)
        let error = try #require(read.errors.first)
        #expect(read.errors.count == 1)
        #expect(error.file == "truncated.xml")
        #expect(error.line == 26)
        #expect(error.column == 10)
        #expect(error.message.contains("truncated"))
        #expect(error.message.contains("<Site> opened at line 24"))
        #expect(error.description.hasPrefix("truncated.xml:26:10: "))
        // The element cut in half is not reported as an unknown element.
        #expect(read.warnings.isEmpty)
    }

    @Test func messyFeedSkipsBadRecordsAndImportsTheRest() throws {
        let read = try AIRSFixture.read("messy.xml")
        // The child agency closes, and is emitted, before its parent.
        #expect(read.organizations.map(\.id) == ["riverton-211:M-1", "riverton-211:M-2-CHILD", "riverton-211:M-2"])
        #expect(read.services.map(\.id) == ["riverton-211:M-SS-1", "riverton-211:M-SS-3", "riverton-211:M-SS-4"])
        #expect(read.services.first?.name == "Parenting Classes")
        #expect(read.summary.recordsRead == 14)
        #expect(read.summary.readToEnd)

        let errors = read.errors.map { "\($0.line ?? 0) \($0.field ?? "") \($0.recordID ?? "-")" }
        #expect(errors == ["36 Key M-SS-1", "41 Name M-SS-2", "46 Key -", "57 Key -"])
        #expect(read.errors[0].message.contains("duplicate id"))
        #expect(read.errors[3].message.contains("<Agency> has no <Key>"))
        #expect(read.errors[3].message.contains("2 site/service record(s)"))
    }

    @Test func messyFeedKeepsUnusedAIRSElementsOutOfTheRecords() throws {
        let read = try AIRSFixture.read("messy.xml")
        let maple = try #require(read.organizations.first)
        // <AKA><Name> and <Contact><Phone> belong to other things than the agency.
        #expect(maple.name == "Maple Street Family Resource Center")
        #expect(maple.phones.isEmpty)
        #expect(maple.url == nil)
        #expect(maple.description == "")
        let hidden = try #require(read.locations.first)
        #expect(hidden.address == nil)
        #expect(hidden.coordinates == nil)
        let oak = try #require(read.locations.last)
        #expect(oak.name == "Oak Clinic")
        #expect(oak.coordinates == nil)
    }

    @Test func messyFeedWarnsAboutWhatItGuessedOrDropped() throws {
        let read = try AIRSFixture.read("messy.xml")
        let classes = try #require(read.services.first)
        #expect(classes.taxonomyCodes == ["BD-1800.2000"])
        #expect(classes.hours.isEmpty)
        #expect(classes.ages == AgeRange())
        #expect(classes.languages == [])
        #expect(read.warning(containing: "ages 'Ask at the front desk' states no ages")?.kind == .unreadableAges)
        #expect(read.warning(containing: "hours 'By appointment' could not be read")?.recordID == "M-SS-1")
        #expect(read.warning(containing: "ages 'Ask at the front desk'")?.field == "AgeRequirements")
        #expect(read.warning(containing: "named after its agency")?.recordID == "M-2-S1")
        #expect(read.warning(containing: "'0, 0' are not a valid point") != nil)

        let mentoring = try #require(read.services.first { $0.name == "Youth Mentoring" })
        #expect(mentoring.taxonomyCodes == ["RP-1400.8000", "YB-8000"])
        #expect(mentoring.domains == [.socialEmotional, .health])
        // Target codes are not service codes: only LF-7000 is unmapped.
        #expect(read.summary.unmappedTaxonomyCodes == ["LF-7000": 1])

        let unknown = read.warnings.filter { $0.message.contains("is not an AIRS 3.0/3.1 element") }
        #expect(unknown.map(\.field) == ["VendorExportInfo", "FavoriteColor", "InternalNotes"])
        #expect(unknown.map(\.line) == [3, 8, 34])
        #expect(unknown.last?.message.contains("2 time(s)") == true)
    }

    @Test func readsCDATAAndToleratesAnUndeclaredPrefix() throws {
        let xml = """
            <?xml version="1.0"?>
            <Source>
              <x:Agency><Key>P-1</Key><Name><![CDATA[Fish & Loaves Pantry]]></Name></x:Agency>
              <!-- a comment --><?vendor-instruction keep?>
              <Agency><Key>P-2</Key><Name>Second &amp; Last</Name></Agency>
            </Source>
            """
        let read = try AIRSFixture.read(contents: Data(xml.utf8))
        #expect(read.organizations.map(\.name) == ["Fish & Loaves Pantry", "Second & Last"])
        #expect(read.summary.readToEnd)
        #expect(read.errors.isEmpty)
        #expect(read.warning(containing: "namespace prefix")?.line == 3)
    }

    @Test func fileWithoutAgenciesIsAnErrorSoNothingIsWithdrawn() throws {
        let read = try AIRSFixture.read(contents: Data("<?xml version=\"1.0\"?><html><body>Not a feed</body></html>".utf8))
        #expect(read.records.isEmpty)
        #expect(!read.summary.readToEnd)
        #expect(read.errors.first?.message.contains("no <Agency>") == true)
    }

    @Test func missingFileIsAnError() throws {
        let read = try AIRSFixture.read(path: "/nonexistent/airs-feed.xml")
        #expect(!read.summary.readToEnd)
        #expect(read.errors.map(\.file) == ["airs-feed.xml"])
    }
}

@Suite("AIRS reader: streaming")
struct AIRSStreamingTests {
    /// A generated feed of `agencies` agencies with one site and two services each.
    private static func largeFeed(agencies: Int) -> Data {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Source>\n"
        for index in 0..<agencies {
            xml += """
                <Agency><Key>G-\(index)</Key><Name>Agency \(index)</Name>
                  <Site><Key>G-\(index)-S</Key><Name>Site \(index)</Name>
                    <SiteService><Key>G-\(index)-A</Key><Name>Pantry \(index)</Name><Taxonomy><Code>BD-1800.2000</Code></Taxonomy></SiteService>
                    <SiteService><Key>G-\(index)-B</Key><Name>Counseling \(index)</Name><Taxonomy><Code>RP-1400.8000</Code></Taxonomy></SiteService>
                  </Site>
                </Agency>\n
                """
        }
        return Data((xml + "</Source>\n").utf8)
    }

    @Test func reportsProgressAtMostEveryThousandRecordsWithBytes() throws {
        let data = Self.largeFeed(agencies: 1_200)
        let read = try AIRSFixture.read(contents: data)
        #expect(read.summary.recordsRead == 4_800)
        #expect(read.services.count == 2_400)
        #expect(read.progress.map(\.records) == [1_000, 2_000, 3_000, 4_000, 4_800])
        #expect(read.progress.allSatisfy { $0.totalBytes == Int64(data.count) })
        #expect(read.progress.last?.bytesRead == Int64(data.count))
        let bytes = read.progress.map(\.bytesRead)
        #expect(bytes == bytes.sorted())
    }

    @Test func emitFailureStopsReadingAndIsRethrown() throws {
        struct Full: Error {}
        var emitted = 0
        try AIRSFixture.withTemporaryFile(Self.largeFeed(agencies: 50)) { path in
            let reader = AIRSReader(path: path, source: "s", mapping: AIRSFixture.mapping, importedAt: AIRSFixture.importedAt)
            #expect(throws: Full.self) {
                _ = try reader.read(emit: { _ in
                    emitted += 1
                    if emitted == 10 { throw Full() }
                }, progress: { _ in })
            }
        }
        #expect(emitted == 10)
    }

    @Test func worksThroughTheBatchStream() async throws {
        let reader = AIRSReader(
            path: AIRSFixture.url("riverton-211.xml").path, source: "riverton-211", mapping: AIRSFixture.mapping,
            importedAt: AIRSFixture.importedAt)
        var services = 0
        var summary: ReadSummary?
        for try await event in reader.batches(size: 5) {
            switch event {
            case .batch(let batch): services += batch.services.count
            case .finished(let finished): summary = finished
            }
        }
        #expect(services == 8)
        #expect(summary?.recordsRead == 16)
    }
}

@Suite("AIRS text readers")
struct AIRSTextReaderTests {
    @Test(arguments: [
        ("Mon-Fri 9:00am-5:00pm", 5, "09:00", "17:00"),
        ("Monday through Friday 8 am to 4:30 pm", 5, "08:00", "16:30"),
        ("Tue & Thu 3-6pm", 2, "15:00", "18:00"),
        ("Sat: 9-5", 1, "09:00", "17:00"),
        ("Mon, Wed 3:30pm-6pm; closed holidays", 2, "15:30", "18:00"),
    ])
    func readsWeeklyHoursText(text: String, days: Int, opens: String, closes: String) throws {
        let hours = try #require(AIRSHoursText.weeklyHours(text))
        #expect(hours.count == days)
        #expect(hours.allSatisfy { $0.opens == TimeOfDay(opens)! && $0.closes == TimeOfDay(closes)! })
    }

    @Test(arguments: ["By appointment", "Mon-Fri mornings", "Mon, Wed", "Mon-Fri 9am"])
    func refusesHoursItCannotRead(text: String) {
        #expect(AIRSHoursText.weeklyHours(text) == nil)
    }

    @Test func readsTwoSpansAfterOneDayList() throws {
        let hours = try #require(AIRSHoursText.weeklyHours("Mon-Fri 9am-12pm, 1pm-5pm"))
        #expect(hours.count == 10)
        #expect(hours.filter { $0.weekday == .monday }.map(\.closes) == [TimeOfDay(hour: 12)!, TimeOfDay(hour: 17)!])
    }
}
