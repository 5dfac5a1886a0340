import Directory
import Foundation

/// Reads cost from `<FeeStructure>` (and payment elements) and insurance from those plus `<Eligibility>`.
/// Keywords are searched in lower-cased bytes (`LowercasedText`): Foundation's string search costs more
/// on Linux than the whole XML parse.
enum AIRSCostText {
    /// A sliding scale wins over a fee and a fee over "free": calling a paid service free would send a
    /// family to a bill, the opposite mistake only costs a phone call. Coverage alone, or nothing,
    /// leaves the kind of cost unknown.
    static func cost(fees: [String], eligibility: [String]) -> Cost {
        let feeText = LowercasedText(fees.joined(separator: " "))
        var rest = feeText.removing("toll-free").removing("toll free")
        var mentionsFree = isPlainNo(fees)
        // Free phrases are cut out first so "no fee" does not also count as a fee.
        for phrase in freePhrases where rest.contains(phrase) {
            mentionsFree = true
            rest = rest.removing(phrase)
        }
        let slidingScale = rest.containsAny(["sliding", "income-based", "based on income", "ability to pay"])
        // A bare amount next to "free" is a threshold ("free for households under $60,000"), not a price.
        let fee = rest.containsAny(feeWords) || (!mentionsFree && containsAmount(rest))
        let insurance = self.insurance(in: LowercasedText(([fees.joined(separator: " ")] + eligibility).joined(separator: " ")))

        let kind: CostKind? =
            if slidingScale { .slidingScale }
            else if fee { .fee }
            else if mentionsFree { .free }
            else { nil }
        return Cost(kind: kind, insurance: insurance)
    }

    /// Coverage named anywhere in the text. "Hawki" is Iowa's CHIP.
    static func insurance(in text: LowercasedText) -> [Insurance] {
        var found: Set<Insurance> = []
        if text.containsAny(["medicaid", "medi-cal"]) { found.insert(.medicaid) }
        if text.containsWord("chip") || text.containsWord("hawki") || text.contains("children's health insurance") {
            found.insert(.chip)
        }
        if text.containsAny(["private insurance", "commercial insurance", "private health insurance", "most insurance", "major insurance"]) {
            found.insert(.private)
        }
        if text.containsAny(["uninsured", "no insurance", "without insurance"]) { found.insert(.uninsured) }
        return found.sorted()
    }

    /// "None", "No", "N/A" as the whole fee text.
    private static func isPlainNo(_ fees: [String]) -> Bool {
        let whole = fees.joined(separator: " ").lowercased()
            .trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        return ["none", "no", "n/a", "free"].contains(whole)
    }

    /// Longer phrases first, so "free of charge" is cut whole before "free".
    private static let freePhrases = [
        "free of charge", "fees: none", "fee: none", "no cost", "no charge", "no fees", "no fee", "without charge",
        "sin costo", "gratis", "free",
    ]
    private static let feeWords = ["fee", "per session", "per visit", "per hour", "per month", "copay", "co-pay", "charge", "tuition"]

    /// "$25", "25 dollars".
    private static func containsAmount(_ text: LowercasedText) -> Bool {
        if text.contains("dollar") { return true }
        let bytes = text.bytes
        for index in bytes.indices.dropLast() where bytes[index] == UInt8(ascii: "$") {
            if bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9") { return true }
        }
        return false
    }
}
