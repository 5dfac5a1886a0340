import Directory
import Foundation

/// What a SiteService said about ages: `<AgeRequirements>` with `<MinimumAge>`/`<MaximumAge>` or a
/// sentence ("Ages 5-18", "Youth 12 to 24", "18+"), or min/max elements directly under the service.
struct AIRSAgeDraft: Hashable {
    private var minimum: String?
    private var maximum: String?
    private var texts: [String] = []

    /// Reads a field whose first path element is an age container or a min/max element.
    mutating func take(_ field: AIRSField) {
        guard !field.text.isEmpty else { return }
        if field.isDirectChild {
            if field.nameRoles.contains(.minimumAge) { minimum = field.text }
            else if field.nameRoles.contains(.maximumAge) { maximum = field.text }
            else { texts.append(field.text) }
        } else if field.path.count == 2 && field.nameRoles.contains(.minimumAgeInContainer) {
            minimum = field.text
        } else if field.path.count == 2 && field.nameRoles.contains(.maximumAgeInContainer) {
            maximum = field.text
        } else if field.path.count == 2 && Self.sentenceElements.contains(field.name) {
            texts.append(field.text)
        }
        // Other children (`<Gender>`…) say nothing about age.
    }

    /// Children of an age container that hold a sentence about ages.
    private static let sentenceElements: Set<String> = ["description", "notes", "note", "text", "ages", "agegroup", "agerange"]

    enum Reading {
        case stated(AgeRange)
        case unstated
        /// The feed said something about ages that is not a usable range.
        case unreadable(String)
    }

    /// Numbers win over sentences; an end without its element is not stated ("minimum 12" → 12 and over).
    func reading() -> Reading {
        if minimum != nil || maximum != nil {
            let low = minimum.map(Self.years), high = maximum.map(Self.years)
            let unreadable = Reading.unreadable("minimum '\(minimum ?? "")', maximum '\(maximum ?? "")'")
            // An element that is there but holds no number spoils the pair.
            guard low != .some(nil), high != .some(nil) else { return unreadable }
            let range = AgeRange(min: low ?? nil, max: high ?? nil)
            if let min = range.min, let max = range.max, min > max { return unreadable }
            if let max = range.max, max > 130 { return unreadable }
            return .stated(AgeRange(min: range.min, max: range.max.map { Swift.min($0, AgeText.oldest) }))
        }
        let sentence = texts.joined(separator: "; ")
        guard !sentence.isEmpty else { return .unstated }
        if let range = texts.lazy.compactMap(Self.range(inSentence:)).first { return .stated(range) }
        return .unreadable(sentence)
    }

    /// Ages in a sentence, read from the word "age" on when there is one, so other numbers before it
    /// do not count: "Grades K-8 (ages 5 to 14)" → 5–14, "Teens 13-18" → 13–18.
    static func range(inSentence text: String) -> AgeRange? {
        if let age = text.range(of: "age", options: .caseInsensitive),
           let range = AgeText.numericRange(from: String(text[age.upperBound...])) {
            return range
        }
        return AgeText.range(from: text)
    }

    /// "5", "5 years", "18 yrs": the first whole number. "6 months" is under a year, so 0.
    private static func years(_ text: String) -> Int? {
        guard let number = AgeText.wholeNumbers(in: text).first else { return nil }
        return text.lowercased().contains("month") ? number / 12 : number
    }
}
