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

    /// Branches of the 211 Human Services Indexing System whose terms say what kind of place or
    /// organization the agency is, not what a service does: a 211 indexes every program of a
    /// community mental health agency with "RM-6500.1500", its food pantry included.
    /// Such a code never ties a service to a barrier or a domain by itself; the service's own
    /// codes do. (Level-2 names as the 211 HSIS gives them.)
    public static let providerTypeBranches: [String] = [
        "FL",  // Law Enforcement Agencies
        "FV",  // Legal Services Organizations
        "LL",  // Inpatient Health Facilities
        "LN",  // Outpatient Health Facilities
        "RM",  // Mental Health Care Facilities
        "TC",  // Community Facilities/Centers
        "TD",  // Community Groups and Government/Administrative Offices
        "TN",  // Occupational/Professional Associations
    ]

    /// The target-population branch ("YB-9500.1500"): who a service is for, not what it does.
    public static let targetPopulationBranch = "Y"

    /// Whether the code describes the provider (a facility or organization type).
    public static func describesProvider(_ code: String) -> Bool {
        // Read as bytes: every service of every import asks, and the branches are all two letters.
        var bytes = code.utf8.makeIterator()
        guard let first = bytes.next().map(uppercased), let second = bytes.next().map(uppercased) else { return false }
        let next = bytes.next()
        guard next == nil || next == UInt8(ascii: "-") || next == UInt8(ascii: ".") else { return false }
        return providerTypeBranchBytes.contains { $0.0 == first && $0.1 == second }
    }

    /// Whether the code names the people served rather than a service.
    public static func isTargetPopulation(_ code: String) -> Bool {
        var bytes = code.utf8.makeIterator()
        guard bytes.next().map(uppercased) == UInt8(ascii: "Y"), let second = bytes.next().map(uppercased),
              second >= UInt8(ascii: "A") && second <= UInt8(ascii: "Z") else { return false }
        let next = bytes.next()
        return next == nil || next == UInt8(ascii: "-") || next == UInt8(ascii: ".")
    }

    private static let providerTypeBranchBytes: [(UInt8, UInt8)] = providerTypeBranches.map {
        let bytes = Array($0.utf8)
        return (bytes[0], bytes[1])
    }

    private static func uppercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
    }

    /// Whether the code says what a service does, so that it may tie the service to barriers:
    /// neither a provider type nor a target population.
    public static func describesService(_ code: String) -> Bool {
        !describesProvider(code) && !isTargetPopulation(code)
    }
}
