import Referrals

/// What a profile may say. A partner calls the number and addresses the person by the name, so
/// both are checked for being plausible, not for being true: blank is "not stated" (the partner
/// reads "no phone listed"), never a placeholder.
public enum ProfileRules {
    public static let nameLength = 100
    public static let phoneLength = 40
    /// A phone number has at least this many digits (a 7-digit local number); extensions are allowed.
    public static let phoneDigits = 7...20

    /// The profile from what was typed: trimmed, inner runs of spaces made one, blanks nil.
    /// Throws `AccountRefusal.invalidProfile` naming the field (`name` or `phone`).
    public static func profile(name: String?, phone: String?) throws(AccountRefusal) -> UserProfile {
        let name = cleaned(name)
        if let name {
            guard name.count <= nameLength else {
                throw .invalidProfile(field: "name", message: "the name is longer than \(nameLength) characters")
            }
            guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .invalidProfile(field: "name", message: "the name has a control character")
            }
        }
        let phone = cleaned(phone)
        if let phone {
            guard phone.count <= phoneLength else {
                throw .invalidProfile(field: "phone", message: "the phone is longer than \(phoneLength) characters")
            }
            // Digits and the marks people write numbers with; letters only for an extension ("x12", "ext. 12").
            let marks = Set(" +-()./#")
            let withoutExtension = phone.lowercased().replacingOccurrences(of: "ext", with: "").replacingOccurrences(of: "x", with: "")
            guard withoutExtension.allSatisfy({ $0.isASCII && ($0.isNumber || marks.contains($0)) }),
                  phoneDigits.contains(phone.filter { $0.isASCII && $0.isNumber }.count) else {
                throw .invalidProfile(
                    field: "phone",
                    message: "'\(phone)' is not a phone number (digits, with + ( ) - . and an extension like x12; at least \(phoneDigits.lowerBound) digits)")
            }
        }
        return UserProfile(displayName: name, phone: phone)
    }

    static func cleaned(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
