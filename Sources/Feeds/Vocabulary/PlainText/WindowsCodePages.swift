/// The two code pages UTF-8 text is most often mis-decoded as: Windows-1252 (Western Windows, and
/// Latin-1) and CP-437 (the DOS console). Each maps a byte 0x80–0xFF to the character it shows.
enum WindowsCodePages {
    /// Windows-1252's 0x80–0x9F; 0xA0–0xFF are the Latin-1 characters of the same number. The five
    /// bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 control
    /// of the same number, as most decoders (and Latin-1) do.
    static let windows1252: [Int: Unicode.Scalar] = {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
        ]
        var table: [Int: Unicode.Scalar] = [:]
        for (offset, value) in high.enumerated() { table[0x80 + offset] = Unicode.Scalar(value)! }
        for byte in 0xA0...0xFF { table[byte] = Unicode.Scalar(UInt32(byte))! }
        return table
    }()

    static let cp437: [Int: Unicode.Scalar] = {
        let high = Array(
            ("ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒ" + "áíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐"
                + "└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀" + "αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}").unicodeScalars)
        var table: [Int: Unicode.Scalar] = [:]
        for (offset, scalar) in high.enumerated() { table[0x80 + offset] = scalar }
        return table
    }()

    /// Character → byte, for reversing a wrong decoding. Latin-1 decodes 0x80–0x9F to C1 controls
    /// where Windows-1252 shows punctuation: both read back to the byte.
    static let windows1252Bytes: [Unicode.Scalar: UInt8] = {
        var bytes = reversed(windows1252)
        for byte in 0x80...0x9F { bytes[Unicode.Scalar(UInt32(byte))!] = UInt8(byte) }
        return bytes
    }()
    static let cp437Bytes: [Unicode.Scalar: UInt8] = reversed(cp437)

    private static func reversed(_ table: [Int: Unicode.Scalar]) -> [Unicode.Scalar: UInt8] {
        var bytes: [Unicode.Scalar: UInt8] = [:]
        for (byte, scalar) in table { bytes[scalar] = UInt8(byte) }
        return bytes
    }
}
