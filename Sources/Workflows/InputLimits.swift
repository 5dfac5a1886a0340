/// How much any one request may carry: characters per text field, items per list, and whether a
/// list may repeat itself. The rules are here once, checked by the use cases before anything is
/// read or written, so the API (422), the pages (the form again, with the message) and the CLI (one
/// line, non-zero exit) refuse the same input with the same words.
///
/// Why limits at all: without them a 2 MB note was stored, 21 such referrals made one list reply
/// 42 MB, and a partner's 30,000 opening-hour entries were served with the service on every catalog
/// read (281 → 8 requests a second). Each limit is far above what a person types or a program
/// needs, and low enough that the largest valid reply stays small.
public enum InputLimits {
    /// Any id or vocabulary code (student, service, school, organization, referral, barrier):
    /// imported ids are "source:record", well under this.
    public static let idLength = 200
    /// A district's own student number.
    public static let districtStudentIDLength = 64
    /// A grade as the district writes it ("K", "7", "PK").
    public static let gradeLength = 16
    /// A person or a short description: who gave consent.
    public static let nameLength = 200
    /// Free text a coordinator or partner writes: a referral's or an event's note, the reason for a
    /// second open referral.
    public static let noteLength = 2000

    /// Organizations one consent covers.
    public static let organizationsPerConsent = 50
    /// Languages of one student or one needs profile.
    public static let languagesPerProfile = 10
    /// Barriers in one needs profile (the vocabulary has about 25).
    public static let barriersPerProfile = 15
    /// Opening-hour entries in one availability report: seven days, up to seven periods a day.
    public static let openingHoursPerService = 49

    /// Page sizes of the lists a client pages through (`limit`).
    public static let referralPageSizes = 1...500
    public static let referralPageDefault = 200
    public static let auditPageSizes = 1...2000
    public static let auditPageDefault = 1000
    public static let followUpPageSizes = 1...500
    public static let followUpPageDefault = 500

    // MARK: checks

    /// Refuses `text` longer than `limit` characters, naming `field`.
    public static func check(_ text: String?, field: String, atMost limit: Int) throws(InputLimitViolation) {
        guard let text else { return }
        // `utf8.count` bounds `count` from above and is O(1) for native strings: a 2 MB value is
        // refused without walking its grapheme clusters.
        guard text.utf8.count > limit, text.count > limit else { return }
        throw InputLimitViolation(field: field, kind: .tooLong(length: text.count, limit: limit))
    }

    /// Refuses a list with more than `limit` items, or any item twice, naming `field`.
    public static func check<Item: Hashable>(
        _ items: [Item]?, field: String, atMost limit: Int, describe: (Item) -> String = { "\($0)" }
    ) throws(InputLimitViolation) {
        guard let items else { return }
        guard items.count <= limit else {
            throw InputLimitViolation(field: field, kind: .tooManyItems(count: items.count, limit: limit))
        }
        try checkDistinct(items, field: field, describe: describe)
    }

    /// Refuses any item twice, naming `field` and the first repeated item.
    public static func checkDistinct<Item: Hashable>(
        _ items: [Item]?, field: String, describe: (Item) -> String = { "\($0)" }
    ) throws(InputLimitViolation) {
        guard let items else { return }
        var seen = Set<Item>()
        for item in items where !seen.insert(item).inserted {
            throw InputLimitViolation(field: field, kind: .duplicateItems(describe(item)))
        }
    }

    /// Refuses a list of ids with too many items, a repeat, or an id too long to be one.
    public static func checkIDs(_ ids: [String]?, field: String, atMost limit: Int) throws(InputLimitViolation) {
        guard let ids else { return }
        for id in ids { try check(id, field: field, atMost: idLength) }
        try check(ids, field: field, atMost: limit)
    }
}

/// An input over one of `InputLimits`; `field` is the wire name (JSON key and form field alike).
public struct InputLimitViolation: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case tooLong(length: Int, limit: Int)
        case tooManyItems(count: Int, limit: Int)
        /// The first item given twice, as the request wrote it (never a student's identifier: no
        /// list of those exists).
        case duplicateItems(String)
    }

    public var field: String
    public var kind: Kind

    public init(field: String, kind: Kind) {
        self.field = field
        self.kind = kind
    }

    /// The API's stable problem code.
    public var code: String {
        switch kind {
        case .tooLong: "field_too_long"
        case .tooManyItems: "too_many_items"
        case .duplicateItems: "duplicate_items"
        }
    }

    public var title: String {
        switch kind {
        case .tooLong: "Field too long"
        case .tooManyItems: "Too many items"
        case .duplicateItems: "Duplicate items"
        }
    }

    /// The most characters or items the field takes; nil for a repeat.
    public var limit: Int? {
        switch kind {
        case .tooLong(_, let limit), .tooManyItems(_, let limit): limit
        case .duplicateItems: nil
        }
    }

    public var description: String {
        let name = field.replacingOccurrences(of: "_", with: " ")
        switch kind {
        case .tooLong(let length, let limit):
            return "the \(name) has \(length) characters; keep it to \(limit)"
        case .tooManyItems(let count, let limit):
            return "\(name) lists \(count) items; at most \(limit) are taken"
        case .duplicateItems(let item):
            let shown = item.count > 60 ? String(item.prefix(60)) + "…" : item
            return "\(name) lists '\(shown)' more than once"
        }
    }
}
