#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lone carriage returns (old Mac line ends) turned into line feeds before libxml2 sees them. XML
/// reads a lone CR as a line end (XML 1.0, 2.11), so the document means the same, but libxml2 counts
/// lines by LF only: every problem in a CR-only file was reported on line 1. A CR LF pair is left as
/// it is, also when a chunk boundary splits it. Only for encodings in which byte 0x0D is always a CR
/// (UTF-8, ASCII, the ISO 8859 and Windows sets), never UTF-16 or UTF-32.
struct LoneCarriageReturns {
    private let enabled: Bool
    /// The previous chunk ended with a CR, already made an LF: an LF opening this chunk completes the pair.
    private var pendingPair = false

    /// `head`: the document's first bytes (up to four), which tell a UTF-16/32 document.
    init(head: UnsafeRawBufferPointer) {
        let first = Array(head.prefix(4))
        let wide = first.starts(with: [0xFE, 0xFF]) || first.starts(with: [0xFF, 0xFE])
            || first.starts(with: [0x00, 0x3C]) || first.starts(with: [0x3C, 0x00])
            || first.starts(with: [0x00, 0x00])
        enabled = !wide
    }

    /// Rewrites `count` bytes in place and returns how many leading bytes to leave out (the LF of a
    /// CR LF pair that the previous chunk's end split).
    mutating func normalize(_ bytes: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        guard enabled, count > 0 else { return 0 }
        let skip = pendingPair && bytes[0] == 0x0A ? 1 : 0
        pendingPair = false
        var index = skip
        while index < count, let found = memchr(bytes + index, 0x0D, count - index) {
            let position = bytes.distance(to: found.assumingMemoryBound(to: CChar.self))
            if position + 1 < count {
                if bytes[position + 1] != 0x0A { bytes[position] = 0x0A }
            } else {
                bytes[position] = 0x0A
                pendingPair = true
            }
            index = position + 1
        }
        return skip
    }
}
