import Foundation

/// One cell of a report as it may be shown: a count, a measure (rate, days, hours), the mark of
/// a cell hidden because fewer than `Suppression.minimumStudents` students stand behind it, or
/// nothing (a rate with no referrals, a median with no connections).
public enum ReportValue: Sendable, Hashable {
    case count(Int)
    case measure(Double)
    case suppressed
    /// A sum that leaves out months hidden as `suppressed` (each with fewer than 10 students):
    /// the figure is at least this, and reads "25+".
    case atLeast(Int)
    case none

    /// How a suppressed cell reads everywhere (JSON, CSV, table, pages).
    public static let suppressedText = "<\(Suppression.minimumStudents)"

    /// The text CSV and tables show; JSON shows numbers as numbers and `none` as null.
    public var text: String {
        switch self {
        case .count(let value): String(value)
        case .measure(let value): Self.format(value)
        case .suppressed: Self.suppressedText
        case .atLeast(let value): "\(value)+"
        case .none: ""
        }
    }

    /// Measures are rounded when made, so this prints them exactly as JSON does.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    public var count: Int? {
        if case .count(let value) = self { return value }
        return nil
    }

    /// The count shown, exact or a lower bound ("25+").
    public var shownCount: Int? {
        switch self {
        case .count(let value), .atLeast(let value): value
        default: nil
        }
    }

    public var measure: Double? {
        if case .measure(let value) = self { return value }
        return nil
    }

    public var isSuppressed: Bool { self == .suppressed }
}

extension ReportValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let value): try container.encode(value)
        case .measure(let value): try container.encode(value)
        case .suppressed: try container.encode(Self.suppressedText)
        case .atLeast: try container.encode(text)
        case .none: try container.encodeNil()
        }
    }
}
