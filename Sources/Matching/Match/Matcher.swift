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
                gaps.append(Gap(barrier: code, reason: "\"\(code)\" is not a known barrier", filter: nil, explanation: .unknownBarrier))
                continue
            }
            let list = index.candidates[position]
            var top: [TopK.Entry]
            if profile.home == nil {
                // Without a home nothing is out of reach.
                top = rank(list, of: index, for: prepared, limit: limitPerBarrier, reach: .all)
            } else {
                // Reachable first (`ReachOrder`): the top k the family can reach, then, when there are
                // fewer, the best of those it cannot. Each pass is an exact top k.
                top = rank(list, of: index, for: prepared, limit: limitPerBarrier, reach: .reachable)
                if top.count < limitPerBarrier {
                    top += rank(list, of: index, for: prepared, limit: limitPerBarrier - top.count, reach: .outOfReach)
                }
            }
            results.append(BarrierMatches(barrier: code, services: top.map { explain($0, in: index, for: prepared) }))
            if top.isEmpty, limitPerBarrier > 0 {
                let tally = tallyFilters(index.candidates[position], of: index, for: prepared)
                let filter = tally.lastRemoving
                let wording = GapWording(prepared, barrier: index.barriers[position], tally: tally)
                gaps.append(Gap(barrier: code, reason: wording.sentence, filter: filter, explanation: wording.explanation))
            }
        }
        return MatchResult(results: results, gaps: gaps)
    }

    /// Ranks a barrier's candidates group by group, the group with the best possible score first,
    /// and stops at the first group whose best possible score is below the current top k: with
    /// the tier's own intensity, open enrollment and the cells around the home scanned first, the
    /// others rarely need a look.
    private func rank(
        _ list: CandidateList, of index: MatchIndex, for prepared: PreparedProfile, limit: Int, reach: ReachOrder.Pass
    ) -> [TopK.Entry] {
        var top = TopK(capacity: limit, labels: index.labels)
        var order = GroupOrder()
        var cheapBounds = [Double](repeating: 0, count: list.bands.count)
        let bands = list.bands
        // Each band's best possible score (its groups' access at the most it can be, 1), best first.
        // A band's groups are bounded and queued only once that could beat every queued group, so
        // bands the top k has already outgrown cost nothing.
        var pending: [(bound: Double, terms: Double, band: Int)] = []
        for bandPosition in bands.indices where bands[bandPosition].enrollment != .closed && bands[bandPosition].count > 0 {
            let summary = bands[bandPosition].summary
            cheapBounds[bandPosition] = prepared.cheapBound(
                summary, intensity: bands[bandPosition].intensity, enrollment: bands[bandPosition].enrollment)
            let terms = prepared.boundTerms(summary, cheap: cheapBounds[bandPosition])
            pending.append((prepared.normalized(terms + weights.access), terms, bandPosition))
        }
        pending.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.band < $1.band }
        var next = 0
        while true {
            while next < pending.count, pending[next].bound >= top.threshold, order.best.map({ pending[next].bound > $0 }) ?? true {
                let (_, terms, bandPosition) = pending[next]
                next += 1
                let reaches = bands[bandPosition].reaches
                for groupPosition in reaches.indices where reaches[groupPosition].count > 0 {
                    let reach = reaches[groupPosition]
                    let access = reach.placeless ? prepared.placelessAccessBound(reach) : prepared.siteAccessBound(reach)
                    order.push(
                        bound: prepared.normalized(terms + weights.access * access), access: access,
                        band: bandPosition, group: groupPosition)
                }
            }
            // Every band not queued yet is bounded by the group popped here, or by the threshold:
            // once this group cannot reach the threshold, nothing left can.
            guard let (bound, access, band, group) = order.popBest(), bound >= top.threshold else { break }
            let ceiling = ScanCeiling(cheap: cheapBounds[band], weightedAccess: weights.access * access)
            scan(bands[band].groups[group], ceiling: ceiling, of: index, for: prepared, reach: reach, into: &top)
        }
        return top.sorted()
    }

    /// What the best member of a group could add to its freshness term: the band's `cheapBound`
    /// and the weighted access bound of the group.
    private struct ScanCeiling {
        let cheap: Double
        let weightedAccess: Double
    }

    /// The hot loop: scans a group's filter gates in memory order, reads the ranking facets of
    /// those that pass, skips the site work for candidates that cannot beat the current top k.
    private func scan(
        _ group: CandidateGroup, ceiling: ScanCeiling, of index: MatchIndex, for prepared: PreparedProfile,
        reach: ReachOrder.Pass, into top: inout TopK
    ) {
        let accessWeight = weights.access
        let sites = index.sites
        let facets = index.facets
        // In a cell's group every posting stands for one site of a service families travel to.
        let home = group.cell == nil ? nil : prepared.home
        let primaryOnly = prepared.homeUnknown
        let gates = group.gates, postings = group.postings
        for position in gates.indices {
            guard prepared.passesFilters(gates[position], languages: {
                facets[Int(postings[position].slot)].languages
            }) else { continue }
            let posting = postings[position]
            // Without a home the sites do not matter: each service once.
            if primaryOnly && !posting.isPrimary { continue }
            // Bounds before the site work, each from the same operations as the final score
            // with factors at their maximum, so skipping below the threshold is exact. The
            // first has only this posting's freshness, which falls along the group: once it
            // is below the threshold, so is every posting after this one.
            let freshness = prepared.freshnessTerm(posting)
            if prepared.normalized(ceiling.cheap + freshness + ceiling.weightedAccess) < top.threshold { break }
            let cheap = prepared.cheapTerms(posting)
            let accessCeiling = accessWeight * prepared.accessCeiling(posting)
            let rest = cheap + freshness
            if prepared.normalized(rest + accessCeiling) < top.threshold { continue }
            if let home {
                // This posting's site. If it is the service's nearest, the service is out of
                // area beyond the radius and scores at most the distance fit here; if it is
                // not, the nearest site's posting decides. Either way this one can go.
                let chord = posting.squaredChord(from: home)
                let radius = posting.radiusSquaredChord.isNaN ? prepared.defaultRadiusSquaredChord : posting.radiusSquaredChord
                if chord > radius { continue }
                if prepared.normalized(rest + accessWeight * prepared.distanceFitBound(chord)) < top.threshold { continue }
            }
            guard let placement = prepared.place(posting, sites: sites) else { continue }
            // A service with sites in several places is offered once, by its nearest site's posting.
            if home != nil, posting.siteCount > 1, placement.nearestSiteIndex != Int(posting.siteIndex) { continue }
            // Leaving a candidate out only lowers what the bounds above bound: they stay exact.
            guard reach.admits(placement.route) else { continue }
            top.offer(score: prepared.normalized(rest + accessWeight * placement.access(weights)), slot: posting.slot)
        }
    }

    /// Which filter removed each candidate; only run for a barrier left without suggestions,
    /// so the hot loop does not pay for explaining gaps. Each service counts once.
    private func tallyFilters(_ list: CandidateList, of index: MatchIndex, for prepared: PreparedProfile) -> FilterTally {
        var tally = FilterTally()
        for band in list.bands {
            for group in band.groups {
                for (gate, posting) in zip(group.gates, group.postings) where posting.isPrimary {
                    let slot = Int(posting.slot)
                    if let failed = prepared.failingFilter(gate, languages: { index.facets[slot].languages }) {
                        tally.record(failed)
                    } else if prepared.place(posting, sites: index.sites) == nil {
                        let radius = index.facets[slot].radiusKm
                        tally.recordOutOfArea(radiusKm: radius.isNaN ? weights.defaultServiceRadiusKm : radius)
                    }
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
        let siteCount = index.sites.count(of: slot)
        let first = siteCount > 0 ? index.sites.site(0, of: slot) : nil
        let placement = prepared.place(Posting(slot: slot, service, site: first, siteIndex: 0, siteCount: siteCount), sites: index.sites)!
        var match = ServiceMatch(
            serviceID: label.id, name: label.name, organizationID: label.organizationID,
            organizationName: label.organizationName, score: entry.score,
            reasons: Reasons(prepared, service: service, placement: placement).all,
            passedFilters: prepared.passedFilters(placement: placement),
            distanceKm: placement.distanceKm,
            waitWeeks: service.enrollment == .open ? 0 : service.waitlistWeeksOrNil)
        match.outOfReach = ReachOrder.isOutOfReach(placement.route)
        return match
    }
}

/// The queued groups of a barrier by bound, best first, as a binary heap: a match usually scans a
/// few of hundreds of groups, so sorting them all would cost more than the scan. Ties go in list
/// order, so the scan (and the work it does) is the same on every run.
private struct GroupOrder {
    private var heap: [(bound: Double, access: Double, band: Int32, group: Int32)] = []

    var best: Double? { heap.first?.bound }

    mutating func push(bound: Double, access: Double, band: Int, group: Int) {
        heap.append((bound, access, Int32(band), Int32(group)))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(child, parent) else { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    mutating func popBest() -> (bound: Double, access: Double, band: Int, group: Int)? {
        guard let best = heap.first else { return nil }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        siftDown(0)
        return (best.bound, best.access, Int(best.band), Int(best.group))
    }

    private func before(_ a: Int, _ b: Int) -> Bool {
        let x = heap[a], y = heap[b]
        if x.bound != y.bound { return x.bound > y.bound }
        return x.band != y.band ? x.band < y.band : x.group < y.group
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count, before(left, best) { best = left }
            if right < heap.count, before(right, best) { best = right }
            if best == parent { return }
            heap.swapAt(parent, best)
            parent = best
        }
    }
}
