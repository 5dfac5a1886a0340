import Directory

/// What a service's fee texts, cost options and payment methods say about cost, gathered across
/// several columns and rows before deciding, because one row rarely tells the whole story
/// ("Free for uninsured" in one place, "Medicaid" in another).
struct CostFacts: Sendable, Hashable {
    var mentionsFree = false
    var mentionsSlidingScale = false
    var mentionsFee = false
    var insurance: Set<Insurance> = []

    var isEmpty: Bool { !mentionsFree && !mentionsSlidingScale && !mentionsFee && insurance.isEmpty }

    /// Reads free text ("Sliding scale; Medicaid and CHIP accepted", "$25 per session", "No cost").
    mutating func read(_ text: String) {
        guard !text.isEmpty else { return }
        let lowered = LowercasedText(text)
        // Free phrases are cut out first so "no fee" does not also count as a fee.
        var rest = lowered
        for phrase in Self.freePhrases where rest.contains(phrase) {
            mentionsFree = true
            rest = rest.removing(phrase)
        }
        if rest.containsAny(["sliding", "income-based", "based on income", "escala"]) { mentionsSlidingScale = true }
        if rest.containsAny(Self.feeWords) || Self.containsAmount(rest) { mentionsFee = true }
        readInsurance(lowered)
    }

    /// Reads a structured amount (HSDS 3.0 `cost_options.amount`): zero is free, anything else a fee.
    mutating func read(amount: Double) {
        if amount > 0 { mentionsFee = true } else { mentionsFree = true }
    }

    /// Reads an HSDS 1.x/2.0 payment method: insurance names count as coverage, other methods
    /// ("cash", "credit card") mean the family pays.
    mutating func read(paymentMethod text: String) {
        let lowered = LowercasedText(text)
        let before = insurance
        readInsurance(lowered)
        if insurance == before && !lowered.containsAny(Self.freePhrases) { mentionsFee = true }
    }

    /// Adds what another source (another row or column) said.
    mutating func merge(_ other: CostFacts) {
        mentionsFree = mentionsFree || other.mentionsFree
        mentionsSlidingScale = mentionsSlidingScale || other.mentionsSlidingScale
        mentionsFee = mentionsFee || other.mentionsFee
        insurance.formUnion(other.insurance)
    }

    /// The facet: a sliding scale wins over a flat fee, a fee over "free" (a free intake with paid
    /// sessions is not free); coverage alone leaves the kind of cost unknown.
    var cost: Cost? {
        guard !isEmpty else { return nil }
        let kind: CostKind? =
            if mentionsSlidingScale { .slidingScale }
            else if mentionsFee { .fee }
            else if mentionsFree { .free }
            else { nil }
        return Cost(kind: kind, insurance: insurance.sorted())
    }

    private mutating func readInsurance(_ lowered: LowercasedText) {
        if lowered.containsAny(["medicaid", "medi-cal", "apple health"]) { insurance.insert(.medicaid) }
        if lowered.containsWord("chip") || lowered.contains("children's health insurance") { insurance.insert(.chip) }
        if lowered.containsAny(["private insurance", "commercial insurance", "seguro privado"])
            || lowered.containsWord("private") && lowered.contains("insurance") {
            insurance.insert(.private)
        }
        if lowered.containsAny(["uninsured", "no insurance", "sin seguro"]) { insurance.insert(.uninsured) }
    }

    /// Longer phrases first, so "free of charge" is cut whole before "free".
    private static let freePhrases = ["free of charge", "no cost", "no charge", "no fee", "sin costo", "gratuito", "gratis", "free"]
    private static let feeWords = ["fee", "per session", "per visit", "per hour", "per month", "copay", "co-pay", "costo", "cuota"]

    /// "$25", "25 dollars", "USD 10".
    private static func containsAmount(_ lowered: LowercasedText) -> Bool {
        if lowered.contains("dollar") || lowered.containsWord("usd") { return true }
        var start = 0
        while let dollar = lowered.firstRange(of: "$", from: start) {
            if dollar.upperBound < lowered.bytes.count,
               lowered.bytes[dollar.upperBound] >= UInt8(ascii: "0"), lowered.bytes[dollar.upperBound] <= UInt8(ascii: "9") {
                return true
            }
            start = dollar.upperBound
        }
        return false
    }
}
