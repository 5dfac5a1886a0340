import Directory
import Foundation
import TextFormats

/// How much of what matching needs a feed states: for its active services, the share with a domain,
/// ages, languages, coordinates (a located site), hours, a cost fact and a verification date.
/// Built from the records an import hands to the store, batch by batch.
public struct FeedCoverage: Sendable {
    public enum Fact: String, CaseIterable, Sendable {
        case domain, ages, languages, coordinates, hours, cost
        case verification = "verification date"
    }

    public private(set) var services = 0
    public private(set) var activeServices = 0
    private var counts: [Fact: Int] = [:]
    /// Active services of the feed, and the locations with coordinates, until `finish` joins them.
    private var activeServiceIDs: Set<String> = []
    private var locatedSites: [String: CoordinatesPrecision?] = [:]
    private var sitesOfService: [String: [String]] = [:]
    /// Active services with a site at a ZIP centre and none with stated coordinates.
    public private(set) var servicesAtZIPCentreOnly = 0
    private var finished = false

    public init() {}

    public mutating func add(_ batch: DirectorySnapshot) {
        for location in batch.locations where location.active && location.coordinates?.isValid == true {
            locatedSites[location.id] = location.coordinatesPrecision
        }
        for link in batch.servicesAtLocation { sitesOfService[link.serviceID, default: []].append(link.locationID) }
        for service in batch.services {
            services += 1
            guard service.active else { continue }
            activeServices += 1
            activeServiceIDs.insert(service.id)
            if !service.domains.isEmpty { counts[.domain, default: 0] += 1 }
            if service.ages.isStated { counts[.ages, default: 0] += 1 }
            if !service.languages.isEmpty { counts[.languages, default: 0] += 1 }
            if !service.hours.isEmpty { counts[.hours, default: 0] += 1 }
            if service.cost.kind != nil || !service.cost.insurance.isEmpty { counts[.cost, default: 0] += 1 }
            if service.provenance.lastVerifiedAt != nil { counts[.verification, default: 0] += 1 }
        }
    }

    /// Joins services to their sites once every record is in.
    public mutating func finish() {
        guard !finished else { return }
        finished = true
        var located = 0
        for serviceID in activeServiceIDs {
            let precisions = (sitesOfService[serviceID] ?? []).compactMap { locatedSites[$0] }
            guard !precisions.isEmpty else { continue }
            located += 1
            if precisions.allSatisfy({ $0 == .postalCode }) { servicesAtZIPCentreOnly += 1 }
        }
        counts[.coordinates] = located
    }

    /// Active services that state the fact.
    public func count(_ fact: Fact) -> Int { counts[fact] ?? 0 }

    /// The share of active services that state the fact, 0…1 (0 without active services).
    public func share(_ fact: Fact) -> Double {
        activeServices == 0 ? 0 : Double(count(fact)) / Double(activeServices)
    }

    /// The table `closeloop import --coverage` prints.
    public var table: String {
        var table = TextTable([("fact", .left), ("share", .right), ("services", .right), ("note", .left)], margin: 2)
        for fact in Fact.allCases {
            let note = fact == .coordinates && servicesAtZIPCentreOnly > 0 ? "\(servicesAtZIPCentreOnly) only at a ZIP centre" : ""
            table.append(["\(fact.rawValue)", "\(Int((share(fact) * 100).rounded()))%", "\(count(fact))", note])
        }
        return "coverage of \(activeServices) active service(s) (\(services) read):\n" + table.text
    }
}

extension FeedCoverage {
    /// Reads a whole feed through the import pipeline and measures what it states; nothing is stored.
    public static func measure(
        _ reader: any FeedReader, placement: SitePlacement? = nil
    ) async throws -> (coverage: FeedCoverage, summary: ReadSummary) {
        var coverage = FeedCoverage()
        var summary = ReadSummary()
        for try await event in reader.batches(placement: placement) {
            switch event {
            case .batch(let batch): coverage.add(batch)
            case .finished(let finished): summary = finished
            }
        }
        coverage.finish()
        return (coverage, summary)
    }
}
