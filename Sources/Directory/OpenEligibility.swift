/// Open Eligibility, the human-services taxonomy many HSDS feeds tag services with ("Food Pantry",
/// "Mental Health Care", "Help Pay for Housing"). Its terms have no codes of the AIRS shape, so a
/// service tagged with one carries it as the code "OE:<term>", which barrier prefixes name the same way.
public enum OpenEligibility {
    public static let codePrefix = "OE:"

    /// "OE:Food Pantry" for the term "Food Pantry" (whitespace collapsed).
    public static func code(forTerm term: String) -> String {
        codePrefix + term.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether a taxonomy code is an Open Eligibility term.
    public static func isTermCode(_ code: String) -> Bool {
        code.uppercased().hasPrefix(codePrefix)
    }

    /// The term of an "OE:" code.
    public static func term(ofCode code: String) -> String? {
        isTermCode(code) ? String(code.dropFirst(codePrefix.count)) : nil
    }

    /// How spellings of one term compare: letters and digits only, lower case, "&" read as "and",
    /// so "Help Pay For Housing", "help-pay-for-housing", "help_pay_for_housing" and
    /// "helpPayForHousing" are one term, as are "Addiction & Recovery" and "addiction-and-recovery".
    public static func key(_ text: String) -> String {
        var key = ""
        for character in text.lowercased() {
            if character == "&" {
                key += "and"
            } else if character.isLetter || character.isNumber {
                key.append(character)
            }
        }
        return key
    }
}
