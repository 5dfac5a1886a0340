import Directory
import Foundation

extension MatchIndex {
    /// Adds or replaces a service with its sites (inactive or unlocated sites are ignored) and its
    /// organization's name, which suggestions carry. An inactive service is removed: the index
    /// holds only what may be suggested.
    public mutating func upsert(service: Service, sites locations: [Location], organizationName: String) {
        guard service.active else {
            remove(serviceID: service.id)
            return
        }
        let slot: Int
        if let existing = slotByID[service.id] {
            slot = Int(existing)
            unlist(slot: slot)
        } else {
            slot = claimSlot()
            slotByID[service.id] = Int32(slot)
        }
        let languages = languageTable.set(of: service.languages)
        let indexed = IndexedService(service, languages: languages)
        facets[slot] = indexed
        labels[slot] = ServiceLabel(
            id: service.id, name: service.name, organizationID: service.organizationID, organizationName: organizationName)
        let serviceIsOnTransit = service.transportation == .transitAccessible
        let points = locations.compactMap { location -> SitePoint? in
            guard location.active, let coordinates = location.coordinates, coordinates.isValid else { return nil }
            return SitePoint(
                coordinates, transitAccessible: serviceIsOnTransit ? true : location.transitAccessible,
                isPostalCodeCentre: location.coordinatesPrecision == .postalCode)
        }
        sites.set(points, for: slot)
        for position in barriers.positions(serving: service) {
            candidates[position].insert(slot: slot, indexed, sites: points)
        }
    }

    /// Drops a service; returns whether it was indexed.
    @discardableResult
    public mutating func remove(serviceID: String) -> Bool {
        guard let slot = slotByID.removeValue(forKey: serviceID) else { return false }
        unlist(slot: Int(slot))
        labels[Int(slot)] = .vacant
        sites.set([], for: Int(slot))
        freeSlots.append(slot)
        return true
    }

    /// A partner's report of room, waitlist or hours (`hours` nil keeps the current hours);
    /// the next match sees it. Returns whether the service is indexed.
    @discardableResult
    public mutating func updateAvailability(
        serviceID: String, enrollment: Enrollment, hours: [OpeningHours]? = nil, lastVerifiedAt: Date
    ) -> Bool {
        guard let slot = slotByID[serviceID].map(Int.init) else { return false }
        let before = facets[slot]
        facets[slot].apply(enrollment: enrollment, hours: hours, lastVerifiedAt: lastVerifiedAt)
        let points = sites.points(of: slot)
        for position in candidates.indices where candidates[position].remove(slot: slot, before, sites: points) {
            candidates[position].insert(slot: slot, facets[slot], sites: points)
        }
        return true
    }

    private mutating func claimSlot() -> Int {
        if let reused = freeSlots.popLast() { return Int(reused) }
        facets.append(Self.vacant)
        labels.append(.vacant)
        sites.reserve(slot: facets.count - 1)
        return facets.count - 1
    }

    /// Takes a slot out of every barrier's candidates (before its facets and sites are replaced:
    /// they say where it is listed).
    private mutating func unlist(slot: Int) {
        let service = facets[slot], points = sites.points(of: slot)
        for position in candidates.indices { candidates[position].remove(slot: slot, service, sites: points) }
    }

    /// What an unused slot holds until a service claims it.
    private static let vacant = IndexedService(
        Service(
            id: "", organizationID: "", name: "", domains: [], intensity: nil,
            provenance: Provenance(source: "", externalID: ""), active: false),
        languages: LanguageSet())
}
