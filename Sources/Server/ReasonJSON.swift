import Matching

/// Every phrase of `Reason.catalog` as the JSON string `JSONBytes.string` writes for it, quotes
/// included, encoded once per process: a match response copies these bytes for most of its
/// reasons instead of encoding the same few hundred phrases again for every suggestion.
///
/// The bytes live for the whole process in memory this type allocates once, so writing a phrase
/// reads plain pointers (an array here would be retained and released for every phrase, by
/// every thread at once).
struct ReasonJSON: @unchecked Sendable {
    static let shared = ReasonJSON(catalog: Reason.catalog)

    private let bytes: UnsafePointer<UInt8>
    /// Phrase `n` is `bytes[starts[n] ..< starts[n + 1]]`.
    private let starts: UnsafePointer<Int>
    let count: Int

    init(catalog: [String]) {
        var json = JSONBytes(capacity: 64 * catalog.count)
        var starts = [0]
        for phrase in catalog {
            json.string(phrase)
            starts.append(json.count)
        }
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, json.count))
        json.copy(to: bytes)
        let positions = UnsafeMutablePointer<Int>.allocate(capacity: starts.count)
        positions.initialize(from: starts, count: starts.count)
        self.bytes = UnsafePointer(bytes)
        self.starts = UnsafePointer(positions)
        count = catalog.count
    }

    /// The JSON string of phrase `number`, which must be below `count`.
    @inline(__always)
    func phrase(_ number: UInt16) -> UnsafeRawBufferPointer {
        let index = Int(number)
        return UnsafeRawBufferPointer(start: bytes + starts[index], count: starts[index + 1] - starts[index])
    }
}

extension JSONBytes {
    /// A reason as a JSON string: a catalog phrase from `phrases`, other text encoded here.
    @inline(__always)
    mutating func reason(_ reason: Reason, phrases: ReasonJSON) {
        switch reason {
        case .phrase(let number) where Int(number) < phrases.count: append(phrases.phrase(number))
        default: string(reason.text)
        }
    }
}
