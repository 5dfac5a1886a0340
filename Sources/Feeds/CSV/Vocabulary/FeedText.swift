import Foundation

/// Small text tests shared by the CSV readers.
enum FeedText {
    /// Whether text has the shape of an AIRS/211 taxonomy code: "B", "BD", "BD-1800", "BD-1800.2000",
    /// "BD-1800.2000-620". Used to tell a term's code from its display name when a feed has no `code` column.
    static func looksLikeTaxonomyCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, index < 2, isUpper(bytes[index]) { index += 1 }
        guard index > 0 else { return false }
        if index == bytes.count { return true }
        guard index == 2, bytes[index] == UInt8(ascii: "-") else { return false }
        // Then groups of digits separated by "." or "-".
        var digits = 0
        for byte in bytes[(index + 1)...] {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
            } else if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")) && digits > 0 {
                digits = 0
            } else {
                return false
            }
        }
        return digits > 0
    }

    /// US ZIP codes (5 digits, optionally ZIP+4 — kept as 5) written anywhere in a service-area text,
    /// e.g. "98101, 98102" or "ZIP 98118".
    static func postalCodes(in text: String) -> [String] {
        var codes: [String] = []
        var run: [UInt8] = []
        // Digits right after "-" are a ZIP+4 suffix, not a code of their own.
        var runFollowsDash = false
        var previous: UInt8 = 0
        func flush() {
            if run.count == 5 && !runFollowsDash { codes.append(String(decoding: run, as: UTF8.self)) }
            run.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if run.isEmpty { runFollowsDash = previous == UInt8(ascii: "-") }
                run.append(byte)
            } else {
                flush()
            }
            previous = byte
        }
        flush()
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }
    }

    /// A readable, stable id from a name: "Casa Esperanza — Eastside" → "casa-esperanza-eastside".
    /// A name with no Latin letter or digit ("社区中心") gets "n-" and a hash of the name, so it still
    /// has an id of its own.
    static func slug(_ text: String) -> String {
        let slug = latinSlug(text)
        return slug.isEmpty && !text.isEmpty ? "n-\(stableHash(text))" : slug
    }

    /// A feed's own id as one segment of an API path: unchanged when it is safe there; otherwise its
    /// slug and a hash of the id as written ("12/A" → "12-a-…"), so two ids that differ only in the
    /// unsafe characters stay two.
    static func pathSafeID(_ id: String) -> String {
        guard id.unicodeScalars.contains(where: { unsafeInPath.contains($0) || $0.properties.isWhitespace || $0.value < 0x20 })
        else { return id }
        return "\(latinSlug(id))-\(stableHash(id))"
    }

    private static let unsafeInPath: Set<Unicode.Scalar> = ["/", "?", "#", "%", "\\"]

    /// FNV-1a of the UTF-8 bytes, in hex: the same on every run and machine (unlike `hashValue`).
    private static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    private static func latinSlug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
}
