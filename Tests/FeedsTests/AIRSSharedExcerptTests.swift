import Directory
import Foundation
import Testing
@testable import Feeds

/// The real BC 211 iCarol export in shared/feeds (15 agencies, 39 sites, 39 site services): what it
/// states is read, and nothing it does not state is made up. It has no FeeStructure, AgeRequirements
/// or Languages at all, so every cost, age and language fact here comes from a description and must
/// be marked inferred.
@Suite("AIRS reader: the shared BC 211 excerpt", .enabled(if: SharedFeeds.isPresent, "shared/feeds is not beside the repository"))
struct AIRSSharedExcerptTests {
    static let file = "bc211-airs-excerpt/BC211_data_excerpt.xml"

    let read: AIRSRead
    init() throws {
        let path = try #require(SharedFeeds.folder).appendingPathComponent(Self.file).path
        read = try AIRSShapes.read(path: path, source: "bc211")
    }

    func service(_ key: String) throws -> Service { try read.service(key, source: "bc211") }

    @Test func countsEveryRecordAndSkipsNone() {
        #expect(read.organizations.count == 15)
        #expect(read.locations.count == 39)
        #expect(read.services.count == 39)
        #expect(read.links.count == 39)
        #expect(read.summary.recordsRead == 15 + 39 + 39)
        #expect(read.summary.readToEnd)
        #expect(read.errors.isEmpty, "\(read.errors)")
        // ExcludeFromDirectory="false" and AvailableForDirectory="true" everywhere: all listed.
        #expect(read.organizations.allSatisfy { $0.active } && read.locations.allSatisfy { $0.active } && read.services.allSatisfy { $0.active })
    }

    /// Every record carries `<ResourceInfo DateLastVerified="…">` (an attribute), and reads it.
    @Test func everyRecordReadsItsVerificationDate() throws {
        #expect(read.services.allSatisfy { $0.provenance.lastVerifiedAt != nil })
        #expect(read.organizations.allSatisfy { $0.provenance.lastVerifiedAt != nil })
        #expect(try service("9487364").provenance.lastVerifiedAt == AIRSShapes.day("2016-04-14"))
        #expect(try service("44029901").provenance.lastVerifiedAt == AIRSShapes.day("2016-12-27"))
        #expect(try service("9491307").provenance.lastVerifiedAt == AIRSShapes.day("2014-04-01"))
        #expect(try read.organization("9487364", source: "bc211").provenance.lastVerifiedAt == AIRSShapes.day("2016-04-14"))
        // Sites have no <ResourceInfo> of their own: their agency's date.
        #expect(read.locations.allSatisfy { $0.provenance.lastVerifiedAt != nil })
    }

    /// The feed states no fee, age or language field: whatever a service holds of them came from its
    /// description and says so; a service whose description says nothing holds nothing.
    @Test func noInventedFacts() throws {
        for service in read.services {
            let inferred = Set(service.provenance.inferred)
            if service.cost.kind != nil { #expect(inferred.contains(.cost), "\(service.id) \(service.cost)") }
            if !service.cost.insurance.isEmpty { #expect(inferred.contains(.insurance), "\(service.id)") }
            if service.ages.isStated { #expect(inferred.contains(.ages), "\(service.id) \(service.ages)") }
            if !service.languages.isEmpty { #expect(inferred.contains(.languages), "\(service.id)") }
            if service.interpreterAvailable != nil { #expect(inferred.contains(.interpreter), "\(service.id)") }
            if service.enrollment.status != nil { #expect(inferred.contains(.enrollment), "\(service.id)") }
            if !service.settings.isEmpty { #expect(inferred.contains(.settings), "\(service.id)") }
            if !service.hours.isEmpty { #expect(inferred.contains(.hours), "\(service.id)") }
            if service.transportation != nil && service.transportation != .transitAccessible {
                #expect(inferred.contains(.transportation), "\(service.id)")
            }
            // No site states bus access, so no service is transit accessible.
            #expect(service.transportation != .transitAccessible)
        }
        #expect(read.locations.allSatisfy { $0.transitAccessible == nil })
    }

    @Test func theFeeForServiceProgramIsNeverFree() throws {
        let program = try service("9491307")
        #expect(program.name == "Maple Ridge Fee-for-Service Counselling Program")
        // "Fees are charged; sliding scale, $45 to $100 per session, based on family income."
        #expect(program.cost.kind == .slidingScale)
        #expect(program.provenance.inferred.contains(.cost))
    }

    @Test func descriptionsStateWhatTheySay() throws {
        // "No fee for service." and "children and youth up to age 17".
        let langley = try service("9487367")
        #expect(langley.cost.kind == .free)
        #expect(langley.ages.max == 17)
        // "No cost."
        #expect(try service("9493839").cost.kind == .free)
        // "students ages 13 to 19".
        #expect(try service("9506446").ages == AgeRange(min: 13, max: 19))
        // A description that says nothing about cost leaves it unknown.
        #expect(try service("9493353").cost == Cost())
    }

    /// Ages a description gives for one of several programs, or grades that are a level of study,
    /// are not the service's ages (found reading three services back through the API after import).
    @Test func agesOfOneProgramOrALevelOfStudyAreNotTheServicesAges() throws {
        // "outreach to adults … youth up to and including age 25": two programs, no age range.
        #expect(try service("14541468").ages == AgeRange())
        // "secondary school completion for Grades 11 and 12" at a continuing education centre.
        #expect(try service("24377794").ages == AgeRange())
        // "students in Burnaby attending Kindergarten to Grade 12": school-age people, ages 5–18.
        #expect(try read.services.first { $0.name.contains("Settlement Workers in Schools") }?.ages.isStated == true)
    }

    /// iCarol escapes HTML twice (`&amp;lt;b&amp;gt;`): it reads as plain text.
    @Test func descriptionsArePlainText() throws {
        for text in read.services.map(\.description) + read.organizations.map(\.description) {
            #expect(!text.contains("&lt;") && !text.contains("&amp;") && !text.contains("<b>") && !text.contains("</b>"), "\(text)")
        }
        #expect(try service("9487364").description.contains("The Infant Development Program offers home visits"))
    }

    @Test func coordinatesAreReadAsStated() throws {
        let site = try read.location("9491307", source: "bc211")
        #expect(site.coordinates == Coordinates(lat: 49.21981, lon: -122.600277))
        #expect(site.coordinatesPrecision == .stated)
        #expect(read.locations.filter { $0.coordinates == nil }.count == 4)
    }

    @Test func everyProblemHasAKind() {
        #expect(!read.summary.problems.contains { $0.kind == .other }, "\(read.summary.problems.filter { $0.kind == .other })")
    }
}
