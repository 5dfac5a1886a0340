import Directory

/// One `<Phone>` being read: `<PhoneNumber>`, `<Extension>`, and what kind of line it is
/// (`<Type>`, `<Function>`, `<Description>` or a `Type` attribute).
struct AIRSPhoneDraft {
    private var number = ""
    private var phoneExtension = ""
    private var kindHints: [String] = []

    /// Reads a field inside `<Phone>` (path relative to the phone element; empty path = the phone itself).
    mutating func take(_ field: AIRSField) {
        switch field.path.first {
        case nil where !field.text.isEmpty:
            // `<Phone>555-0100</Phone>` without children.
            number = field.text
        case "phonenumber", "number":
            number = field.text
        case "extension", "ext":
            phoneExtension = field.text
        case "type", "function", "description", "phonetype":
            kindHints.append(field.text)
        default:
            break
        }
    }

    /// The phone, or nil when it has no number or the feed marks it confidential (a shelter's line
    /// must not reach a directory that partners and coordinators browse).
    func phone(attributes field: AIRSField) -> Phone? {
        guard !number.isEmpty, !field.flag("Confidential") else { return nil }
        let full = phoneExtension.isEmpty ? number : "\(number) ext. \(phoneExtension)"
        return Phone(number: full, kind: Self.kind(from: kindHints + [field.attribute("Type") ?? ""]))
    }

    /// AIRS phone types are free vocabulary ("Voice", "Fax", "TTY", "Hotline", "SMS", "Main").
    /// A TTY is a text telephone, so it counts as `.text`.
    static func kind(from hints: [String]) -> Phone.Kind {
        let lowered = hints.joined(separator: " ").lowercased()
        if lowered.contains("fax") { return .fax }
        if lowered.contains("hotline") || lowered.contains("crisis") { return .hotline }
        if lowered.contains("sms") || lowered.contains("text") || lowered.contains("tty") || lowered.contains("tdd") { return .text }
        return .voice
    }
}
