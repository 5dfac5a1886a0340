import Directory

/// A `<Site>` being read: the shared fields plus address, coordinates and transit access, and the
/// site services that closed inside it.
struct AIRSSiteDraft {
    var record: AIRSRecordDraft
    var services: [AIRSServiceDraft] = []
    var address = AIRSAddressDraft()
    var latitude: String?
    var longitude: String?
    var transitTexts: [String] = []

    init(line: Int, attributes: [String: String]) {
        record = AIRSRecordDraft(kind: .site, line: line, attributes: attributes)
    }

    mutating func take(_ field: AIRSField) {
        if record.take(field) { return }
        guard !field.path.isEmpty else { return }
        if field.firstRoles.contains(.physicalAddress) {
            address.take(field)
        } else if field.isDirectChild || field.firstRoles.contains(.spatialLocation) {
            // `<SpatialLocation><Latitude>` (AIRS 3.0) or `<Latitude>` directly under the site.
            if field.nameRoles.contains(.latitude) { latitude = field.text }
            if field.nameRoles.contains(.longitude) { longitude = field.text }
            if field.isDirectChild && field.firstRoles.contains(.transitAccess) && !field.text.isEmpty {
                transitTexts.append(field.text)
            }
        }
    }
}
