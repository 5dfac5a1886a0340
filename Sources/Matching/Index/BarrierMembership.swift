import Directory

extension Barrier {
    /// The fallback for services no taxonomy code ties to any barrier (hand-entered partners,
    /// feeds without 211 codes): the service works in one of the barrier's domains at one of
    /// its intensities. An intensity not stated does not rule it out (it ranks below a stated fit).
    func fitsByFacets(_ service: Service) -> Bool {
        (service.intensity.map(intensities.contains) ?? true) && service.domains.contains { domains.contains($0) }
    }
}

extension Array where Element == Barrier {
    /// Positions of the barriers a service is a candidate for. Taxonomy codes decide when any
    /// of them names a barrier; only services whose codes name none fall back to facets, so a
    /// 211 food pantry tagged "social_emotional" by mistake does not show up under anxiety.
    /// Public so that stores and benchmarks that keep barrier membership themselves use this rule.
    public func positions(serving service: Service) -> [Int] {
        let byTaxonomy = indices.filter { self[$0].isServed(by: service) }
        if !byTaxonomy.isEmpty { return byTaxonomy }
        return indices.filter { self[$0].fitsByFacets(service) }
    }
}
