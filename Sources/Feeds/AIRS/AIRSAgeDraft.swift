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

    enum Reading: Hashable {
        case stated(AgeRange)
        case unstated
        /// The feed said something about ages that is not a usable range.
        case unreadable(UnreadableText)
    }

    /// Min/max elements win over a sentence; an end without its element is not stated ("minimum 12"
    /// → 12 and over). Both read through the shared `StatedAges`, so grades are ages by the US
    /// convention ("Grades 6-8" → 11–14) as in every other feed.
    func reading() -> Reading {
        if minimum != nil || maximum != nil {
            do throws(UnreadableText) {
                guard let stated = try StatedAges.fromBounds(minimum: minimum ?? "", maximum: maximum ?? "") else { return .unstated }
                return .stated(AgeRange(min: stated.min, max: stated.max))
            } catch {
                return .unreadable(error)
            }
        }
        guard !texts.isEmpty else { return .unstated }
        if let stated = texts.lazy.compactMap({ StatedAges.fromAgeField(FeedPlainText.singleLine($0)) }).first {
            return .stated(AgeRange(min: stated.min, max: stated.max))
        }
        return .unreadable(UnreadableText(text: texts.joined(separator: "; "), reason: "states no ages this reader can tell"))
    }
}
