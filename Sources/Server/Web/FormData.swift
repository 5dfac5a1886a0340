import Foundation

/// An `application/x-www-form-urlencoded` body (or query string): names may repeat, as checkbox
/// groups and multi-selects send one pair per ticked value.
struct FormData: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init() {}

    init(encoded text: String) {
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(halves[0])
            let value = halves.count > 1 ? Self.decode(halves[1]) : ""
            pairs.append((name, value))
        }
    }

    /// The first value, trimmed; nil when absent or blank (an empty form field means "not given").
    subscript(_ name: String) -> String? {
        guard let value = pairs.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
              !value.isEmpty else { return nil }
        return value
    }

    /// Whether the form carried `name` at all, blank or not: a form's inputs are always sent, so a
    /// blank one is a value erased, while a name missing altogether was not on the form.
    func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    /// Every non-blank value given for `name`, in order.
    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Every value given for `name` read as `T`; a value that is not one is named in `problems`
    /// (a crafted or stale form is told, not silently trimmed — the API refuses the same values).
    func all<T: RawRepresentable>(_ name: String, as type: T.Type, problems: inout [String]) -> [T] where T.RawValue == String {
        all(name).compactMap { text in
            guard let value = T(rawValue: text) else { problems.append("'\(text)' is not a valid \(name)"); return nil }
            return value
        }
    }

    /// The value given for `name` read as `T`, or nil when blank; a value that is not one is named in `problems`.
    func value<T: RawRepresentable>(_ name: String, as type: T.Type, problems: inout [String]) -> T? where T.RawValue == String {
        guard let text = self[name] else { return nil }
        guard let value = T(rawValue: text) else { problems.append("'\(text)' is not a valid \(name)"); return nil }
        return value
    }

    /// `+` is a space in form encoding; everything else is percent-decoding.
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
