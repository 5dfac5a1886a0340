/// AIRS/211 taxonomy codes are hierarchical: "B" ⊃ "BD" ⊃ "BD-1800" ⊃ "BD-1800.2000" ⊃ "BD-1800.2000-620".
public enum Taxonomy {
    /// Whether `code` is `prefix` or lies below it, matching whole segments only
    /// ("BD-18" is not a parent of "BD-1800").
    public static func code(_ code: String, isUnder prefix: String) -> Bool {
        let code = code.uppercased(), prefix = prefix.uppercased()
        guard code.hasPrefix(prefix) else { return false }
        guard code.count > prefix.count else { return true }
        let next = code[code.index(code.startIndex, offsetBy: prefix.count)]
        // Level 1→2 is letter to letter ("B" → "BD"); deeper levels start with "-" or ".".
        if prefix.count == 1 { return next.isLetter }
        return next == "-" || next == "."
    }
}
