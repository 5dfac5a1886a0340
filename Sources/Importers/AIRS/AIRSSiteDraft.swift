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
        guard let first = field.path.first else { return }
        if AIRSVocabulary.physicalAddress.contains(first) {
            address.take(field)
        } else if field.isDirectChild || AIRSVocabulary.spatialLocation.contains(first) {
            // `<SpatialLocation><Latitude>` (AIRS 3.0) or `<Latitude>` directly under the site.
            if AIRSVocabulary.latitude.contains(field.name) { latitude = field.text }
            if AIRSVocabulary.longitude.contains(field.name) { longitude = field.text }
            if field.isDirectChild && AIRSVocabulary.transitAccess.contains(first) && !field.text.isEmpty {
                transitTexts.append(field.text)
            }
        }
    }
}
