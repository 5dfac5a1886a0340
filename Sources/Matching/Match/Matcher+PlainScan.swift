import Directory

// MEASUREMENT ONLY (issue 20 item 5): the matcher's scan with plain array subscripts instead of
// buffer pointers, switched by `Matcher.readsInPlace`, so `closeloop-bench fastpaths` can time both
// in one build. One of the two is deleted with the measurement recorded in docs/PERFORMANCE.md.
extension Matcher {
    nonisolated(unsafe) package static var readsInPlace = true

    func rankPlain(_ list: CandidateList, of index: MatchIndex, for prepared: PreparedProfile, limit: Int) -> [TopK.Entry] {
        var top = TopK(capacity: limit, labels: index.labels)
        var order = GroupOrder()
        var cheapBounds = [Double](repeating: 0, count: list.bands.count)
        let bands = list.bands
        do {
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
                    do {
                        let reaches = bands[bandPosition].reaches
                        for groupPosition in reaches.indices where reaches[groupPosition].count > 0 {
                            let reach = reaches[groupPosition]
                            let access = reach.placeless ? prepared.placelessAccessBound(reach) : prepared.siteAccessBound(reach)
                            order.push(
                                bound: prepared.normalized(terms + weights.access * access), access: access,
                                band: bandPosition, group: groupPosition)
                        }
                    }
                }
                // Every band not queued yet is bounded by the group popped here, or by the threshold:
                // once this group cannot reach the threshold, nothing left can.
                guard let (bound, access, band, group) = order.popBest(), bound >= top.threshold else { break }
                let ceiling = ScanCeiling(cheap: cheapBounds[band], weightedAccess: weights.access * access)
                scanPlain(bands[band].groups[group], ceiling: ceiling, of: index, for: prepared, into: &top)
            }
        }
        return top.sorted()
    }

    func scanPlain(
        _ group: CandidateGroup, ceiling: ScanCeiling, of index: MatchIndex, for prepared: PreparedProfile,
        into top: inout TopK
    ) {
        let accessWeight = weights.access
        let sites = index.sites
        let facets = index.facets
        // In a cell's group every posting stands for one site of a service families travel to.
        let home = group.cell == nil ? nil : prepared.home
        let primaryOnly = prepared.homeUnknown
        let gates = group.gates, postings = group.postings
        do {
            do {
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
                    top.offer(score: prepared.normalized(rest + accessWeight * placement.access(weights)), slot: posting.slot)
                }
            }
        }
    }

}
