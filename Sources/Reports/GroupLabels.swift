import Directory
import Foundation
import Referrals
import Storage

/// Display names for report rows and the order rows are listed in.
struct GroupLabels: Sendable {
    var groupBy: ReportGroupBy
    var names: [String: String]

    static func load(_ groupBy: ReportGroupBy, keys: [String?], database: Database) async throws -> GroupLabels {
        let directory = DirectoryStore(database: database)
        var names: [String: String] = [:]
        switch groupBy {
        case .school:
            for school in try await directory.schools() { names[school.id] = school.name }
        case .organization:
            names = try await directory.organizationNames(keys.compactMap { $0 })
        case .barrier:
            for barrier in try await directory.barriers() { names[barrier.id] = barrier.label }
        case .domain, .tier, .studentGroup, .month:
            break
        }
        return GroupLabels(groupBy: groupBy, names: names)
    }

    func label(for key: String?) -> String {
        guard let key else {
            return switch groupBy {
            case .tier: "Tier not recorded"
            case .domain: "Domain not listed"
            case .studentGroup: "In no listed group"
            default: "Not recorded"
            }
        }
        switch groupBy {
        case .tier: return "Tier \(key)"
        case .domain, .studentGroup: return Self.words(key)
        case .month: return Self.monthName(key)
        default: return names[key] ?? key
        }
    }

    /// Months and tiers in their natural order, everything else alphabetically; the row without a value last.
    func ordersBefore(_ lhs: ConnectionReportRow, _ rhs: ConnectionReportRow) -> Bool {
        switch (lhs.key, rhs.key) {
        case (nil, _): return false
        case (_, nil): return true
        case (let left?, let right?):
            if groupBy == .month || groupBy == .tier { return left < right }
            let order = lhs.label.localizedCaseInsensitiveCompare(rhs.label)
            return order == .orderedSame ? left < right : order == .orderedAscending
        }
    }

    /// "social_emotional" → "Social emotional".
    static func words(_ code: String) -> String {
        let spaced = code.replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }

    /// "2026-09" → "Sep 2026".
    static func monthName(_ label: String) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = label.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return label }
        return "\(names[month - 1]) \(parts[0])"
    }
}
