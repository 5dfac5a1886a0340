/// The one rule for escaping a JSON string by hand, as JSONEncoder does with `.withoutEscapingSlashes`:
/// `"` and `\`, the short forms \b \f \n \r \t, and `\u00xx` (lower-case hex) for the other control
/// characters; every other UTF-8 byte is copied. The match answer's writer (`JSONBytes`) and the
/// store's JSON columns (`JSONColumn`) both use it, and their tests compare them with JSONEncoder.
public enum JSONStringEscape {
    @inlinable
    public static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Hands the bytes of the escape of `byte` (one for which `needsEscape` is true) to `write`.
    @inlinable
    public static func escape(_ byte: UInt8, _ write: (UInt8) -> Void) {
        write(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): write(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): write(UInt8(ascii: "\\"))
        case 0x08: write(UInt8(ascii: "b"))
        case 0x0C: write(UInt8(ascii: "f"))
        case 0x0A: write(UInt8(ascii: "n"))
        case 0x0D: write(UInt8(ascii: "r"))
        case 0x09: write(UInt8(ascii: "t"))
        default:
            for part in [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex(byte >> 4), hex(byte & 0x0F)] { write(part) }
        }
    }

    @inlinable
    static func hex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
