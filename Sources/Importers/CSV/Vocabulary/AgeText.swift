import Directory

/// Reads ages served from what feeds and spreadsheets write: "5-18", "5 to 18", "18+", "under 21",
/// "ages 3–5", or HSDS 1.x eligibility words ("adult", "teen").
///
/// No CSV reader uses this any more (they read through `StatedAges`, `FeedDateText` and `StatedLanguages`);
/// only the AIRS reader does. Delete it once that reader has moved to the shared vocabulary.
enum AgeText {
    /// Oldest age the directory distinguishes; "18+" means 18 up to this.
    static let oldest = 99

    /// A numeric range or an age word; nil when the text says nothing about age.
    static func range(from text: String) -> AgeRange? {
        numericRange(from: text) ?? wordRange(from: text)
    }

    /// Numbers only: "5-18", "5 – 18", "5 to 18", "ages 5 through 18", "18+", "18 and older",
    /// "under 21", "up to 5", "<21", or one age ("12").
    static func numericRange(from text: String) -> AgeRange? {
        let numbers = wholeNumbers(in: text)
        guard let first = numbers.first, first <= 130 else { return nil }
        if numbers.count >= 2 {
            let second = numbers[1]
            guard second >= first, second <= 130 else { return nil }
            return AgeRange(min: first, max: min(second, oldest))
        }
        let lowered = LowercasedText(text)
        if lowered.containsAny(["+", "older", "over", "and up", "mayores", "o más", ">"]) {
            return AgeRange(min: first, max: oldest)
        }
        if lowered.containsAny(["under", "younger", "menores", "<"]) {
            return AgeRange(min: 0, max: max(first - 1, 0))
        }
        if lowered.containsAny(["up to", "hasta"]) {
            return AgeRange(min: 0, max: first)
        }
        // A lone number with other words ("grade 5") is not an age range.
        let rest = String(decoding: lowered.bytes.filter { !($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) && $0 != UInt8(ascii: " ") },
                          as: UTF8.self)
        guard ["", "years", "yearsold", "ages", "age", "años"].contains(rest) else { return nil }
        return AgeRange(min: first, max: first)
    }

    /// HSDS 1.x eligibility vocabulary and common synonyms; the brackets follow school-age conventions.
    static func wordRange(from text: String) -> AgeRange? {
        let words = Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        var found: [AgeRange] = []
        for (word, range) in ageWords where words.contains(word) { found.append(range) }
        guard !found.isEmpty else { return nil }
        return found.dropFirst().reduce(found[0]) { $0.widened(to: $1) }
    }

    private static let ageWords: [(String, AgeRange)] = [
        ("infant", AgeRange(min: 0, max: 1)), ("infants", AgeRange(min: 0, max: 1)),
        ("toddler", AgeRange(min: 1, max: 3)), ("toddlers", AgeRange(min: 1, max: 3)),
        ("preschool", AgeRange(min: 3, max: 5)), ("child", AgeRange(min: 0, max: 12)),
        ("children", AgeRange(min: 0, max: 12)), ("kids", AgeRange(min: 0, max: 12)),
        ("teen", AgeRange(min: 13, max: 19)), ("teens", AgeRange(min: 13, max: 19)),
        ("adolescent", AgeRange(min: 13, max: 19)), ("adolescents", AgeRange(min: 13, max: 19)),
        ("youth", AgeRange(min: 12, max: 24)), ("adult", AgeRange(min: 18, max: oldest)),
        ("adults", AgeRange(min: 18, max: oldest)), ("senior", AgeRange(min: 60, max: oldest)),
        ("seniors", AgeRange(min: 60, max: oldest)), ("family", AgeRange(min: 0, max: oldest)),
        ("families", AgeRange(min: 0, max: oldest)), ("everyone", AgeRange(min: 0, max: oldest)),
    ]

    /// Digit runs as integers, in order ("5-18" → [5, 18]; a minus sign is never part of an age).
    static func wholeNumbers(in text: String) -> [Int] {
        var numbers: [Int] = [], current: Int?
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                current = min((current ?? 0) * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
            } else if let value = current {
                numbers.append(value)
                current = nil
            }
        }
        if let current { numbers.append(current) }
        return numbers
    }
}
