/// One record of a CSV file: its fields as bytes, decoded to text only when asked for,
/// because feed readers use a handful of a table's columns.
public struct CSVRow: Sendable, Hashable {
    /// 1-based line of the file where the record starts (a quoted newline makes a record span lines).
    public let line: Int
    public let encoding: CSVTextEncoding
    /// Unescaped field contents, one after the other.
    private let bytes: [UInt8]
    /// End offset in `bytes` of each field.
    private let fieldEnds: [Int]

    init(line: Int, encoding: CSVTextEncoding, bytes: [UInt8], fieldEnds: [Int]) {
        self.line = line
        self.encoding = encoding
        self.bytes = bytes
        self.fieldEnds = fieldEnds
    }

    public var count: Int { fieldEnds.count }

    /// The field exactly as written (quotes removed, doubled quotes undone); "" past the last field.
    public subscript(index: Int) -> String {
        guard index >= 0 && index < fieldEnds.count else { return "" }
        return decode(range(of: index), trimming: false)
    }

    /// The field without surrounding spaces, tabs or line breaks; "" for a missing column (`nil`)
    /// or a short row, so optional columns read like empty ones.
    public func value(_ index: Int?) -> String {
        guard let index, index >= 0 && index < fieldEnds.count else { return "" }
        return decode(range(of: index), trimming: true)
    }

    /// Every field as written.
    public var fields: [String] { (0..<count).map { self[$0] } }

    /// Whether a field is empty after trimming, without building a String.
    public func isBlank(_ index: Int?) -> Bool {
        guard let index, index >= 0 && index < fieldEnds.count else { return true }
        let range = range(of: index)
        return bytes[range].allSatisfy(Self.isWhitespace)
    }

    private func range(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]
    }

    private func decode(_ range: Range<Int>, trimming: Bool) -> String {
        var lower = range.lowerBound, upper = range.upperBound
        if trimming {
            while lower < upper && Self.isWhitespace(bytes[lower]) { lower += 1 }
            while upper > lower && Self.isWhitespace(bytes[upper - 1]) { upper -= 1 }
        }
        if lower == upper { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            encoding.decode(UnsafeBufferPointer(rebasing: buffer[lower..<upper]))
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
