import Directory
import Foundation
import Testing
@testable import Feeds

@Suite("Mapped CSV reader")
struct MappedCSVReaderTests {
    private func read(sheet: String, profile: MappingProfile, source: String = "sheet") throws -> CollectedFeed {
        try CollectedFeed(MappedCSVReader(
            path: sheet, profile: profile, source: source, mapping: CSVFixtures.mapping, importedAt: CSVFixtures.importedAt))
    }

    private func shipped(_ name: String) throws -> (sheet: String, profile: MappingProfile) {
        (CSVFixtures.importers("samples/\(name).csv"), try MappingProfile.load(path: CSVFixtures.importers("profiles/\(name).yaml")))
    }

    // MARK: Shipped samples

    @Test func coordinatorSpreadsheetDeduplicatesOrganizationsSitesAndServices() throws {
        let (sheet, profile) = try shipped("coordinator-spreadsheet")
        let feed = try read(sheet: sheet, profile: profile, source: "coord")
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        #expect(feed.summary.recordsRead == 15)
        #expect(feed.organizations.count == 8)
        #expect(feed.locations.count == 10)
        #expect(feed.services.count == 14)
        #expect(feed.links.count == 13)

        // One program at two sites: one service, two links.
        let pantry = try #require(feed.service(named: "Family Food Pantry"))
        #expect(pantry.id == "coord:riverton-family-resource-center.family-food-pantry")
        #expect(feed.links.filter { $0.serviceID == pantry.id }.count == 2)
        #expect(pantry.languages.map(\.rawValue) == ["en", "es", "so"])

        let site = try #require(feed.location(named: "1200 Alder Ave"))
        #expect(site.id == "coord:riverton-family-resource-center@1200-alder-ave-riverton-98501")
        #expect(site.organizationID == "coord:riverton-family-resource-center")
        #expect(site.address == Address(address1: "1200 Alder Ave", city: "Riverton", region: "WA", postalCode: "98501"))
        #expect(site.coordinates == Coordinates(lat: 47.0412, lon: -122.9007))
        #expect(feed.location(named: "45 Cedar Loop")?.transitAccessible == true)
    }

    @Test func coordinatorSpreadsheetFacets() throws {
        let (sheet, profile) = try shipped("coordinator-spreadsheet")
        let feed = try read(sheet: sheet, profile: profile)
        let group = try #require(feed.service(named: "Anxiety Skills Group"))
        #expect(group.organizationID == "sheet:harbor-youth-counseling")
        #expect(group.languages == [.english, .spanish])
        #expect(group.ages == AgeRange(min: 12, max: 18))
        #expect(group.cost == Cost(kind: .slidingScale, insurance: [.chip, .medicaid, .private]))
        #expect(group.enrollment == Enrollment(status: .waitlist, waitlistWeeks: 3))
        #expect(group.domains == [.socialEmotional])
        #expect(group.intensity == .earlyIntervention)
        #expect(group.settings == [.schoolBased])
        #expect(group.transportation == Transportation.notProvided)
        #expect(group.interpreterAvailable == true)
        #expect(group.hours == [
            OpeningHours(weekday: .tuesday, opens: TimeOfDay(hour: 15, minute: 30)!, closes: TimeOfDay(hour: 17)!),
            OpeningHours(weekday: .thursday, opens: TimeOfDay(hour: 15, minute: 30)!, closes: TimeOfDay(hour: 17)!),
        ])
        #expect(group.taxonomyCodes == ["RP-1400.8000"])
        #expect(group.phones == [Phone(number: "(360) 555-0110")])
        #expect(group.provenance.lastVerifiedAt == Date(timeIntervalSince1970: 1_756_339_200))  // 2025-08-28

        let telehealth = try #require(feed.service(named: "Telehealth Check-ins"))
        #expect(telehealth.settings == [.virtual])
        #expect(telehealth.interpreterAvailable == true)  // "Y"
        #expect(telehealth.cost.insurance == [.medicaid, .uninsured])
        #expect(feed.links.allSatisfy { $0.serviceID != telehealth.id })  // no address: no site

        let tutoring = try #require(feed.service(named: "Math Tutoring"))
        #expect(tutoring.enrollment.status == .closed)  // "Full"
        #expect(tutoring.interpreterAvailable == false)
        #expect(tutoring.provenance.lastVerifiedAt == Date(timeIntervalSince1970: 1_756_771_200))  // 9/2/2025

        let nurse = try #require(feed.service(named: "Home Visiting Nurse"))
        #expect(nurse.settings == [.homeVisit])
        #expect(nurse.transportation == .provided)
        #expect(nurse.domains == [.health, .family])
        #expect(feed.service(named: "Family Shelter Navigation")?.intensity == .intensive)
        #expect(feed.service(named: "Reading Buddies")?.domains == [.academic, .peerRelations])

        // Codes no barrier covers are counted per service; LN-1500 (outpatient health facilities) describes
        // the provider, is not meant to map, and is not counted.
        #expect(feed.summary.unmappedTaxonomyCodes == ["PH-1250": 1, "BH-1800.8500": 1, "PS-9800": 1, "ND-6500": 1])
    }

    @Test func spanishCountyGuideReadsSpanishHeadersAndWords() throws {
        let (sheet, profile) = try shipped("county-resource-guide-es")
        let feed = try read(sheet: sheet, profile: profile, source: "condado")
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        // The only warnings are taxonomy codes the test barriers do not cover.
        #expect(feed.warnings.allSatisfy { $0.field == "taxonomy" }, "\(feed.warnings)")
        #expect(feed.summary.recordsRead == 12)
        #expect((feed.organizations.count, feed.locations.count, feed.services.count, feed.links.count) == (7, 9, 12, 10))

        let therapy = try #require(feed.service(named: "Salud mental para adolescentes"))
        #expect(therapy.organizationID == "condado:clinica-del-valle")
        #expect(therapy.languages == [.spanish])
        #expect(therapy.cost == Cost(kind: .slidingScale, insurance: [.chip, .medicaid]))
        #expect(therapy.enrollment == Enrollment(status: .waitlist, waitlistWeeks: 4))
        #expect(therapy.domains == [.socialEmotional, .health])
        #expect(therapy.intensity == .earlyIntervention)
        #expect(therapy.interpreterAvailable == true)
        #expect(therapy.hours.count == 5)

        let classes = try #require(feed.service(named: "Clases de inglés para familias"))
        #expect(classes.ages == AgeRange(min: 18, max: nil))  // "18+": no upper end
        #expect(classes.hours.map(\.weekday) == [.monday, .tuesday, .wednesday, .thursday])
        #expect(classes.transportation == .transitAccessible)
        #expect(feed.service(named: "Despensa familiar")?.languages.map(\.rawValue) == ["es", "en", "vi"])
        #expect(feed.service(named: "Despensa familiar")?.hours.map(\.weekday) == [.saturday])
        #expect(feed.service(named: "Mentoría entre compañeros")?.domains == [.peerRelations])
        #expect(feed.service(named: "Mentoría entre compañeros")?.interpreterAvailable == false)
        #expect(feed.service(named: "Preparación para el empleo")?.enrollment.status == .closed)
        #expect(feed.organization(named: "Línea de Crisis Juvenil") != nil)
        #expect(feed.location(named: "501 Calle Roble")?.transitAccessible == true)
    }

    @Test func latin1SpreadsheetReadsWithAWarning() throws {
        let profile = try MappingProfile.load(path: CSVFixtures.importers("profiles/county-resource-guide-es.yaml"))
        let feed = try read(sheet: CSVFixtures.path("csv/guia-latin1.csv"), profile: profile)
        #expect(feed.errors.isEmpty, "\(feed.errors)")
        #expect(feed.services.map(\.name) == ["Clases de inglés para familias", "Apoyo escolar bilingüe", "Salud mental para adolescentes"])
        #expect(feed.organizations.map(\.name) == ["Centro Comunitario La Esperanza", "Clínica del Valle"])
        let encoding = feed.warnings.filter { $0.message.contains("Latin-1") }
        #expect(encoding.count == 1)
        #expect(encoding.first?.file == "guia-latin1.csv")
    }

    // MARK: Problems

    @Test func aProfileColumnMissingFromTheSheetStopsTheImport() throws {
        let profile = try MappingProfile(yaml: """
            columns:
              organization_name: Agency Name
              service_name: Program
              languages: Idiomas
            """, fileName: "wrong-sheet.yaml")
        let feed = try read(sheet: CSVFixtures.importers("samples/coordinator-spreadsheet.csv"), profile: profile)
        #expect(feed.order.isEmpty)
        #expect(!feed.summary.readToEnd)
        #expect(feed.errors.map(\.file) == ["wrong-sheet.yaml", "wrong-sheet.yaml"])
        #expect(feed.errors.compactMap(\.field).sorted() == ["Agency Name", "Idiomas"])
        #expect(feed.errors.first?.message.contains("coordinator-spreadsheet.csv") == true)
    }

    @Test func unknownWordsAreWarningsNamingLineAndColumnAndTheRowIsKept() throws {
        let profile = try MappingProfile(yaml: """
            columns:
              organization_name: Agency
              service_name: Program
              languages: Languages
              interpreter: Interpreter?
              lat: Latitude
              lon: Longitude
              ages: Ages
              setting: Where
            values:
              interpreter: {Yes: true, No: false}
              setting: {"At school": school_based}
            """, fileName: "bad-words.yaml")
        let feed = try read(sheet: CSVFixtures.path("csv/mapped-bad-words.csv"), profile: profile)
        #expect(feed.services.map(\.name) == ["Good Program", "Bad Program", "Second Program"])
        #expect(feed.organizations.count == 2)
        #expect(feed.locations.count == 1)
        #expect(feed.links.count == 1)
        #expect(feed.summary.recordsRead == 3)
        #expect(feed.errors.isEmpty)
        let line3 = feed.warnings.filter { $0.line == 3 }
        #expect(line3.allSatisfy { $0.file == "mapped-bad-words.csv" })
        #expect(Set(line3.compactMap(\.field)) == ["Interpreter?", "Languages", "Latitude", "Where"])
        #expect(line3.contains { $0.message.contains("'Klingon'") })
        let bad = try #require(feed.service(named: "Bad Program"))
        #expect(bad.languages == [.spanish])
        #expect(bad.ages == AgeRange(min: 5, max: 5))  // "five"
        #expect(bad.interpreterAvailable == nil)  // "Maybe"
        #expect(feed.service(named: "Good Program")?.settings == [.schoolBased])
        #expect(feed.service(named: "Second Program")?.languages.map(\.rawValue) == ["so"])
    }

    // MARK: Profiles

    @Test func profileKeepsSpreadsheetWordsAsText() throws {
        let profile = try MappingProfile(yaml: """
            name: Test
            delimiter: tab
            list_separator: ","
            columns: {organization_name: A, service_name: B}
            values:
              interpreter: {No: false, Y: true, "Sí": true}
            defaults: {region: OR}
            """, fileName: "p.yaml")
        #expect(profile.name == "Test")
        #expect(profile.delimiter == UInt8(ascii: "\t"))
        #expect(profile.listSeparator == ",")
        #expect(profile.translate("no", for: .interpreter) == "false")
        #expect(profile.translate("SI", for: .interpreter) == "true")
        #expect(profile.translate("y", for: .interpreter) == "true")
        #expect(profile.translate("Maybe", for: .interpreter) == "Maybe")
        #expect(profile.defaults[.region] == "OR")
    }

    @Test func profileMistakesNameTheFileAndLine() {
        func problem(_ yaml: String) -> ImportProblem? {
            do {
                _ = try MappingProfile(yaml: yaml, fileName: "broken.yaml")
                return nil
            } catch {
                return error as? ImportProblem
            }
        }
        let unknownField = problem("columns:\n  organization_name: A\n  service_name: B\n  colour: C\n")
        #expect(unknownField?.file == "broken.yaml")
        #expect(unknownField?.line == 4)
        #expect(unknownField?.message.contains("colour") == true)

        let badValue = problem("columns: {organization_name: A, service_name: B}\nvalues:\n  setting: {\"At school\": schoolish}\n")
        #expect(badValue?.message.contains("schoolish") == true)

        let badDefault = problem("columns: {organization_name: A, service_name: B}\ndefaults: {intensity: extreme}\n")
        #expect(badDefault?.message.contains("extreme") == true)

        #expect(problem("columns: {organization_name: A}\n")?.message.contains("service_name") == true)
        #expect(problem("columns: {service_name: B}\n")?.message.contains("organization_name") == true)
        #expect(problem("colums: {service_name: B}\n")?.message.contains("colums") == true)
        #expect(problem("columns: [a, b\n")?.message.contains("YAML") == true)
        #expect(problem("columns: {organization_name: A, service_name: B}\ndelimiter: ab\n")?.message.contains("delimiter") == true)
    }

    @Test func domainsComeFromTaxonomyWhenTheSheetHasNone() throws {
        let profile = try MappingProfile(yaml: """
            columns:
              organization_name: Agency
              service_name: Program
              taxonomy_codes: AIRS code
            """, fileName: "codes-only.yaml")
        let feed = try read(sheet: CSVFixtures.importers("samples/coordinator-spreadsheet.csv"), profile: profile)
        let group = try #require(feed.service(named: "Anxiety Skills Group"))
        #expect(group.domains == [.socialEmotional, .health])
        #expect(group.intensity == .earlyIntervention)
        #expect(feed.service(named: "24/7 Youth Crisis Line")?.intensity == .intensive)
        let teens = try #require(feed.service(named: "Teen Night"))
        #expect(teens.domains.isEmpty)
        #expect(teens.intensity == nil)
        #expect(teens.languages == [])
        #expect(feed.locations.isEmpty)
        #expect(feed.warnings.contains { $0.message.contains("PS-9800") })
    }
}
