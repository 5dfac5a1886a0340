import Hummingbird

/// Writes JSON straight into a byte buffer, byte for byte as `JSONCoding.encoder` writes the same
/// values (no whitespace, slashes unescaped, the same string escapes and number text), for the
/// responses where going through `Encoder` costs more than the work behind them (`POST /api/v1/match`).
/// The caller writes object keys in sorted order, as `.sortedKeys` would.
struct JSONBytes {
    /// Bytes, not a ByteBuffer: appending to an array costs a fraction of ByteBuffer's per-write
    /// checks, and a response makes over a thousand small writes.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    @inline(__always)
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"key":`; keys are plain ASCII written by the caller.
    @inline(__always)
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A string with JSONEncoder's escapes: `"` and `\`, the short forms \b \f \n \r \t, and
    /// `\u00xx` (lower-case hex) for the other control characters. Everything else is copied as UTF-8.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if index > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    raw("\\u00")
                    bytes.append(Self.hex(byte >> 4))
                    bytes.append(Self.hex(byte & 0x0F))
                }
            }
            if utf8.count > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// JSONEncoder's number text: Swift's shortest round-trip `description`, without a trailing ".0".
    /// NaN and infinities are refused, as JSONEncoder refuses them by default.
    mutating func number(_ value: Double) throws(NonConformingNumber) {
        guard value.isFinite else { throw NonConformingNumber(value: value) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        append(text)
    }

    mutating func number(_ value: Int) {
        append(value.description)
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    struct NonConformingNumber: Error, CustomStringConvertible {
        let value: Double
        var description: String { "\(value) cannot be written as a JSON number" }
    }

    private static func hex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
