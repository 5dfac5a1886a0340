import Directory

/// Small phrases shared by reasons and gaps.
enum Wording {
    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }

    /// Kilometres the way people say them: one decimal below 10 km, whole numbers above.
    static func kilometres(_ km: Double) -> String {
        if km >= 9.95 { return "\(Int(km.rounded())) km" }
        let tenths = Int((km * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) km"
    }

    static func coverage(_ insurance: Insurance) -> String {
        switch insurance {
        case .medicaid: "Medicaid"
        case .chip: "CHIP"
        case .private: "private insurance"
        case .uninsured: "uninsured families"
        }
    }

    /// A barrier's label as it reads mid-sentence ("Housing instability" → "housing instability"),
    /// leaving acronyms ("ADHD") alone.
    static func midSentence(_ label: String) -> String {
        guard let first = label.first, label.dropFirst().first?.isUppercase != true else { return label }
        return first.lowercased() + label.dropFirst()
    }
}
