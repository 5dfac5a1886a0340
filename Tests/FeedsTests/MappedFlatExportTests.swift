import Directory
import Foundation
import Testing
@testable import Feeds

/// The shipped 211 flat export (importers/samples/211-flat-export.csv) through its profile: the shapes
/// real exports have, with what is read, what stays unknown, and what is said about the rest.
@Suite("211 flat export sample")
struct MappedFlatExportTests {
    static func read() throws -> CollectedFeed {
        let profile = try MappingProfile.load(path: CSVFixtures.importers("profiles/211-flat-export.yaml"))
        return try CollectedFeed(MappedCSVReader(
            path: CSVFixtures.importers("samples/211-flat-export.csv"), profile: profile, source: "riv211",
            mapping: TaxonomyMapping(barriers: BarrierVocabulary.barriers), importedAt: CSVFixtures.importedAt))
    }

    @Test func countsAndTheOneSkippedRow() throws {
        let feed = try Self.read()
        #expect(feed.summary.recordsRead == 31)
        #expect(feed.services.count == 30)
        #expect(feed.organizations.count == 22)
        #expect(feed.errors.map(\.line) == [30])
        #expect(feed.errors.first?.kind == .missingName)
        #expect(feed.errors.first?.recordID == "10430")
        // Windows-1252 bytes, said once.
        #expect(feed.warnings.filter { $0.kind == .textEncoding }.count == 1)
        #expect(feed.service(named: "Café Esperanza Youth Center - Teen Night") != nil)
        #expect(feed.summary.problems.allSatisfy { $0.kind != .other })
    }

    @Test func statedFactsAreRead() throws {
        let feed = try Self.read()
        let group = try #require(feed.service(named: "Harbor Youth Counseling - Anxiety Skills Group"))
        #expect(group.id == "riv211:10231")
        #expect(group.ages == AgeRange(min: 11, max: 14))  // "Students in grades 6-8"
        #expect(group.provenance.inferred.contains(.ages))
        #expect(group.languages == [.english, .spanish])  // "X" columns
        #expect(group.cost == Cost(kind: .slidingScale, insurance: [.chip, .medicaid, .private]))
        #expect(group.taxonomyCodes == ["RP-1400.8000-800", "RP-1400.8000"])
        #expect(group.phones == [
            Phone(number: "(360) 555-0110"), Phone(number: "(360) 555-0119", kind: .hotline),
            Phone(number: "(360) 555-0118", kind: .fax),
        ])
        #expect(group.description == "Eight-week skills group for students who miss school because of worry or panic.\n\nGroups meet at the school site.")
        #expect(group.provenance.lastVerifiedAt == Date(timeIntervalSince1970: 1_336_466_700))  // 5/8/12 8:45
        #expect(group.enrollment.intakeMethods.contains(.phone))
        let site = try #require(feed.locations.first { $0.id == "riv211:harbor-youth-counseling@88-harbor-way-suite-200-riverton-98501" })
        #expect(site.address?.address1 == "88 Harbor Way, Suite 200")

        let therapy = try #require(feed.service(named: "Harbor Youth Counseling - Family Therapy"))
        #expect(therapy.languages.map(\.rawValue) == ["en", "es", "ht"])  // "Haitian-Creole"
        #expect(therapy.cost == Cost(insurance: [.medicaid]))  // coverage alone: kind unknown
        #expect(therapy.enrollment.status == .open)
        #expect(therapy.settings == [.virtual])
        #expect(therapy.provenance.inferred.contains(.settings))

        let pantry = try #require(feed.service(named: "Riverton Family Resource Center - Family Food Pantry"))
        #expect(pantry.ages == AgeRange(min: 0, max: nil))  // 0-99
        #expect(pantry.cost.kind == .free)  // "No charge"
        #expect(pantry.languages.map(\.rawValue) == ["en", "es", "so", "ht"])  // "Kreyòl" in Latin-1 bytes
        #expect(pantry.enrollment.intakeMethods == [.walkIn])

        let homework = try #require(feed.service(named: "Riverton Family Resource Center - After-School Homework Help"))
        // The marked "Ages 6-12" column states ages; the eligibility text ("Children in K-5") is only read
        // when no column says.
        #expect(homework.ages == AgeRange(min: 6, max: 12))
        #expect(!homework.provenance.inferred.contains(.ages))
        #expect(homework.cost.kind == .free)  // "None"

        let crisis = try #require(feed.service(named: "Riverton Youth Crisis Line"))
        #expect(crisis.interpreterAvailable == true)  // "Interpreters available in 150 languages"
        #expect(crisis.languages.isEmpty)
        #expect(crisis.ages == AgeRange(min: 13, max: 24))
        #expect(crisis.phones.map(\.kind) == [.voice, .hotline, .voice])

        let clinic = try #require(feed.service(named: "Northside Clinic - School-Based Health Center"))
        #expect(clinic.description.hasPrefix("Primary care at Lincoln High 'no appointment needed'."))  // escaped twice
        #expect(clinic.cost == Cost(kind: .slidingScale, insurance: [.medicaid, .uninsured]))
        #expect(feed.locations.contains { $0.address?.address1 == "2400 Lincoln Ave, Room 112" })

        #expect(feed.service(named: "Tri-County Mental Health - Teen Psychiatry")?.enrollment.status == .waitlist)
        #expect(feed.service(named: "Riverton Housing Authority - Rent Assistance")?.enrollment.status == .closed)
        #expect(feed.service(named: "Riverton Public Library - Homework Help Online")?.ages == AgeRange(min: 5, max: 18))
    }

    @Test func whatTheExportLeavesOutStaysUnknown() throws {
        let feed = try Self.read()
        let dinner = try #require(feed.service(named: "Hope Church - Free Community Dinner"))
        #expect(dinner.provenance.lastVerifiedAt == nil)  // blank
        #expect(dinner.languages.isEmpty)
        #expect(dinner.interpreterAvailable == nil)
        #expect(dinner.enrollment.status == nil)
        #expect(dinner.transportation == nil)

        let camp = try #require(feed.service(named: "Riverton Parks - Summer Day Camp"))
        #expect(camp.provenance.lastVerifiedAt == nil)  // "13/45/2025"
        #expect(feed.locations.first { $0.address?.address1 == "500 Park Blvd" }?.coordinates == nil)  // "north"
        #expect(feed.warnings.filter { $0.line == 13 }.map(\.kind).sorted { $0.rawValue < $1.rawValue }
            == [.unmappedTaxonomy, .unreadableCoordinates, .unreadableDate])

        let navigator = try #require(feed.service(named: "Lao Family Community - Family Navigator"))
        #expect(navigator.languages.map(\.rawValue) == ["lo", "km", "en"])
        #expect(feed.warnings.contains { $0.line == 18 && $0.kind == .droppedLanguageName && $0.message.contains("Hmong") })
    }

    @Test func inactiveRowsAreKeptInactive() throws {
        let feed = try Self.read()
        let inactive = feed.services.filter { !$0.active }.map(\.name)
        #expect(inactive == [
            "Riverton Family Resource Center - Clothing Closet", "Northside Clinic - Dental Van",
            "Legal Aid Riverton - Youth Legal Clinic",
        ])
        #expect(feed.warnings.filter { $0.kind == .inactiveRecord }.map(\.line) == [6, 11, 24])
    }
}
