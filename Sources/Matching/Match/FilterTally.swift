/// How many of a barrier's candidates each hard filter removed, counting each candidate at the
/// first filter it fails. The last filter with a count is the one that left nothing.
struct FilterTally {
    private var removed = [Int](repeating: 0, count: HardFilter.allCases.count)
    /// Radii (km) the service-area filter measured against, to word the gap.
    private(set) var radiiKm: Set<Double> = []

    mutating func record(_ filter: HardFilter) { removed[filter.order] += 1 }

    mutating func recordOutOfArea(radiusKm: Double) {
        record(.serviceArea)
        radiiKm.insert(radiusKm)
    }

    func removedAny(_ filter: HardFilter) -> Bool { removed[filter.order] > 0 }

    var lastRemoving: HardFilter? { HardFilter.allCases.last(where: removedAny) }
}
