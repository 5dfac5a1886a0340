import Directory

/// Reads cost facts from one text with `CostPhrases`, minding what negation does ("does not accept
/// Medicaid", "Medicaid not accepted", "no fees or charges") and what "free" describes ("free parking",
/// "toll-free").
struct CostTextReader {
    enum Context {
        case feeField, freeText, eligibility
        /// A way to pay the feed says is accepted: "Insurance" there is coverage taken.
        case paymentMethod
    }

    private let tokens: VocabularyTokens
    private let context: Context
    private let phrases: PhraseTable

    init(_ text: String, context: Context) {
        self.init(VocabularyTokens(text), context: context)
    }

    init(_ tokens: VocabularyTokens, context: Context) {
        self.tokens = tokens
        self.context = context
        phrases = switch context {
        case .feeField, .paymentMethod: Self.feeFieldTable
        case .freeText: Self.freeTextTable
        case .eligibility: Self.eligibilityTable
        }
    }

    func read() -> StatedCost? {
        if context == .feeField || context == .paymentMethod, saysNoneAsAWhole() { return StatedCost(free: true) }
        var free = false, slidingScale = false, fee = false
        var coverage: Set<Insurance> = []
        var lastCoverage: (end: Int, negated: Bool)?
        var index = 0
        while index < tokens.count {
            guard let (phrase, meaning) = phrases.longestMatch(in: tokens, at: index) else {
                index += 1
                continue
            }
            let end = index + phrase.count
            switch meaning {
            case .free:
                if describesTheService(free: phrase, at: index, end: end) { free = true }
            case .slidingScale:
                slidingScale = true
            case .fee:
                if !isNegated(index, end) && !isBlankedOut(after: end) { fee = true }
            case .insurance(let plan):
                let negated = isNegated(index, end) || continuesNegatedList(lastCoverage, at: index)
                lastCoverage = (end, negated)
                let accepted = plan == .uninsured || context != .freeText || isAccepted(index, end)
                if !negated && accepted { coverage.insert(plan) }
            case .insuranceInGeneral:
                // "Medicaid insurance", "CHIP insurance": the plan was already read.
                let namesAPlan = lastCoverage?.end == index
                let negated = isNegated(index, end) || continuesNegatedList(lastCoverage, at: index)
                if !namesAPlan { lastCoverage = (end, negated) }
                if !namesAPlan && !negated && isAccepted(index, end) { coverage.insert(.private) }
            }
            index = end
        }
        switch amounts() {
        case .charged: fee = true
        case .zero where context != .freeText && !fee && !slidingScale: free = true
        default: break
        }
        let cost = StatedCost(free: free, slidingScale: slidingScale, fee: fee, insurance: coverage)
        return cost.isEmpty ? nil : cost
    }

    /// Whether a payment-method text says nothing ("N/A", "Other", "Unknown").
    static func saysNothing(_ tokens: VocabularyTokens) -> Bool {
        let words = tokens.tokens.filter(\.isWord).map(\.text)
        return words.allSatisfy(nothingWords.contains)
    }

    private static let nothingWords: Set<String> = [
        "n", "a", "na", "unknown", "other", "others", "varies", "tbd", "see", "below", "call",
    ]

    /// Words before an amount that make it a limit, not a price ("households under $60,000").
    private static let limitWords: Set<String> = [
        "under", "below", "less", "up", "income", "incomes", "earning", "earn", "max", "maximum", "than",
    ]

    /// In free text an amount is a price only right after one of these ("The cost is $25").
    private static let priceWords: Set<String> = ["cost", "costs", "price", "priced", "fee", "fees", "is", "are", "of"]

    // MARK: - Free

    /// "None", "No", "$0" as the whole cost field.
    private func saysNoneAsAWhole() -> Bool {
        let meaningful = tokens.tokens.filter { !["." , "!", "-"].contains($0.text) }
        guard !meaningful.isEmpty else { return false }
        if meaningful.allSatisfy({ ["none", "no", "nothing", "ninguno", "ninguna", "nada", "nil"].contains($0.text) }) { return true }
        // "0", "$0", "$0.00", "0.00".
        return meaningful.allSatisfy { $0.text == "$" || $0.text == "." || ($0.isNumber && $0.number == 0) }
            && meaningful.contains(where: \.isNumber)
    }

    /// "Free" in a cost field unless it is part of "toll-free", "feel free", "drug-free" or describes an
    /// extra ("free parking"); in free text, "is free" unless what is free is an extra ("parking is free").
    private func describesTheService(free phrase: [String], at start: Int, end: Int) -> Bool {
        if phrase == ["free"] {
            let before = tokens.text(at: start - 1)
            if before == "-" && !tokens[start].followsSpace {
                return ["cost", "fee", "charge"].contains(tokens.text(at: start - 2))
            }
            if CostPhrases.freeModifiers.contains(before) { return false }
            if CostPhrases.freeExtras.contains(tokens.text(at: end)) { return false }
            return true
        }
        if phrase.first == "is" || phrase.first == "are" {
            var subject = start - 1
            if ["always", "also"].contains(tokens.text(at: subject)) { subject -= 1 }
            return !CostPhrases.freeExtras.contains(tokens.text(at: subject))
        }
        return true
    }

    // MARK: - Negation

    /// A negation earlier in the clause ("does not accept Medicaid", "no fees or charges") or right
    /// after ("Medicaid is not accepted").
    private func isNegated(_ start: Int, _ end: Int) -> Bool {
        var index = start - 1
        while index >= 0, start - index <= 4, !isClauseBreak(index) {
            if CostPhrases.isNegation(tokens.text(at: index)) { return true }
            index -= 1
        }
        index = end
        while index < tokens.count, index - end < 3, !isClauseBreak(index) {
            if tokens.text(at: index) == "not" || tokens.text(at: index).hasSuffix("n't") { return true }
            index += 1
        }
        return false
    }

    /// "does not accept Medicaid, CHIP or private insurance": each plan in a negated list is negated.
    private func continuesNegatedList(_ last: (end: Int, negated: Bool)?, at start: Int) -> Bool {
        guard let last, last.negated, last.end <= start else { return false }
        return (last.end..<start).allSatisfy { [",", "or", "and", "nor", "/", "&", "o", "y", "ni"].contains(tokens.text(at: $0)) }
    }

    private func isClauseBreak(_ index: Int) -> Bool {
        let text = tokens.text(at: index)
        return VocabularyTokens.clauseEnds.contains(text) || text == "," || text == "but"
    }

    /// "Fee: N/A", "Fees - unknown": the field names fees only to say nothing about them.
    private func isBlankedOut(after end: Int) -> Bool {
        guard [":", "-"].contains(tokens.text(at: end)) else { return false }
        let next = tokens.text(at: end + 1)
        return ["unknown", "tbd", "na"].contains(next) || tokens.matches(["n", "/", "a"], at: end + 1)
    }

    /// A word that says coverage is taken, in the same sentence: "Medicaid accepted", "we bill
    /// private insurance", "in-network with most plans". In a cost field or a list of ways to pay,
    /// naming coverage is saying it is taken ("Insurance", "Medicaid").
    private func isAccepted(_ start: Int, _ end: Int) -> Bool {
        if context == .paymentMethod || context == .feeField { return true }
        var index = start - 1
        while index >= 0, !VocabularyTokens.clauseEnds.contains(tokens.text(at: index)) {
            if CostPhrases.acceptance.contains(tokens.text(at: index)) { return true }
            index -= 1
        }
        index = end
        while index < tokens.count, !VocabularyTokens.clauseEnds.contains(tokens.text(at: index)) {
            if CostPhrases.acceptance.contains(tokens.text(at: index)) { return true }
            index += 1
        }
        return false
    }

    // MARK: - Amounts

    enum Amounts { case none, zero, charged }

    /// "$25", "$ 25.00", "25 dollars", "USD 10". An amount that is a limit ("households under $60,000",
    /// "up to $500 in assistance") is not a price.
    private func amounts() -> Amounts {
        var sawZero = false
        for index in tokens.indices where tokens[index].isNumber {
            let isMoney = tokens.text(at: index - 1) == "$" || tokens.text(at: index - 1) == "usd"
                || ["dollars", "dollar", "usd"].contains(tokens.text(at: index + 1))
            guard isMoney, let value = tokens[index].number else { continue }
            // "$0.00" and "$.50" are read by their whole part; cents alone are still a charge.
            let cents = tokens.text(at: index + 1) == "." ? tokens.number(at: index + 2) ?? 0 : 0
            if value == 0 && cents == 0 {
                sawZero = true
                continue
            }
            let before = (max(0, index - 4)..<index).map { tokens.text(at: $0) }
            if before.contains(where: Self.limitWords.contains) { continue }
            if context == .freeText && !before.contains(where: Self.priceWords.contains) { continue }
            return .charged
        }
        return sawZero ? .zero : .none
    }

    // MARK: - Tables

    private static let feeFieldTable = PhraseTable(CostPhrases.feeField)
    private static let freeTextTable = PhraseTable(CostPhrases.freeText)
    private static let eligibilityTable = PhraseTable(CostPhrases.eligibility)
}

/// Phrases (tokenized) with what they mean, found longest first.
struct PhraseTable {
    private let meanings: [[String]: CostPhrases.Meaning]
    private let firstWords: Set<String>
    private let longest: Int

    init(_ meanings: [[String]: CostPhrases.Meaning]) {
        self.meanings = meanings
        firstWords = Set(meanings.keys.compactMap(\.first))
        longest = meanings.keys.map(\.count).max() ?? 0
    }

    func longestMatch(in tokens: VocabularyTokens, at index: Int) -> ([String], CostPhrases.Meaning)? {
        guard firstWords.contains(tokens.text(at: index)) else { return nil }
        for length in stride(from: min(longest, tokens.count - index), through: 1, by: -1) {
            let phrase = (index..<(index + length)).map { tokens.text(at: $0) }
            if let meaning = meanings[phrase] { return (phrase, meaning) }
        }
        return nil
    }
}
