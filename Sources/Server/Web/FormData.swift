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

    /// `+` is a space in form encoding; everything else is percent-decoding.
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
