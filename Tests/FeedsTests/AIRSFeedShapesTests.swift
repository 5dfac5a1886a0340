import Directory
import Foundation
import Testing
@testable import Feeds

/// Reads the AIRS fixtures that reproduce what real 211 exports do (iCarol 3.0 shapes: dates as
/// `<ResourceInfo>` attributes, HTML escaped twice, grades for ages, fee sentences, listing flags, one
/// service under two sites, a file cut off mid-record) with the seed's barriers.
enum AIRSShapes {
    static let importedAt = Date(timeIntervalSince1970: 1_780_000_000)
    static let mapping = TaxonomyMapping(barriers: BarrierVocabulary.barriers)

    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("airs/\(name)").path
    }

    static func read(_ name: String, source: String = "heartland") throws -> AIRSRead {
        try read(path: path(name), source: source)
    }

    static func read(path: String, source: String) throws -> AIRSRead {
        var result = AIRSRead()
        let reader = AIRSReader(path: path, source: source, mapping: mapping, importedAt: importedAt)
        result.summary = try reader.read(emit: { result.records.append($0) }, progress: { _ in })
        return result
    }

    /// Writes `contents` to a temporary file for the length of `body`.
    static func withTemporaryFile<Result>(_ contents: Data, _ body: (String) throws -> Result) throws -> Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("airs-shapes-\(UUID().uuidString).xml")
        try contents.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try body(file.path)
    }

    static func day(_ text: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    }
}

extension AIRSRead {
    func service(_ id: String, source: String) throws -> Service { try #require(services.first { $0.id == "\(source):\(id)" }) }
    func location(_ id: String, source: String) throws -> Location { try #require(locations.first { $0.id == "\(source):\(id)" }) }
    func organization(_ id: String, source: String) throws -> Organization {
        try #require(organizations.first { $0.id == "\(source):\(id)" })
    }
    func problems(_ kind: ImportProblem.Kind) -> [ImportProblem] { summary.problems.filter { $0.kind == kind } }
}

@Suite("AIRS reader: an iCarol 3.0 export's facts")
struct AIRSICarolFactsTests {
    let read: AIRSRead
    init() throws { read = try AIRSShapes.read("icarol-facts.xml") }

    func service(_ key: String) throws -> Service { try read.service(key, source: "heartland") }

    @Test func countsEveryRecord() {
        #expect(read.organizations.count == 1)
        #expect(read.locations.count == 2)
        #expect(read.services.map(\.id) == ["71001-11", "71001-12", "71001-13", "71001-21"].map { "heartland:\($0)" })
        #expect(read.links.count == 4)
        #expect(read.summary.recordsRead == 7)
        #expect(read.summary.readToEnd)
        #expect(read.errors.isEmpty)
        #expect(read.services.allSatisfy { $0.active })
    }

    /// `DateLastVerified` is an attribute of `<ResourceInfo>` in iCarol's export; the service's own date
    /// wins, then its site's, then its agency's. `DateOfLastAction` is never taken for a verification.
    @Test func verificationDatesComeFromResourceInfoAttributesAlongTheChain() throws {
        #expect(try read.organization("71001", source: "heartland").provenance.lastVerifiedAt == AIRSShapes.day("2025-12-01"))
        #expect(try read.location("71001-1", source: "heartland").provenance.lastVerifiedAt == AIRSShapes.day("2026-06-30"))
        #expect(try read.location("71001-2", source: "heartland").provenance.lastVerifiedAt == AIRSShapes.day("2025-12-01"))
        #expect(try service("71001-11").provenance.lastVerifiedAt == AIRSShapes.day("2026-09-14"))
        // Its own <ResourceInfo> has only DateOfLastAction (2026-10-20): the site's verification stands.
        #expect(try service("71001-12").provenance.lastVerifiedAt == AIRSShapes.day("2026-06-30"))
        #expect(try service("71001-13").provenance.lastVerifiedAt == AIRSShapes.day("2026-06-30"))
        #expect(try service("71001-21").provenance.lastVerifiedAt == AIRSShapes.day("2025-12-01"))
    }

    @Test func feeForServiceCounsellingIsASlidingScaleNeverFree() throws {
        let counselling = try service("71001-11")
        #expect(counselling.cost == Cost(kind: .slidingScale, insurance: [.medicaid]))
        #expect(counselling.ages == AgeRange(min: 11, max: 14), "6th - 8th grade is ages 11-14, not 6-8")
        #expect(counselling.languages == [.english, LanguageCode(rawValue: "ht")!])
        #expect(counselling.interpreterAvailable == true, "Language line available")
        #expect(counselling.enrollment == Enrollment(status: nil, intakeMethods: [.phone]))
        #expect(counselling.provenance.inferred == [], "every fact came from a field")
        // Double-escaped HTML is plain text with paragraphs; entities are characters.
        #expect(counselling.description == "Individual and family counselling for children and teens.\n\n"
            + "We're a team of licensed therapists & interns.")
    }

    @Test func gradesAreAgesAndNoChargeIsFree() throws {
        let tutoring = try service("71001-12")
        #expect(tutoring.ages == AgeRange(min: 5, max: 11), "K-5 is ages 5-11")
        #expect(tutoring.cost == Cost(kind: .free))
        // "Haitian Creole" and "Kreyòl" are one language.
        #expect(tutoring.languages == [LanguageCode(rawValue: "ht")!, .spanish])
        #expect(tutoring.interpreterAvailable == nil)
        #expect(tutoring.description == "Homework help for students in grades K-5.\nFree of charge; snacks provided.")
    }

    @Test func eligibilityAndDescriptionFactsAreMarkedInferred() throws {
        let mentoring = try service("71001-13")
        #expect(mentoring.ages == AgeRange(min: 14, max: 18), "grades 9-12")
        #expect(mentoring.interpreterAvailable == true, "Interpreters available in 150 languages")
        #expect(mentoring.languages == [], "a number of languages names none")
        #expect(mentoring.cost == Cost(), "'Call for details' states no cost")
        #expect(mentoring.provenance.inferred == [.ages, .interpreter])
        #expect(mentoring.description.contains("We’re here after school."), "UTF-8 read as Windows-1252 is repaired")

        let dropIn = try service("71001-21")
        #expect(dropIn.ages == AgeRange(min: 13, max: 24))
        #expect(dropIn.provenance.inferred == [.ages])
        #expect(dropIn.description.contains("youth worker – no appointment needed."), "UTF-8 read as CP-437 is repaired")
    }

    /// What the feed does not state stays unknown: no cost, languages, interpreter, enrollment status,
    /// transportation, setting or hours is invented.
    @Test func unknownsStayUnknown() throws {
        let dropIn = try service("71001-21")
        #expect(dropIn.cost == Cost())
        #expect(dropIn.languages == [])
        #expect(dropIn.interpreterAvailable == nil)
        #expect(dropIn.enrollment == Enrollment())
        #expect(dropIn.transportation == nil)
        #expect(dropIn.settings == [])
        #expect(dropIn.hours == [])
        let site = try read.location("71001-2", source: "heartland")
        #expect(site.coordinates == nil)
        #expect(site.transitAccessible == nil)
        #expect(try read.location("71001-1", source: "heartland").coordinates == Coordinates(lat: 41.6611, lon: -91.5302))
    }

    @Test func warningsNameTheirKindFieldAndLine() throws {
        let cost = try #require(read.problems(.unreadableCost).first)
        #expect(cost.field == "FeeStructure")
        #expect(cost.recordID == "71001-13")
        #expect(cost.severity == .warning)
        #expect(cost.message.contains("Call for details"))
        let repairs = read.problems(.textEncoding)
        #expect(Set(repairs.compactMap(\.recordID)) == ["71001-13", "71001-21"])
        #expect(repairs.allSatisfy { $0.field == "Description" && $0.line != nil })
        #expect(!read.summary.problems.contains { $0.kind == .other }, "every problem has a kind")
    }
}

@Suite("AIRS reader: records not to be listed")
struct AIRSListingFlagTests {
    let read: AIRSRead
    init() throws { read = try AIRSShapes.read("listing-flags.xml", source: "metro") }

    @Test func recordsMarkedNotToBeListedAreKeptInactive() throws {
        // Nothing is dropped.
        #expect(read.organizations.count == 2)
        #expect(read.locations.count == 3)
        #expect(read.services.count == 7)
        #expect(read.errors.isEmpty)
        func active(_ key: String) throws -> Bool { try read.service(key, source: "metro").active }
        // ExcludeFromDirectory="true" on the agency: it and everything inside it.
        #expect(try read.organization("A-900", source: "metro").active == false)
        #expect(try read.location("S-901", source: "metro").active == false)
        #expect(try active("SS-902") == false)
        // <ResourceInfo AvailableForDirectory="false"> on a site: the site and its service.
        #expect(try read.organization("A-910", source: "metro").active == true)
        #expect(try read.location("S-911", source: "metro").active == false)
        #expect(try active("SS-912") == false)
        #expect(try read.location("S-911", source: "metro").provenance.lastVerifiedAt == AIRSShapes.day("2026-03-02"))
        // AIRS 3.1 <Status>Inactive</Status>, a delete attribute, an <AvailableForDirectory> element.
        #expect(try active("SS-914") == false)
        #expect(try active("SS-915") == false)
        #expect(try active("SS-916") == false)
        // Listed ones stay active; a status this reader does not know keeps the record listed.
        #expect(try read.location("S-913", source: "metro").active == true)
        #expect(try active("SS-917") == true)
        #expect(try active("SS-918") == true)
    }

    @Test func eachMarkIsAWarningOfItsKind() throws {
        let inactive = read.problems(.inactiveRecord)
        #expect(inactive.map(\.recordID) == ["A-900", "S-911", "SS-914", "SS-915", "SS-916"])
        #expect(inactive.allSatisfy { $0.severity == .warning && $0.line != nil })
        #expect(inactive[0].field == "ExcludeFromDirectory")
        #expect(inactive[0].message.contains("with the 2 site/service record(s) inside it"))
        #expect(inactive[1].field == "AvailableForDirectory")
        #expect(inactive[2].field == "Status")
        #expect(inactive[3].field == "delete")
        #expect(inactive[4].field == "AvailableForDirectory")
        let unknown = try #require(read.problems(.unreadableValue).first)
        #expect(unknown.recordID == "SS-917")
        #expect(unknown.message.contains("Pending Review"))
    }
}

@Suite("AIRS reader: one service under two sites")
struct AIRSTwoSitesOneServiceTests {
    @Test func oneKeyUnderTwoSitesIsOneServiceAtTwoLocations() throws {
        let read = try AIRSShapes.read("two-sites-one-service.xml", source: "county")
        #expect(read.services.filter { $0.id == "county:5001-77" }.count == 1)
        let wic = read.links.filter { $0.serviceID == "county:5001-77" }
        #expect(wic.map(\.locationID) == ["county:5001-1", "county:5001-2"])
        #expect(wic.map(\.id) == ["county:5001-1:5001-77", "county:5001-2:5001-77"])
        #expect(!read.errors.contains { $0.recordID == "5001-77" })
        #expect(try read.service("5001-77", source: "county").ages == AgeRange(min: nil, max: 4), "children under 5")
    }

    @Test func theSameKeyTwiceUnderOneSiteOrUnderAnotherAgencyIsStillADuplicate() throws {
        let read = try AIRSShapes.read("two-sites-one-service.xml", source: "county")
        let duplicates = read.problems(.duplicateRecord)
        #expect(duplicates.map(\.recordID) == ["5001-79", "5001-78"])
        #expect(duplicates.allSatisfy { $0.severity == .error && $0.field == "Key" })
        #expect(try read.service("5001-79", source: "county").name == "Dental Sealants")
        #expect(try read.service("5001-78", source: "county").organizationID == "county:5001")
        #expect(read.services.count == 3)
        #expect(read.links.count == 4)
    }
}

@Suite("AIRS reader: a file cut off mid-record")
struct AIRSCutFileTests {
    @Test func stopsWithAMalformedFileErrorAndReadToEndFalse() throws {
        let read = try AIRSShapes.read("icarol-cut-mid-record.xml")
        #expect(!read.summary.readToEnd)
        let error = try #require(read.errors.last)
        #expect(error.kind == .malformedFile)
        #expect(error.file == "icarol-cut-mid-record.xml")
        #expect(error.line != nil && error.column != nil)
        // The agency that closed before the cut was read; the import refuses the whole file anyway
        // (closeloop import: AIRSTruncatedImportTests).
        #expect(read.organizations.map(\.id) == ["heartland:71001"])
    }
}

@Suite("Plain text: the shortcut for text that is already plain")
struct FeedPlainTextShortcutTests {
    /// The shortcut only skips the steps where they would change nothing.
    @Test(arguments: [
        "Housing Search Program 0", "Youth Drop-In Centre", "Mrs O's Swim Group", "A", "Tutoring (grades K-5): $5/visit.",
        "Fish &amp; Loaves", "AT&T", "Two  spaces", " leading", "trailing ", "", "Line\nbreak", "Tab\there", "Caf\u{E9}",
        "We\u{E2}\u{20AC}\u{2122}re", "<b>Bold</b>", "Escaped\\nbreak", "&lt;b&gt;x", "x < y",
    ])
    func skipsOnlyWhatTheStepsLeaveAlone(text: String) {
        if FeedPlainText.isAlreadyPlain(text) {
            #expect(FeedPlainText.rendered(text) == text)
        }
        #expect(FeedPlainText.plainText(text) == FeedPlainText.rendered(text))
        #expect(FeedPlainText.singleLine(text) == FeedPlainText.rendered(text).split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    @Test func plainASCIINamesTakeTheShortcut() {
        #expect(FeedPlainText.isAlreadyPlain("Housing Search Program 0"))
        #expect(!FeedPlainText.isAlreadyPlain("Fish &amp; Loaves"))
        #expect(!FeedPlainText.isAlreadyPlain("Two  spaces"))
        #expect(!FeedPlainText.isAlreadyPlain(""))
    }
}
