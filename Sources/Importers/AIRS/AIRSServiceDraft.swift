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
        guard let first = field.path.first else { return }
        if AIRSVocabulary.taxonomy.contains(first) {
            takeTaxonomy(field)
        } else if AIRSVocabulary.ageContainers.contains(first)
                    || field.isDirectChild && (AIRSVocabulary.minimumAge.contains(first) || AIRSVocabulary.maximumAge.contains(first)) {
            ages.take(field)
        } else if field.text.isEmpty {
            return
        } else if AIRSVocabulary.eligibility.contains(first) {
            eligibilityTexts.append(field.text)
        } else if AIRSVocabulary.fees.contains(first) {
            feeTexts.append(field.text)
        } else if AIRSVocabulary.intake.contains(first) {
            intakeTexts.append(field.text)
        } else if AIRSVocabulary.serviceArea.contains(first) {
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
