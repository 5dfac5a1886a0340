import Directory

/// What a feed states about cost: whether it names a fee, a sliding scale or no charge, and which
/// coverage the service takes. Facts from several fields and rows merge before the kind is decided,
/// because one rarely tells the whole story ("Free for uninsured" in one place, "Medicaid" in another).
package struct StatedCost: Hashable, Sendable {
    private(set) var statesFree = false
    private(set) var statesSlidingScale = false
    private(set) var statesFee = false
    private var coverage: Set<Insurance> = []

    /// A sliding scale wins over a flat fee and a fee over "free": calling a paid service free sends a
    /// family to a bill, the opposite mistake costs a phone call ("Free intake; $25 per session" is a
    /// fee). nil when only coverage is stated: taking Medicaid says nothing about what others pay.
    var kind: CostKind? {
        if statesSlidingScale { return .slidingScale }
        if statesFee { return .fee }
        if statesFree { return .free }
        return nil
    }

    /// Coverage the service takes; `.uninsured` when it states it serves families without coverage
    /// ("uninsured welcome", "no one turned away for inability to pay").
    var insurance: [Insurance] { coverage.sorted() }

    var isEmpty: Bool { kind == nil && coverage.isEmpty }

    init(free: Bool = false, slidingScale: Bool = false, fee: Bool = false, insurance: Set<Insurance> = []) {
        statesFree = free
        statesSlidingScale = slidingScale
        statesFee = fee
        coverage = insurance
    }

    /// A field about cost: AIRS `<FeeStructure>`, HSDS `fees`/`fees_description`, `cost_options.option`
    /// and `amount_description`, a sheet's fee column. nil when it says nothing about cost ("Call for
    /// info", "N/A").
    static func fromFeeField(_ text: String) -> StatedCost? {
        CostTextReader(text, context: .feeField).read()
    }

    /// Free text (a description): only plain cost statements count ("No cost.", "Fees are $50 per
    /// session", "sliding scale"), and coverage only where the text says it is accepted ("Medicaid
    /// accepted", not "helps families apply for Medicaid"). The caller marks what this finds as inferred.
    static func fromFreeText(_ text: String) -> StatedCost? {
        fromFreeText(VocabularyTokens(text))
    }

    /// Whether a text may state a cost: the free-text reader finds one only through its phrases or an
    /// amount, which needs a "$", "usd" or "dollar(s)".
    static let freeTextScreen = PhraseScreen(
        Array(CostPhrases.freeText.keys) + [["usd"], ["dollar"], ["dollars"]], marks: "$")

    package static func fromFreeText(_ tokens: VocabularyTokens) -> StatedCost? {
        CostTextReader(tokens, context: .freeText).read()
    }

    /// Eligibility text: only coverage ("Must have Medicaid or be uninsured").
    static func fromEligibility(_ text: String) -> StatedCost? {
        CostTextReader(text, context: .eligibility).read()
    }

    /// HSDS 3.0 `cost_options.amount`: zero is free, more is a fee.
    static func fromAmount(_ amount: Double) -> StatedCost? {
        guard amount.isFinite, amount >= 0 else { return nil }
        return amount == 0 ? StatedCost(free: true) : StatedCost(fee: true)
    }

    /// HSDS 1.x/2.0 `payments_accepted.payment`: coverage names are coverage; any other way to pay
    /// ("cash", "credit card") means the family pays.
    static func fromPaymentMethod(_ text: String) -> StatedCost? {
        if let stated = CostTextReader(text, context: .paymentMethod).read() { return stated }
        let tokens = VocabularyTokens(text)
        guard tokens.tokens.contains(where: \.isWord), !CostTextReader.saysNothing(tokens) else { return nil }
        return StatedCost(fee: true)
    }

    /// What two sources say together.
    func merged(with other: StatedCost?) -> StatedCost {
        guard let other else { return self }
        return StatedCost(
            free: statesFree || other.statesFree, slidingScale: statesSlidingScale || other.statesSlidingScale,
            fee: statesFee || other.statesFee, insurance: coverage.union(other.coverage))
    }
}
