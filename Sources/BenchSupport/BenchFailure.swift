/// What stopped a benchmark (or a child process it started), as one readable line.
public struct BenchFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// The last few hundred characters of a log file, on one line, to quote in a failure.
    public static func tail(_ path: String?) -> String {
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return String(text.suffix(400)).replacingOccurrences(of: "\n", with: " ⏎ ")
    }
}
