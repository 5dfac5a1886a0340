import Directory
import Foundation
import Matching

/// Evidence that the SQL baseline filters what the matcher filters: for the first profiles, the
/// services SQL returns per barrier against every service `Matcher.match` lets through. The SQL
/// measures distance on a flat approximation, so a service right at a service area's edge may fall
/// on different sides; anything farther from an edge is a real disagreement.
struct Agreement {
    var sets = 0
    var identicalSets = 0
    /// Services only one side returned.
    var differing = 0
    /// Of those, how far the farthest lies from its service area's edge, in metres.
    var largestEdgeOffsetMetres = 0.0
    /// Differing services more than `edgeToleranceMetres` from any edge.
    var unexplained = 0

    static let edgeToleranceMetres = 500.0

    var summary: String {
        var text = "index and SQL agree on \(identicalSets) of \(sets) (profile, barrier) candidate sets"
        if differing > 0 {
            text += String(format: "; %d service(s) differ, the farthest %.0f m from its service area's edge", differing, largestEdgeOffsetMetres)
        }
        if unexplained > 0 { text += "; \(unexplained) differ away from any edge: the SQL is not the same filter" }
        return text
    }

    var isClean: Bool { unexplained == 0 }

    static func check(
        _ sqlIDs: [[Set<String>]], profiles: [NeedsProfile], index: MatchIndex, now: Date, directory: DirectorySnapshot
    ) -> Agreement {
        var agreement = Agreement()
        guard !sqlIDs.isEmpty else { return agreement }
        let sites = directory.locatedSitesByService()
        let services = Dictionary(directory.services.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let defaultRadius = MatchingWeights.standard.defaultServiceRadiusKm
        for (profile, perBarrier) in zip(profiles, sqlIDs) {
            let result = Matcher.match(profile, in: index, now: now, limitPerBarrier: .max)
            for (matches, sql) in zip(result.results, perBarrier) {
                agreement.sets += 1
                let matched = Set(matches.services.map(\.serviceID))
                let differing = matched.symmetricDifference(sql)
                if differing.isEmpty {
                    agreement.identicalSets += 1
                    continue
                }
                for id in differing {
                    agreement.differing += 1
                    let radius = services[id]?.serviceArea.radiusKm ?? defaultRadius
                    let nearest = profile.home.flatMap { home in
                        sites[id]?.compactMap { $0.active ? $0.coordinates?.distanceKm(to: home) : nil }.min()
                    }
                    let offset = nearest.map { abs($0 - radius) * 1000 } ?? .infinity
                    agreement.largestEdgeOffsetMetres = max(agreement.largestEdgeOffsetMetres, offset)
                    if offset > edgeToleranceMetres { agreement.unexplained += 1 }
                }
            }
        }
        return agreement
    }
}
