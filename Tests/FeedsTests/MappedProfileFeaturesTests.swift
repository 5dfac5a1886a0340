import Directory
import Foundation
import Testing
@testable import Feeds

/// What a mapping profile can say about a real spreadsheet (importers/README.md), one fixture each.
@Suite("Mapped CSV profile features")
struct MappedProfileFeaturesTests {
    private func read(_ fixture: String, _ yaml: String, source: String = "sheet") throws -> CollectedFeed {
        let profile = try MappingProfile(yaml: yaml, fileName: "test.yaml")
        return try CollectedFeed(MappedCSVReader(
            path: CSVFixtures.path("csv/\(fixture)"), profile: profile, source: source, mapping: CSVFixtures.mapping,
            importedAt: CSVFixtures.importedAt))
    }

    // MARK: Unreadable cells

    @Test func anUnreadableCellIsUnknownWithAWarningAndTheRowIsKept() throws {
        let feed = try read("mapped-unreadable-cells.csv", """
            columns:
              organization_name: Agency
              service_name: Program
              languages: Languages
              interpreter: Interpreter?
              lat: Latitude
              lon: Longitude
              ages: Ages
              setting: Where
              cost: Fees
              last_verified: Last verified
            values:
              interpreter: {Yes: true, No: false}
              setting: {"At school": school_based}
            """)
        #expect(feed.services.map(\.name) == ["Good Program", "Bad Program", "Orphan Program"])
        #expect(feed.summary.recordsRead == 4)

        let bad = try #require(feed.service(named: "Bad Program"))
        #expect(bad.languages == [.spanish])
        #expect(bad.interpreterAvailable == nil)
        #expect(bad.ages == AgeRange())
        #expect(bad.settings.isEmpty)
        #expect(bad.cost == Cost())
        #expect(bad.provenance.lastVerifiedAt == nil)
        #expect(feed.locations.allSatisfy { $0.organizationID != bad.organizationID }, "no coordinates, no address: no site")

        // Each unreadable cell is a warning on line 3 naming the sheet's column and its kind.
        let line3 = feed.warnings.filter { $0.line == 3 }
        #expect(line3.allSatisfy { $0.file == "mapped-unreadable-cells.csv" })
        #expect(Set(line3.compactMap(\.field)) == ["Languages", "Interpreter?", "Latitude", "Ages", "Where", "Fees", "Last verified"])
        func kind(_ field: String) -> ImportProblem.Kind? { line3.first { $0.field == field }?.kind }
        #expect(kind("Ages") == .unreadableAges)
        #expect(kind("Latitude") == .unreadableCoordinates)
        #expect(kind("Fees") == .unreadableCost)
        #expect(kind("Last verified") == .unreadableDate)
        #expect(kind("Interpreter?") == .unreadableLanguages)
        #expect([.droppedLanguageName, .unreadableLanguages].contains(kind("Languages")))
        #expect(line3.contains { $0.message.contains("Klingon") })

        // Only the row without a service name is skipped; a row without an agency takes its program's name.
        #expect(feed.errors.map(\.line) == [4])
        #expect(feed.errors.first?.kind == .missingName)
        #expect(feed.errors.first?.field == "Program")
        #expect(feed.organization(named: "Orphan Program") != nil)
        #expect(feed.warnings.contains { $0.line == 5 && $0.kind == .missingName && $0.field == "Agency" })
        #expect(feed.summary.problems.allSatisfy { $0.kind != .other })
    }

    // MARK: Dates

    @Test func datesAreReadAsSpreadsheetsWriteThemByDefault() throws {
        let feed = try read("mapped-dates.csv", """
            columns: {organization_name: Agency, service_name: Program, last_verified: Verified}
            """)
        func verified(_ name: String) -> Date? { feed.service(named: name)?.provenance.lastVerifiedAt }
        #expect(verified("Short US date and time") == Date(timeIntervalSince1970: 1_336_466_700))  // 2012-05-08 08:45Z
        #expect(verified("ISO date") == Date(timeIntervalSince1970: 1_715_126_400))  // 2024-05-08
        #expect(verified("Month name") == Date(timeIntervalSince1970: 1_336_435_200))  // 2012-05-08
        #expect(verified("Not a date") == nil)
        let warning = try #require(feed.warnings.first { $0.line == 5 })
        #expect((warning.field, warning.kind) == ("Verified", .unreadableDate))
        #expect(feed.services.count == 4)
    }

    @Test func aFieldMayHaveItsOwnDateFormat() throws {
        let feed = try read("mapped-dates.csv", """
            columns: {organization_name: Agency, service_name: Program, last_verified: Checked on}
            date_formats: {last_verified: dd.MM.yyyy}
            """)
        #expect(feed.service(named: "Short US date and time")?.provenance.lastVerifiedAt == Date(timeIntervalSince1970: 1_336_435_200))
        #expect(feed.service(named: "ISO date")?.provenance.lastVerifiedAt == Date(timeIntervalSince1970: 1_735_603_200))  // 2024-12-31
        // The format is the field's: an ISO date there does not follow it.
        #expect(feed.service(named: "Not a date")?.provenance.lastVerifiedAt == nil)
        #expect(feed.warnings.contains { $0.line == 5 && $0.kind == .unreadableDate && $0.message.contains("dd.MM.yyyy") })
        #expect(throws: ImportProblem.self) {
            try MappingProfile(yaml: "columns: {organization_name: A, service_name: B}\ndate_formats: {last_verified: qq}\n", fileName: "p.yaml")
        }
    }

    // MARK: Lists

    @Test func eachListFieldMayHaveItsOwnSeparator() throws {
        let feed = try read("mapped-separators.csv", """
            list_separator: ";"
            list_separators: {languages: ","}
            columns: {organization_name: Agency, service_name: Program, languages: Languages, taxonomy_codes: Codes}
            """)
        #expect(feed.warnings.isEmpty, "\(feed.warnings)")
        let tutoring = try #require(feed.service(named: "Tutoring"))
        #expect(tutoring.languages.map(\.rawValue) == ["en", "es", "ht"])
        #expect(tutoring.taxonomyCodes == ["HH-0500.8000", "RP-1400.8000"])
        #expect(tutoring.domains == [.academic, .socialEmotional, .health])
        #expect(feed.service(named: "Counseling")?.languages.map(\.rawValue) == ["ht", "vi"])
    }

    @Test func oneColumnPerValueMarkedXOrYes() throws {
        let feed = try read("mapped-value-columns.csv", """
            columns: {organization_name: Agency, service_name: Program}
            value_columns:
              ages: {"Ages 0-5": "0-5", "Ages 6-12": "6-12", "Ages 13-17": "13-17", "Ages 18+": "18+"}
              languages: {Spanish: es, Vietnamese: vi, Somali: Somali}
            """)
        #expect(feed.warnings.isEmpty, "\(feed.warnings)")
        let early = try #require(feed.service(named: "Early Learning"))
        #expect(early.ages == AgeRange(min: 0, max: 5))
        #expect(early.languages == [.spanish])
        let teens = try #require(feed.service(named: "Teen Group"))
        #expect(teens.ages == AgeRange(min: 13, max: nil))  // 13-17 and 18+: no upper end
        #expect(teens.languages.map(\.rawValue) == ["so"])
        let none = try #require(feed.service(named: "No Marks"))
        #expect(none.ages == AgeRange())
        #expect(none.languages.isEmpty)
        // A value column's header must be in the sheet, like any other.
        let missing = try read("mapped-value-columns.csv", """
            columns: {organization_name: Agency, service_name: Program}
            value_columns: {languages: {Tagalog: tl}}
            """)
        #expect(missing.order.isEmpty)
        #expect(missing.errors.first?.field == "Tagalog")
        #expect(missing.errors.first?.kind == .missingColumn)
    }

    // MARK: Status

    @Test func inactiveRowsAreKeptInactive() throws {
        let feed = try read("mapped-status.csv", """
            columns: {organization_name: Agency, service_name: Program, status: Status}
            values:
              status: {Deleted: inactive}
            inactive_when:
              Show in directory: [No, N]
            """)
        #expect(feed.services.count == 4)
        #expect(feed.service(named: "Active Program")?.active == true)
        #expect(feed.service(named: "Retired Program")?.active == false)
        #expect(feed.service(named: "Hidden Program")?.active == false)
        // A status word the profile does not know lists the service, with a warning.
        #expect(feed.service(named: "Unknown Status")?.active == true)
        #expect(feed.warnings.filter { $0.kind == .inactiveRecord }.map(\.line) == [3, 4])
        #expect(feed.warnings.first { $0.kind == .inactiveRecord && $0.line == 4 }?.field == "Show in directory")
        #expect(feed.warnings.contains { $0.line == 5 && $0.field == "Status" && $0.kind == .unreadableValue })
        #expect(feed.errors.isEmpty)
    }

    // MARK: Several columns, eligibility

    @Test func severalColumnsMakeOneFieldAndEligibilityIsRead() throws {
        let feed = try read("mapped-joined-columns.csv", """
            columns:
              organization_name: Agency
              service_name: Program
              address: [Address 1, Address 2]
              city: City
              postal_code: Zip
              phone: [Main phone, Crisis line, Fax]
              eligibility: Eligibility
              description: Description
            phone_kinds: {Crisis line: hotline, Fax: fax}
            defaults: {region: WA}
            """)
        #expect(feed.warnings.isEmpty, "\(feed.warnings)")
        let group = try #require(feed.service(named: "Anxiety Group"))
        #expect(group.phones == [
            Phone(number: "(360) 555-0110"), Phone(number: "(360) 555-0119", kind: .hotline),
            Phone(number: "(360) 555-0118", kind: .fax),
        ])
        #expect(group.ages == AgeRange(min: 11, max: 14))  // grades 6-8, not ages 6-8
        #expect(group.cost == Cost(insurance: [.medicaid, .uninsured]))
        #expect(group.provenance.inferred == [.ages, .insurance])
        #expect(group.description == "Group for students who worry.\n\nMeets weekly.")
        let site = try #require(feed.locations.first)
        #expect(site.address == Address(address1: "88 Harbor Way, Suite 200", city: "Riverton", region: "WA", postalCode: "98501"))
        // Line 2 has no "Suite": another address, another site of the same organization.
        #expect(feed.locations.count == 2)
        #expect(feed.service(named: "Drop-in Hours")?.phones == [Phone(number: "(360) 555-0110")])
        #expect(feed.service(named: "Drop-in Hours")?.ages == AgeRange())
    }

    // MARK: Words

    @Test func wordsInValuesAreComparedWithWhiteSpaceCollapsed() throws {
        let profile = try MappingProfile(yaml: """
            columns: {organization_name: A, service_name: B}
            values:
              setting: {"At   school": school_based, "Home\u{00A0}visits": home_visit}
            """, fileName: "p.yaml")
        #expect(profile.translate("at school", for: .setting) == "school_based")
        #expect(profile.translate("  AT \t SCHOOL ", for: .setting) == "school_based")
        #expect(profile.translate("Home  visits", for: .setting) == "home_visit")
        #expect(profile.translate("At schools", for: .setting) == "At schools")
    }

    // MARK: Ids

    @Test func madeIdsAreOneURLPathSegment() throws {
        let sheet = try CSVFixtures.temporaryFile("slashes.csv", contents: Data("""
            Agency,Program,Street,City,Zip
            Boys & Girls Club / Eastside,K-5 Reading? #1 (100% free),12 Main St / Unit 3,Riverton,98501
            社区中心,Tutoring,,,
            """.utf8))
        let profile = try MappingProfile(yaml: """
            columns: {organization_name: Agency, service_name: Program, address: Street, city: City, postal_code: Zip}
            """, fileName: "p.yaml")
        let feed = try CollectedFeed(MappedCSVReader(
            path: sheet, profile: profile, source: "sheet", mapping: CSVFixtures.mapping, importedAt: CSVFixtures.importedAt))
        let ids = feed.organizations.map(\.id) + feed.services.map(\.id) + feed.locations.map(\.id) + feed.links.map(\.id)
        #expect(ids.count == 6)  // the second row has no address: no site
        let unsafe = CharacterSet(charactersIn: "/?#% \\")
        for id in ids { #expect(id.rangeOfCharacter(from: unsafe) == nil, "\(id)") }
        #expect(feed.service(named: "K-5 Reading? #1 (100% free)")?.id == "sheet:boys-girls-club-eastside.k-5-reading-1-100-free")
        // A name with no Latin letters still gets an id of its own, the same on every import.
        let center = try #require(feed.organization(named: "社区中心"))
        #expect(center.id.hasPrefix("sheet:n-"))

        let withIDs = try CSVFixtures.temporaryFile("ids.csv", contents: Data("Agency,Id,Program\nA,12/A,One\nA,12 A,Two\n".utf8))
        let idProfile = try MappingProfile(yaml: "columns: {organization_name: Agency, service_id: Id, service_name: Program}\n", fileName: "p.yaml")
        let idFeed = try CollectedFeed(MappedCSVReader(
            path: withIDs, profile: idProfile, source: "s", mapping: CSVFixtures.mapping, importedAt: CSVFixtures.importedAt))
        let serviceIDs = idFeed.services.map(\.id)
        #expect(Set(serviceIDs).count == 2)
        for id in serviceIDs { #expect(id.rangeOfCharacter(from: unsafe) == nil, "\(id)") }
    }
}
