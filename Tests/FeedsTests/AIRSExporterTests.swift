import BenchSupport
import Directory
import Foundation
import Testing
@testable import Feeds

/// A synthetic directory written by `AIRSExporter` and read back by `AIRSReader`.
private struct AIRSRoundTrip {
    static let source = "synthetic"
    static let mapping = TaxonomyMapping(barriers: [
        Barrier(id: "food_insecurity", label: "Food insecurity", domains: [.health, .family], intensities: [.prevention],
                taxonomyPrefixes: ["BD-1800", "BD-5000"]),
        Barrier(id: "academic_struggle", label: "Academic struggle", domains: [.academic],
                intensities: [.prevention, .earlyIntervention], taxonomyPrefixes: ["HH-8500"]),
        Barrier(id: "crisis", label: "Crisis", domains: [.socialEmotional], intensities: [.intensive], taxonomyPrefixes: ["RP-1500"]),
    ])

    let original: DirectorySnapshot
    let written: AIRSExporter.Summary
    var read = DirectorySnapshot()
    var summary = ReadSummary()
    let xml: String

    init(_ directory: DirectorySnapshot, keys: AIRSExporter.Keys = .externalIDs) throws {
        original = directory
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("airs-export-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        written = try AIRSExporter(directory: directory, sourceID: "test-211", keys: keys).write(to: file)
        xml = try String(contentsOf: file, encoding: .utf8)
        var read = DirectorySnapshot()
        let reader = AIRSReader(path: file.path, source: Self.source, mapping: Self.mapping,
                                importedAt: Date(timeIntervalSince1970: 1_800_000_000))
        summary = try reader.read(
            emit: { record in
                switch record {
                case .organization(let value): read.organizations.append(value)
                case .location(let value): read.locations.append(value)
                case .service(let value): read.services.append(value)
                case .serviceAtLocation(let value): read.servicesAtLocation.append(value)
                }
            },
            progress: { _ in })
        self.read = read
    }

    func service(_ id: String) throws -> Service { try #require(read.services.first { $0.id == id }) }
}

/// A small synthetic directory with what the generator leaves out: service phones, URLs, service
/// areas, split days, and text that needs escaping.
private func sampleDirectory() -> DirectorySnapshot {
    var directory = SyntheticDirectory.make(services: 36, seed: 7, source: AIRSRoundTrip.source)
    for index in directory.services.indices where index % 3 == 0 {
        directory.services[index].phones = [
            Phone(number: "+1-515-555-\(1000 + index)", kind: .voice), Phone(number: "988", kind: .hotline),
        ]
    }
    directory.services[1].name = #"Tom & Jerry's <After-School> "Club""#
    directory.services[1].description = "Line one\nline two\u{1}; fees <$5> & up"
    directory.services[1].url = "https://example.org/?a=1&b=2"
    directory.services[1].serviceArea = ServiceArea(postalCodes: ["50309", "50310"])
    directory.services[2].hours = [
        OpeningHours(weekday: .monday, opens: TimeOfDay(hour: 8)!, closes: TimeOfDay(hour: 12)!),
        OpeningHours(weekday: .monday, opens: TimeOfDay(hour: 13, minute: 30)!, closes: TimeOfDay(hour: 17)!),
        OpeningHours(weekday: .saturday, opens: TimeOfDay(hour: 18)!, closes: TimeOfDay(hour: 24)!),
    ]
    directory.services[2].languages = [.english, LanguageCode(rawValue: "so")!, LanguageCode(rawValue: "ht")!]
    directory.services[2].cost = Cost(kind: .fee, insurance: [.private, .chip])
    directory.services[2].enrollment = Enrollment(status: .waitlist, waitlistWeeks: 6, intakeMethods: [.online, .walkIn])
    directory.services[2].taxonomyCodes = ["HH-8500.8000", "RP-1500.1400"]
    return directory
}

@Suite("AIRS exporter: synthetic directory → AIRS XML → AIRSReader")
struct AIRSExporterTests {
    @Test func recordCountsMatch() throws {
        let directory = sampleDirectory()
        let trip = try AIRSRoundTrip(directory)
        #expect(trip.summary.errors.isEmpty, "\(trip.summary.errors)")
        #expect(trip.summary.readToEnd)
        #expect(trip.read.organizations.count == directory.organizations.count)
        #expect(trip.read.organizations.count == 12)
        #expect(trip.read.locations.count == directory.locations.count)
        #expect(trip.read.services.count == 36)
        // AIRS writes each service under one site: one link per service, the rest are counted.
        #expect(trip.read.servicesAtLocation.count == 36)
        #expect(trip.written.linksNotWritten == directory.servicesAtLocation.count - 36)
        #expect(trip.written.skipped == 0)
        #expect(trip.summary.recordsRead == trip.written.records)
        #expect(trip.written.records == 12 + directory.locations.count + 36)
        // External ids as keys and the same source name give the same ids back.
        #expect(Set(trip.read.services.map(\.id)) == Set(directory.services.map(\.id)))
        #expect(Set(trip.read.locations.map(\.id)) == Set(directory.locations.map(\.id)))
    }

    @Test func keyFieldsComeBackEqual() throws {
        let directory = sampleDirectory()
        let trip = try AIRSRoundTrip(directory)
        for original in directory.services {
            let read = try trip.service(original.id)
            #expect(read.name == original.name)
            #expect(read.organizationID == original.organizationID)
            // An upper age of 99 or more is how feeds write "no upper limit" (`StatedAges.openMaximum`).
            #expect(read.ages == AgeRange(min: original.ages.min, max: original.ages.max.flatMap { $0 >= 99 ? nil : $0 }))
            #expect(read.languages == original.languages)
            #expect(read.taxonomyCodes == original.taxonomyCodes)
            #expect(read.hours == original.hours)
            #expect(read.cost.kind == original.cost.kind)
            #expect(Set(read.cost.insurance) == Set(original.cost.insurance))
            #expect(read.enrollment == original.enrollment)
            #expect(read.interpreterAvailable == original.interpreterAvailable)
            #expect(read.provenance.lastVerifiedAt == original.provenance.lastVerifiedAt)
            #expect(read.provenance.externalID == original.provenance.externalID)
            // A service without phones of its own inherits its agency's, as AIRS intends.
            let organization = try #require(directory.organizations.first { $0.id == original.organizationID })
            #expect(read.phones == (original.phones.isEmpty ? organization.phones : original.phones))
        }
    }

    @Test func readsConcreteValues() throws {
        let directory = sampleDirectory()
        let trip = try AIRSRoundTrip(directory)

        let escaped = try trip.service("synthetic:s0000001")
        #expect(escaped.name == #"Tom & Jerry's <After-School> "Club""#)
        // The control character has no XML form and is dropped; the rest survives escaping.
        #expect(escaped.description == "Line one\nline two; fees <$5> & up")
        #expect(escaped.url == "https://example.org/?a=1&b=2")
        #expect(escaped.serviceArea.postalCodes == ["50309", "50310"])

        let split = try trip.service("synthetic:s0000002")
        #expect(split.hours == [
            OpeningHours(weekday: .monday, opens: TimeOfDay(hour: 8)!, closes: TimeOfDay(hour: 12)!),
            OpeningHours(weekday: .monday, opens: TimeOfDay(hour: 13, minute: 30)!, closes: TimeOfDay(hour: 17)!),
            OpeningHours(weekday: .saturday, opens: TimeOfDay(hour: 18)!, closes: TimeOfDay(hour: 24)!),
        ])
        #expect(split.languages.map(\.rawValue) == ["en", "so", "ht"])
        #expect(split.cost == Cost(kind: .fee, insurance: [.chip, .private]))
        #expect(split.enrollment == Enrollment(status: .waitlist, waitlistWeeks: 6, intakeMethods: [.online, .walkIn]))
        #expect(split.taxonomyCodes == ["HH-8500.8000", "RP-1500.1400"])
        // Domains and intensity come from the mapping of the codes, not from the file.
        #expect(split.domains == [.academic, .socialEmotional])
        #expect(split.intensity == .intensive)

        let phoned = try trip.service("synthetic:s0000003")
        #expect(phoned.phones == [Phone(number: "+1-515-555-1003", kind: .voice), Phone(number: "988", kind: .hotline)])

        let site = try #require(trip.read.locations.first { $0.id == directory.locations[0].id })
        #expect(site.name == "Site 1")
        #expect(site.address == directory.locations[0].address)
        #expect(site.coordinates == directory.locations[0].coordinates)
        #expect(site.transitAccessible == directory.locations[0].transitAccessible)
        let agency = try #require(trip.read.organizations.first { $0.id == "synthetic:o000000" })
        #expect(agency.name == "Synthetic Agency 0")
        #expect(agency.phones == [Phone(number: "+1-515-555-0000")])
    }

    @Test func eachServiceGoesUnderItsFirstSite() throws {
        let directory = sampleDirectory()
        let trip = try AIRSRoundTrip(directory)
        for service in directory.services {
            let first = try #require(directory.servicesAtLocation.first { $0.serviceID == service.id })
            let link = try #require(trip.read.servicesAtLocation.first { $0.serviceID == service.id })
            #expect(link.locationID == first.locationID)
        }
    }

    @Test func directoryIDKeysStayUniqueWhenExternalIDsRepeat() throws {
        var directory = sampleDirectory()
        directory.services[5].provenance.externalID = directory.services[4].provenance.externalID
        let trip = try AIRSRoundTrip(directory, keys: .directoryIDs)
        #expect(trip.summary.errors.isEmpty)
        #expect(trip.read.services.count == 36)
        #expect(try trip.service("synthetic:synthetic:s0000005").name == directory.services[5].name)
    }

    @Test func writesAIRSStructure() throws {
        let trip = try AIRSRoundTrip(sampleDirectory())
        #expect(trip.xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Source SchemaVersion=\"3.0\" SourceID=\"test-211\">"))
        #expect(trip.xml.contains("<Name>Tom &amp; Jerry's &lt;After-School&gt; \"Club\"</Name>"))
        #expect(trip.xml.contains("<Monday>8:00am-12:00pm, 1:30pm-5:00pm</Monday>"))
        #expect(trip.xml.contains("<Saturday>6:00pm-12:00am</Saturday>"))
        #expect(trip.xml.contains("<Taxonomy><Code>HH-8500.8000</Code></Taxonomy>"))
        #expect(trip.xml.hasSuffix("</Source>\n"))
        #expect(Int64(trip.xml.utf8.count) == trip.written.bytes)
    }

    /// A fact the directory does not know is left out of the file, and reads back not stated; a
    /// stated "no" (no interpreter, no bus) is written as one and reads back as one.
    @Test func unknownsAreLeftOutAndReadBackUnknown() throws {
        var directory = sampleDirectory()
        let blank = 4, partial = 5
        directory.services[blank].languages = []
        directory.services[blank].interpreterAvailable = nil
        directory.services[blank].ages = AgeRange()
        directory.services[blank].cost = Cost()
        directory.services[blank].enrollment = Enrollment()
        directory.services[partial].ages = AgeRange(min: 19)
        directory.services[partial].cost = Cost(kind: nil, insurance: [.medicaid])
        directory.services[partial].interpreterAvailable = false
        directory.locations[0].transitAccessible = nil
        directory.locations[1].transitAccessible = false
        let trip = try AIRSRoundTrip(directory)
        #expect(trip.summary.errors.isEmpty)

        let read = try trip.service(directory.services[blank].id)
        #expect(read.languages == [] && read.interpreterAvailable == nil && read.ages == AgeRange())
        #expect(read.cost == Cost() && read.enrollment.status == nil)
        let key = directory.services[blank].provenance.externalID
        let start = try #require(trip.xml.range(of: "<Key>\(key)</Key>"))
        let element = try #require(trip.xml[start.upperBound...].components(separatedBy: "</SiteService>").first)
        for absent in ["<AgeRequirements>", "<FeeStructure>", "<Languages>", "<InterpretationServices>", "<ApplicationProcess>"] {
            #expect(!element.contains(absent), "\(absent) written for a fact not stated")
        }

        let partly = try trip.service(directory.services[partial].id)
        #expect(partly.ages == AgeRange(min: 19))
        #expect(partly.cost == Cost(kind: nil, insurance: [.medicaid]))
        #expect(partly.interpreterAvailable == false)

        let sites = Dictionary(uniqueKeysWithValues: trip.read.locations.map { ($0.id, $0) })
        #expect(sites[directory.locations[0].id]?.transitAccessible == nil)
        #expect(sites[directory.locations[1].id]?.transitAccessible == false)
        #expect(sites[directory.locations[0].id]?.coordinatesPrecision == .stated)
    }

    @Test func everyLanguageNameReadsBackAsItsCode() {
        for (code, name) in LanguageCode.englishNames {
            #expect(StatedLanguages.fromLanguageField(name)?.codes.map(\.rawValue) == [code], "\(name)")
        }
    }

    @Test func datesAreISO8601UTC() throws {
        #expect(AIRSExportWording.date(Date(timeIntervalSince1970: 1_790_000_000)) == "2026-09-21T14:13:20Z")
        #expect(AIRSExportWording.date(Date(timeIntervalSince1970: 0.25)) == "1970-01-01T00:00:00.250Z")
        #expect(AIRSExportWording.date(Date(timeIntervalSince1970: -86_400)) == "1969-12-31T00:00:00Z")
        #expect(try FeedDateText.date(AIRSExportWording.date(Date(timeIntervalSince1970: 1_717_200_123))) == Date(timeIntervalSince1970: 1_717_200_123))
    }
}
