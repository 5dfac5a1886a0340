import Directory

/// Languages as bits over small ids handed out by a `LanguageTable`, so "shares a language with
/// the family" is four ANDs instead of comparing strings.
struct LanguageSet: Hashable, Sendable {
    static let capacity = 256

    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    mutating func insert(_ id: UInt8) {
        let bit = UInt64(1) << UInt64(id & 63)
        switch id >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    func contains(_ id: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(id & 63)
        switch id >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    func intersects(_ other: Self) -> Bool {
        (words.0 & other.words.0) | (words.1 & other.words.1) | (words.2 & other.words.2)
            | (words.3 & other.words.3) != 0
    }

    /// The first ids exactly, plus one bit for "some id beyond them" (see `LanguageSummary`).
    var summary: LanguageSummary {
        let beyond = (words.0 & ~LanguageSummary.exactBits) | words.1 | words.2 | words.3 != 0
        return LanguageSummary(bits: (words.0 & LanguageSummary.exactBits) | (beyond ? LanguageSummary.beyondBit : 0))
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

/// A `LanguageSet` folded into one word for the hot loop. Ids below 61 are exact (bits 61 and 62
/// are left for `FilterGate`'s flags); when both sides have a language beyond them, the full
/// sets decide.
struct LanguageSummary: Hashable, Sendable {
    static let exactBits: UInt64 = (1 << 61) - 1
    static let beyondBit: UInt64 = 1 << 63

    var bits: UInt64
}

/// Hands out the small ids behind `LanguageSet`, one per distinct language seen by the index.
///
/// ISO 639-1 has fewer than 200 codes, so 256 ids suffice for real directories. Should a feed
/// invent more, the extra codes get no id: services are then treated as not speaking them and
/// families' extra codes match nobody — the filter may miss a match but never claims a false one.
struct LanguageTable: Sendable {
    private var ids: [LanguageCode: UInt8] = [:]

    /// The id of a known language, without assigning one.
    func id(of code: LanguageCode) -> UInt8? { ids[code] }

    /// The id of a language, assigning the next free one when there is room.
    mutating func intern(_ code: LanguageCode) -> UInt8? {
        if let id = ids[code] { return id }
        guard ids.count < LanguageSet.capacity else { return nil }
        let id = UInt8(ids.count)
        ids[code] = id
        return id
    }

    mutating func set(of codes: [LanguageCode]) -> LanguageSet {
        var set = LanguageSet()
        for code in codes { if let id = intern(code) { set.insert(id) } }
        return set
    }

    /// A family's languages, without assigning ids: a language no service speaks matches nothing.
    func lookupSet(of codes: [LanguageCode]) -> LanguageSet {
        var set = LanguageSet()
        for code in codes { if let id = id(of: code) { set.insert(id) } }
        return set
    }
}
