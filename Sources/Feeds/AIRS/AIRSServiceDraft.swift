import Directory

/// A `<SiteService>` being read: the shared fields plus taxonomy codes, ages, eligibility, fees,
/// intake and service area, all as text until the service closes.
struct AIRSServiceDraft {
    var record: AIRSRecordDraft
    var taxonomyTexts: [String] = []
    var ages = AIRSAgeDraft()
    var eligibilityTexts: [String] = []
    var feeTexts: [String] = []
    var intakeTexts: [String] = []
    var serviceAreaTexts: [String] = []

    init(line: Int, attributes: [String: String]) {
        record = AIRSRecordDraft(kind: .siteService, line: line, attributes: attributes)
    }

    mutating func take(_ field: AIRSField) {
        if record.take(field) { return }
        guard !field.path.isEmpty else { return }
        let roles = field.firstRoles
        if roles.contains(.taxonomy) {
            takeTaxonomy(field)
        } else if roles.contains(.ageContainer)
                    || field.isDirectChild && (roles.contains(.minimumAge) || roles.contains(.maximumAge)) {
            ages.take(field)
        } else if field.text.isEmpty {
            return
        } else if roles.contains(.eligibility) {
            eligibilityTexts.append(field.text)
        } else if roles.contains(.fees) {
            feeTexts.append(field.text)
        } else if roles.contains(.intake) {
            intakeTexts.append(field.text)
        } else if roles.contains(.serviceArea) {
            serviceAreaTexts.append(field.text)
        }
    }

    /// `<Taxonomy><Code>BD-1800.2000</Code></Taxonomy>` or `<Taxonomy>BD-1800.2000</Taxonomy>`.
    /// Codes under a target element (`<Target><Code>YB-8000</Code>`) name who is served, not the service.
    private mutating func takeTaxonomy(_ field: AIRSField) {
        guard !field.text.isEmpty, !field.path.contains(where: { $0.hasPrefix("target") }) else { return }
        if field.isDirectChild || field.name == "code" || field.name == "taxonomycode" {
            taxonomyTexts.append(field.text)
        }
    }
}
