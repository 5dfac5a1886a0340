import Hummingbird
import TextFormats

/// Writes JSON straight into memory, byte for byte as `JSONCoding.encoder` writes the same values
/// (no whitespace, slashes unescaped, the same string escapes and number text), for the responses
/// where going through `Encoder` costs more than the work behind them (`POST /api/v1/match`).
/// The caller writes object keys in sorted order, as `.sortedKeys` would.
///
/// A response makes over a thousand small writes, so they go to a buffer this type owns (one
/// capacity check each, no copy-on-write or exclusivity checks), copied once into the response.
struct JSONBytes: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    var buffer: ByteBuffer { ByteBuffer(bytes: UnsafeBufferPointer(start: start, count: count)) }

    /// The bytes written so far, as an array (to keep).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// Copies the `count` bytes written so far to `destination`.
    func copy(to destination: UnsafeMutablePointer<UInt8>) { destination.update(from: start, count: count) }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = grown
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        if let base = bytes.baseAddress { (start + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        count += bytes.count
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func raw(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"key":`; keys are plain ASCII written by the caller.
    @inline(__always)
    mutating func key(_ name: StaticString) {
        reserve(name.utf8CodeUnitCount + 3)
        append(UInt8(ascii: "\""))
        raw(name)
        append(UInt8(ascii: "\""))
        append(UInt8(ascii: ":"))
    }

    /// A string with JSONEncoder's escapes (`JSONStringEscape`).
    mutating func string(_ value: String) {
        // Native strings lend their UTF-8 without a copy (and the retain a `var` copy costs).
        if value.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) != nil { return }
        var copy = value
        copy.withUTF8 { string(utf8: $0) }
    }

    /// Room for the worst case (every byte as `\u00xx`) is reserved once, so the bytes are stored
    /// without a capacity check each; words of eight bytes without an escape are copied whole.
    private mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        reserve(utf8.count * 6 + 2)
        let source = UnsafeRawBufferPointer(utf8)
        var out = start + count
        out.pointee = UInt8(ascii: "\"")
        out += 1
        var index = 0
        while index + 8 <= source.count {
            let word = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if Self.mayNeedEscape(word) {
                for offset in index..<index + 8 { out = Self.put(source[offset], at: out) }
            } else {
                UnsafeMutableRawPointer(out).storeBytes(of: word, as: UInt64.self)
                out += 8
            }
            index += 8
        }
        while index < source.count {
            out = Self.put(source[index], at: out)
            index += 1
        }
        out.pointee = UInt8(ascii: "\"")
        count = out + 1 - start
    }

    /// Stores one byte of a string, escaped if it must be; returns where the next byte goes.
    @inline(__always)
    private static func put(_ byte: UInt8, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard JSONStringEscape.needsEscape(byte) else {
            out.pointee = byte
            return out + 1
        }
        return escape(byte, at: out)
    }

    private static func escape(_ byte: UInt8, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var next = out
        JSONStringEscape.escape(byte) { part in
            next.pointee = part
            next += 1
        }
        return next
    }

    /// Whether any of the eight bytes is below 0x20, a quote or a backslash (it may say so for a
    /// byte that is not; the caller then checks byte by byte). Classic "has a zero byte" tests.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let control = (word &- ones &* 0x20) & ~word & highs != 0  // some byte < 0x20
        return control || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    /// JSONEncoder's number text: Swift's shortest round-trip `description`, without a trailing ".0".
    /// NaN and infinities are refused, as JSONEncoder refuses them by default.
    ///
    /// The text goes straight into the buffer through `TextOutputStream`: `Double.write(to:)` hands
    /// its digits to `_writeASCII` as bytes, where `description` would allocate a `String` for
    /// every number over 15 characters, which most scores and distances are.
    mutating func number(_ value: Double) throws(NonConformingNumber) {
        guard value.isFinite else { throw NonConformingNumber(value: value) }
        reserve(NumberText.capacity)
        var text = NumberText(at: start + count)
        value.write(to: &text)
        var length = text.count
        if length >= 2, start[count + length - 2] == UInt8(ascii: "."), start[count + length - 1] == UInt8(ascii: "0") {
            length -= 2
        }
        count += length
    }

    mutating func number(_ value: Int) {
        var text = value.description
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    struct NonConformingNumber: Error, CustomStringConvertible {
        let value: Double
        var description: String { "\(value) cannot be written as a JSON number" }
    }

    /// Where `number(_:)` has a Double written: `capacity` bytes reserved in the buffer, more than
    /// the longest `description` of a finite Double ("-2.2250738585072014e-308", 24 bytes).
    private struct NumberText: TextOutputStream {
        static let capacity = 32
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        init(at base: UnsafeMutablePointer<UInt8>) { self.base = base }

        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { store(buffer) }

        /// What a standard library that does not call `_writeASCII` writes instead.
        mutating func write(_ string: String) {
            var string = string
            string.withUTF8 { store($0) }
        }

        private mutating func store(_ bytes: UnsafeBufferPointer<UInt8>) {
            precondition(count + bytes.count <= Self.capacity, "a Double's text is at most 24 bytes")
            if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
            count += bytes.count
        }
    }
}
