/// The short plain-text version of a service for a text message or an email to the family: the
/// name, where, phone, hours, how to apply, cost and availability, in that order of need, and never
/// longer than `limit` characters — the least needed lines are left out first, then the name is cut.
enum ServiceText {
    static let limit = 600

    static func text(_ sheet: ServiceSheet) -> String {
        let words = sheet.words
        let heading = sheet.organization.isEmpty ? sheet.name : "\(sheet.name) — \(sheet.organization)"
        var lines: [String] = []
        if let site = sheet.sites.first { lines.append("\(words.address): \(site.address)") }
        lines += [
            "\(words.phones): \(sheet.phoneText)",
            "\(words.hours): \(sheet.hoursText)",
            "\(words.howToApply): \(sheet.applyText)",
            "\(words.cost): \(sheet.costText)",
            "\(words.availability): \(sheet.availabilityText)",
        ]
        var kept: [String] = [cut(heading, to: limit)]
        for line in lines {
            let candidate = (kept + [line]).joined(separator: "\n")
            if candidate.count <= limit { kept.append(line) }
        }
        return kept.joined(separator: "\n")
    }

    /// At most `length` characters, with "…" when cut.
    static func cut(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
