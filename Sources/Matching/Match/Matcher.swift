import Directory
import Foundation

/// Suggests services for a needs profile: hard filters exclude, soft factors rank, and every
/// suggestion carries its reasons. Pure and deterministic: the same index, profile and `now`
/// always give the same result.
public struct Matcher: Sendable {
    public var weights: MatchingWeights

    public init(weights: MatchingWeights = .standard) {
        self.weights = weights
    }

    /// Matches with the standard weights.
    public static func match(
        _ profile: NeedsProfile, in index: MatchIndex, now: Date, limitPerBarrier: Int = 10
    ) -> MatchResult {
        Matcher().match(profile, in: index, now: now, limitPerBarrier: limitPerBarrier)
    }

    public func match(
        _ profile: NeedsProfile, in index: MatchIndex, now: Date, limitPerBarrier: Int = 10
    ) -> MatchResult {
        let prepared = PreparedProfile(profile, index: index, weights: weights, now: now)
        var results: [BarrierMatches] = []
        var gaps: [Gap] = []
        var seen = Set<String>()
        for code in profile.barriers where seen.insert(code).inserted {
            guard let position = index.barrierPositions[code] else {
                results.append(BarrierMatches(barrier: code, services: []))
                gaps.append(Gap(barrier: code, reason: "\"\(code)\" is not a known barrier", filter: nil))
                continue
            }
            let barrier = index.barriers[position]
            let top = rank(index.candidates[position], of: index, for: prepared, limit: limitPerBarrier)
            results.append(BarrierMatches(barrier: code, services: top.map { explain($0, in: index, for: prepared) }))
            if top.isEmpty, limitPerBarrier > 0 {
                let tally = tallyFilters(index.candidates[position], of: index, for: prepared)
                let filter = tally.lastRemoving
                gaps.append(Gap(barrier: code, reason: GapWording(prepared, barrier: barrier, tally: tally).sentence, filter: filter))
            }
        }
        return MatchResult(results: results, gaps: gaps)
    }

    /// Ranks a barrier's candidates group by group, the group with the best possible score first,
    /// and stops at the first group whose best possible score is below the current top k: with
    /// the tier's own intensity and open enrollment scanned first, the others rarely need a look.
    private func rank(_ list: CandidateList, of index: MatchIndex, for prepared: PreparedProfile, limit: Int) -> [TopK.Entry] {
        var top = TopK(capacity: limit, labels: index.labels)
        var order: [(group: Int, bound: Double)] = []
        order.reserveCapacity(list.groups.count)
        for (position, group) in list.groups.enumerated() where group.enrollment != .closed && group.count > 0 {
            order.append((position, prepared.bound(group)))
        }
        // Ties keep group order, so the scan (and the work it does) is the same on every run.
        order.sort { $0.bound > $1.bound || ($0.bound == $1.bound && $0.group < $1.group) }
        for (position, bound) in order {
            // Bounds only fall along `order` and the threshold only rises: no later group can do better.
            if bound < top.threshold { break }
            scan(list.groups[position], of: index, for: prepared, into: &top)
        }
        return top.sorted()
    }

    /// The hot loop: scans a group's filter gates in memory order, reads the ranking facets of
    /// those that pass, skips the site work for candidates that cannot beat the current top k.
    private func scan(_ group: CandidateGroup, of index: MatchIndex, for prepared: PreparedProfile, into top: inout TopK) {
        let accessWeight = weights.access
        let freshnessWeight = weights.freshness
        let sites = index.sites
        let facets = index.facets
        group.gates.withUnsafeBufferPointer { gates in
            group.postings.withUnsafeBufferPointer { postings in
                for position in gates.indices {
                    guard prepared.passesFilters(gates[position], languages: {
                        facets[Int(postings[position].slot)].languages
                    }) else { continue }
                    let posting = postings[position]
                    // Two bounds before the site work, each from the same operations as the final
                    // score with a factor at its maximum, so skipping below the threshold is exact.
                    let cheap = prepared.cheapTerms(posting)
                    let accessCeiling = accessWeight * prepared.accessCeiling(posting)
                    if prepared.normalized(cheap + freshnessWeight + accessCeiling) < top.threshold { continue }
                    let rest = cheap + prepared.freshnessTerm(posting)
                    if prepared.normalized(rest + accessCeiling) < top.threshold { continue }
                    guard let placement = prepared.place(posting, sites: sites) else { continue }
                    top.offer(score: prepared.normalized(rest + accessWeight * placement.access(weights)), slot: posting.slot)
                }
            }
        }
    }

    /// Which filter removed each candidate; only run for a barrier left without suggestions,
    /// so the hot loop does not pay for explaining gaps.
    private func tallyFilters(_ list: CandidateList, of index: MatchIndex, for prepared: PreparedProfile) -> FilterTally {
        var tally = FilterTally()
        for group in list.groups {
            for (gate, posting) in zip(group.gates, group.postings) {
                let slot = Int(posting.slot)
                if let failed = prepared.failingFilter(gate, languages: { index.facets[slot].languages }) {
                    tally.record(failed)
                } else if prepared.place(posting, sites: index.sites) == nil {
                    let radius = index.facets[slot].radiusKm
                    tally.recordOutOfArea(radiusKm: radius.isNaN ? weights.defaultServiceRadiusKm : radius)
                }
            }
        }
        return tally
    }

    private func explain(_ entry: TopK.Entry, in index: MatchIndex, for prepared: PreparedProfile) -> ServiceMatch {
        let slot = Int(entry.slot)
        let service = index.facets[slot]
        let label = index.labels[slot]
        // Recomputed for the few winners only; `place` is deterministic, so it is the same site.
        let placement = prepared.place(Posting(slot: slot, service), sites: index.sites)!
        return ServiceMatch(
            serviceID: label.id, name: label.name, organizationID: label.organizationID, score: entry.score,
            reasons: Reasons(prepared, service: service, placement: placement).all,
            passedFilters: prepared.passedFilters(placement: placement),
            distanceKm: placement.distanceKm,
            waitWeeks: service.enrollment == .open ? 0 : service.waitlistWeeksOrNil)
    }
}
