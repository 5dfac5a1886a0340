/// An `<Agency>` being read, with the sites that closed inside it. Its records are emitted together
/// when the agency closes, then dropped.
struct AIRSAgencyDraft {
    var record: AIRSRecordDraft
    var sites: [AIRSSiteDraft] = []
    /// Sites and services skipped inside it, so a skipped agency can say how much went with it.
    var skippedInside = 0

    init(line: Int, attributes: [String: String]) {
        record = AIRSRecordDraft(kind: .agency, line: line, attributes: attributes)
    }

    mutating func take(_ field: AIRSField) {
        _ = record.take(field)
    }

    /// Sites and services it holds, for messages.
    var recordsInside: Int { sites.count + sites.reduce(0) { $0 + $1.services.count } + skippedInside }
}
