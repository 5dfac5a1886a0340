/// How a CSV file's bytes become text. Spreadsheets exported on Windows are often
/// Windows-1252 ("ANSI"), so a file that is not valid UTF-8 is read as that instead of failing.
public enum CSVTextEncoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    /// Windows-1252, a superset of ISO 8859-1 (Latin-1) for printable characters.
    case windows1252 = "Windows-1252"

    /// Decodes bytes the tokenizer has already classified.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            if !TextBytes.containsNonASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
            var scalars = String.UnicodeScalarView()
            scalars.reserveCapacity(bytes.count)
            for byte in bytes { scalars.append(TextBytes.windows1252Scalar(byte)) }
            return String(scalars)
        }
    }
}

/// Byte-level helpers kept free of `String` so the tokenizer's hot loop never builds text it won't use.
enum TextBytes {
    /// Whether any byte has the high bit set; checks eight bytes at a time because most feed text is ASCII.
    static func containsNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
            index += 8
        }
        while index < count {
            if base[index] & 0x80 != 0 { return true }
            index += 1
        }
        return false
    }

    /// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF).
    /// Written out because `String(validating:)` needs macOS 15 and the package supports macOS 14.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = bytes[index + 1]
            guard second >= lowerBound && second <= upperBound else { return false }
            var next = index + 2
            while next < index + length {
                guard bytes[next] & 0xC0 == 0x80 else { return false }
                next += 1
            }
            index += length
        }
        return true
    }

    /// Windows-1252 differs from Latin-1 only in 0x80–0x9F, where it has printable characters
    /// (curly quotes, dashes, €) that spreadsheets produce all the time.
    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        guard byte >= 0x80 && byte <= 0x9F else { return Unicode.Scalar(byte) }
        return Unicode.Scalar(windows1252HighControls[Int(byte - 0x80)])!
    }

    /// Code points for 0x80...0x9F; the five bytes Windows-1252 leaves undefined keep their Latin-1 value.
    private static let windows1252HighControls: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
