import Directory
import Foundation
import Matching

/// The matching rules restated plainly over the original records — no bits, no chords — to
/// check the index and the matcher against.
struct Oracle {
    let snapshot: DirectorySnapshot
    let barriers: [Barrier]
    let weights = MatchingWeights.standard
    let sitesByService: [String: [Location]]
    let servicesByID: [String: Service]

    init(_ snapshot: DirectorySnapshot, barriers: [Barrier]) {
        self.snapshot = snapshot
        self.barriers = barriers
        sitesByService = snapshot.locatedSitesByService()
        servicesByID = Dictionary(uniqueKeysWithValues: snapshot.services.map { ($0.id, $0) })
    }

    func isCandidate(_ service: Service, for barrier: Barrier) -> Bool {
        guard service.active else { return false }
        if barriers.contains(where: { $0.isServed(by: service) }) { return barrier.isServed(by: service) }
        // An intensity not stated does not rule the service out.
        return (service.intensity.map(barrier.intensities.contains) ?? true) && !Set(barrier.domains).isDisjoint(with: service.domains)
    }

    /// The first hard filter the service fails for the profile, or nil when it passes them all.
    /// Only a stated fact fails a filter: ages not listed (or an end not listed), no language
    /// listed, a cost that does not say, an enrollment not stated all pass.
    func failedFilter(_ service: Service, _ profile: NeedsProfile) -> HardFilter? {
        if let age = profile.age, !service.ages.contains(age) { return .age }
        if !profile.languages.isEmpty, service.interpreterAvailable != true, !service.languages.isEmpty,
           Set(profile.languages).isDisjoint(with: service.languages) { return .language }
        if let coverage = profile.insurance, service.cost.accepts(coverage) == false { return .cost }
        if service.enrollment.status == .closed { return .enrollment }
        if let home = profile.home, !service.settings.contains(.virtual) {
            let located = (sitesByService[service.id] ?? []).filter { $0.active && $0.coordinates?.isValid == true }
            if let nearest = located.compactMap({ $0.coordinates?.distanceKm(to: home) }).min() {
                let radius = service.serviceArea.radiusKm ?? weights.defaultServiceRadiusKm
                // A hair of tolerance: the index measures with chords, the oracle with haversine.
                if nearest > radius + 1e-6 { return .serviceArea }
            }
        }
        return nil
    }

    /// Every service that should be suggested for a barrier, in no particular order.
    func eligible(_ barrier: String, _ profile: NeedsProfile) -> Set<String> {
        guard let barrier = barriers.first(where: { $0.id == barrier }) else { return [] }
        return Set(snapshot.services.filter { isCandidate($0, for: barrier) && failedFilter($0, profile) == nil }.map(\.id))
    }
}
