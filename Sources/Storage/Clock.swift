import Foundation

/// Timestamps are stored as whole seconds since 1970 (BIGINT) on both engines.
enum Clock {
    static func nowSeconds() -> Int { Int(Date().timeIntervalSince1970) }

    static func seconds(_ date: Date?) -> Int? { date.map { Int($0.timeIntervalSince1970.rounded()) } }

    static func date(_ seconds: Int?) -> Date? { seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) } }
}
