import Directory
import Foundation
import Referrals
import Storage

/// What a gaps report is asked for: the same period and school filter as the connection report,
/// and what counts as a long waitlist.
public struct GapsReportRequest: Sendable, Hashable {
    public var from: CalendarDate
    public var to: CalendarDate
    public var schoolID: String?
    /// A service whose waitlist is at least this many weeks is listed as a long wait.
    public var waitlistWeeks: Int

    public static let defaultWaitlistWeeks = 4

    public init(from: CalendarDate, to: CalendarDate, schoolID: String? = nil, waitlistWeeks: Int = defaultWaitlistWeeks) {
        self.from = from
        self.to = to
        self.schoolID = schoolID
        self.waitlistWeeks = waitlistWeeks
    }
}

/// Where needs go unmet: barriers whose referrals partners declined for lack of capacity, barriers
/// whose services have long waitlists, and barriers for which matches found no eligible provider.
public struct GapsReport: Sendable, Hashable, Encodable {
    /// Referrals for one barrier declined `no_capacity` (suppressed below 10 students).
    public struct CapacityGap: Sendable, Hashable, Encodable {
        public var barrier: String
        public var barrierLabel: String
        public var declinedReferrals: ReportValue

        enum CodingKeys: String, CodingKey {
            case barrier
            case barrierLabel = "barrier_label"
            case declinedReferrals = "declined_referrals"
        }
    }

    /// A waitlisted service, as the directory lists it (public information, not suppressed).
    public struct WaitlistedService: Sendable, Hashable, Encodable {
        public var serviceID: String
        public var name: String
        public var organizationName: String
        public var waitlistWeeks: Int

        enum CodingKeys: String, CodingKey {
            case name
            case serviceID = "service_id"
            case organizationName = "organization_name"
            case waitlistWeeks = "waitlist_weeks"
        }
    }

    /// A barrier served by services with long waits; `waitlistedReferrals` are the period's referrals
    /// for the barrier that were ever waitlisted (suppressed below 10 students).
    public struct WaitlistGap: Sendable, Hashable, Encodable {
        public var barrier: String
        public var barrierLabel: String
        public var longestWaitWeeks: Int
        public var services: [WaitlistedService]
        public var waitlistedReferrals: ReportValue

        enum CodingKeys: String, CodingKey {
            case barrier, services
            case barrierLabel = "barrier_label"
            case longestWaitWeeks = "longest_wait_weeks"
            case waitlistedReferrals = "waitlisted_referrals"
        }
    }

    /// How often matches in the period found no eligible provider for a barrier, and why. These count
    /// searches, not students, and keep no student data, so they are shown as they are.
    public struct UnmetNeed: Sendable, Hashable, Encodable {
        public var barrier: String
        public var barrierLabel: String
        /// The hard filter that removed the last candidates; nil when nothing serves the barrier at all.
        public var filter: String?
        public var matches: Int
        public var reason: String
        public var lastSeen: Date

        enum CodingKeys: String, CodingKey {
            case barrier, filter, matches, reason
            case barrierLabel = "barrier_label"
            case lastSeen = "last_seen"
        }
    }

    /// What the report counts: the asked period widened to whole calendar months (see `Suppression`).
    public var request: GapsReportRequest
    /// The period as asked.
    public var requested: GapsReportRequest
    public var timeZone: String
    public var generatedAt: Date
    public var noCapacity: [CapacityGap]
    public var longWaitlists: [WaitlistGap]
    public var unmetNeeds: [UnmetNeed]

    enum CodingKeys: String, CodingKey {
        case report, from, to, requested, school, suppression
        case timeZone = "time_zone"
        case generatedAt = "generated_at"
        case waitlistWeeks = "waitlist_weeks"
        case noCapacity = "no_capacity"
        case longWaitlists = "long_waitlists"
        case unmetNeeds = "unmet_needs"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("gaps", forKey: .report)
        try container.encode(request.from, forKey: .from)
        try container.encode(request.to, forKey: .to)
        try container.encode(ConnectionReport.RequestedPeriod(from: requested.from, to: requested.to), forKey: .requested)
        try container.encode(request.schoolID, forKey: .school)
        try container.encode(ConnectionReport.SuppressionNote(), forKey: .suppression)
        try container.encode(request.waitlistWeeks, forKey: .waitlistWeeks)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(noCapacity, forKey: .noCapacity)
        try container.encode(longWaitlists, forKey: .longWaitlists)
        try container.encode(unmetNeeds, forKey: .unmetNeeds)
    }
}

extension DistrictReports {
    public func gaps(_ asked: GapsReportRequest, for user: User, now: Date = Date()) async throws -> GapsReport {
        let askedByBarrier = ConnectionReportRequest(from: asked.from, to: asked.to, groupBy: .barrier, schoolID: asked.schoolID)
        try askedByBarrier.validate()
        // Counted over whole months like the connection report, so gaps cannot be differenced either.
        let byBarrier = askedByBarrier.wholeMonths
        var request = asked
        (request.from, request.to) = (byBarrier.from, byBarrier.to)
        let policy = try await ReferralStore(database: database).followUpPolicy()
        let query = try ReportQuery(request: byBarrier, user: user, policy: policy, now: now)
        let directory = DirectoryStore(database: database)
        let barriers = try await directory.barriers()
        let labels = Dictionary(barriers.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })

        let noCapacity = try await store.noCapacityDeclines(query.filter).map { tally in
            GapsReport.CapacityGap(barrier: tally.barrier, barrierLabel: labels[tally.barrier] ?? tally.barrier,
                                   declinedReferrals: Suppression.cell(referrals: tally.referrals, students: tally.students))
        }.sorted { ($0.declinedReferrals.count ?? 0, $1.barrier) > ($1.declinedReferrals.count ?? 0, $0.barrier) }

        let waitlisted = try await store.waitlistedServices(minimumWeeks: request.waitlistWeeks)
        let organizations = try await directory.organizationNames(waitlisted.map(\.organizationID))
        let bound = try await store.maxReferralsPerStudent()
        let waitlistedCells = try await cells(
            try await store.referralCounts(query.filter, by: .barrier, overdue: query.overdue), query, grouping: .barrier, bound: bound)
        var longWaitlists: [GapsReport.WaitlistGap] = []
        let served = waitlisted.map { ServiceBarriers.barriers(servedBy: $0, among: barriers) }
        for barrier in barriers {
            let services = waitlisted.indices.filter { served[$0].contains(barrier.id) }.map { waitlisted[$0] }
            guard !services.isEmpty else { continue }
            let listed = services.map {
                GapsReport.WaitlistedService(serviceID: $0.id, name: $0.name, organizationName: organizations[$0.organizationID] ?? "",
                                             waitlistWeeks: $0.enrollment.waitlistWeeks ?? request.waitlistWeeks)
            }
            longWaitlists.append(GapsReport.WaitlistGap(
                barrier: barrier.id, barrierLabel: barrier.label, longestWaitWeeks: listed.map(\.waitlistWeeks).max() ?? 0,
                services: listed,
                waitlistedReferrals: waitlistedCells.first { $0.key == barrier.id }?.cells[.waitlisted] ?? .suppressed))
        }
        longWaitlists.sort { ($0.longestWaitWeeks, $1.barrier) > ($1.longestWaitWeeks, $0.barrier) }

        let unmet = try await store.matchGaps(from: query.filter.sentFrom, to: query.filter.sentTo).map {
            GapsReport.UnmetNeed(barrier: $0.barrier, barrierLabel: labels[$0.barrier] ?? $0.barrier, filter: $0.filter,
                                 matches: $0.occurrences, reason: $0.latestReason, lastSeen: $0.lastSeen)
        }
        return GapsReport(request: request, requested: asked, timeZone: policy.timeZone.identifier, generatedAt: now, noCapacity: noCapacity,
                          longWaitlists: longWaitlists, unmetNeeds: unmet)
    }
}

/// Which barriers a service is meant for, by the matcher's rule: its taxonomy codes decide when any
/// of them falls under a barrier's prefixes; only a service whose codes name no barrier falls back to
/// working in one of the barrier's domains at one of its intensities (an intensity not stated does
/// not rule it out). (Reports does not depend on Matching, so the two-line rule is restated here.)
enum ServiceBarriers {
    static func barriers(servedBy service: Service, among barriers: [Barrier]) -> Set<String> {
        let byTaxonomy = barriers.filter { $0.isServed(by: service) }
        let chosen = byTaxonomy.isEmpty
            ? barriers.filter { barrier in
                (service.intensity.map(barrier.intensities.contains) ?? true) && service.domains.contains(where: barrier.domains.contains)
            }
            : byTaxonomy
        return Set(chosen.map(\.id))
    }
}
