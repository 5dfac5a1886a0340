import Directory
import Foundation
import Hummingbird

/// Reads query parameters, rejecting unknown names and malformed values with a problem naming the parameter.
struct QueryParameters {
    private let values: [String: String]

    init(_ request: Request, allowed: Set<String>) throws(Problem) {
        var values: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            let name = String(name)
            guard allowed.contains(name) else {
                throw .invalidParameter(name, "unknown parameter '\(name)'; allowed: \(allowed.sorted().joined(separator: ", "))")
            }
            guard values[name] == nil else { throw .invalidParameter(name, "'\(name)' is given more than once") }
            values[name] = String(value)
        }
        self.values = values
    }

    func string(_ name: String) throws(Problem) -> String? {
        guard let value = values[name] else { return nil }
        guard !value.isEmpty else { throw .invalidParameter(name, "'\(name)' is empty") }
        return value
    }

    func vocabulary<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(Problem) -> T? where T.RawValue == String {
        guard let raw = try string(name) else { return nil }
        guard let value = T(rawValue: raw) else {
            throw .invalidParameter(name, "'\(raw)' is not a valid \(name); use one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let raw = try string(name) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw .invalidParameter(name, "'\(raw)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A list's page size: `limit` within the list's cap from `InputLimits` (400 naming `limit` and
    /// the range above it), the list's default when absent.
    func pageSize(in sizes: ClosedRange<Int>, default value: Int) throws(Problem) -> Int {
        try integer("limit", in: sizes) ?? value
    }

    /// A whole number whose range is the use case's to judge.
    func integer(_ name: String) throws(Problem) -> Int? {
        guard let raw = try string(name) else { return nil }
        guard let value = Int(raw) else { throw .invalidParameter(name, "'\(raw)' is not a whole number") }
        return value
    }

    /// A number whose range is the use case's to judge.
    func number(_ name: String) throws(Problem) -> Double? {
        guard let raw = try string(name) else { return nil }
        guard let value = Double(raw), value.isFinite else { throw .invalidParameter(name, "'\(raw)' is not a number") }
        return value
    }

    func number(_ name: String, in range: ClosedRange<Double>) throws(Problem) -> Double? {
        guard let raw = try string(name) else { return nil }
        guard let value = Double(raw), value.isFinite, range.contains(value) else {
            throw .invalidParameter(name, "'\(raw)' is not a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func language(_ name: String) throws(Problem) -> LanguageCode? {
        guard let raw = try string(name) else { return nil }
        guard let code = LanguageCode(rawValue: raw) else {
            throw .invalidParameter(name, "'\(raw)' is not an ISO 639-1 language code such as 'es'")
        }
        return code
    }

    /// "LAT,LON" in decimal degrees.
    func coordinates(_ name: String) throws(Problem) -> Coordinates? {
        guard let raw = try string(name) else { return nil }
        let parts = raw.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lat = parts[0], let lon = parts[1] else {
            throw .invalidParameter(name, "'\(raw)' is not LAT,LON, e.g. 41.59,-93.62")
        }
        let point = Coordinates(lat: lat, lon: lon)
        guard point.isValid else { throw .invalidParameter(name, "'\(raw)' is outside latitude ±90 / longitude ±180") }
        return point
    }
}

/// Cursors are opaque to clients: base64url of the last id of the page.
enum Cursor {
    static func encode(_ id: String) -> String {
        Data(id.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> String? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let id = String(data: data, encoding: .utf8), !id.isEmpty else {
            return nil
        }
        return id
    }
}
