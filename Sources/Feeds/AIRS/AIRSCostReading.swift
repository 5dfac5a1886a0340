/// What a SiteService's fee and eligibility elements state about cost, through the shared
/// `StatedCost`: `<FeeStructure>` (and payment elements) for the kind of cost and coverage,
/// `<Eligibility>` for coverage only ("Must have Medicaid"). Fee text that states nothing readable
/// ("Call for details") is kept for a warning; the cost stays unknown.
struct AIRSCostReading: Hashable {
    /// nil when neither states anything.
    let stated: StatedCost?
    /// Fee texts from which nothing could be read.
    let unreadableFees: [String]

    init(fees: [String], eligibility: [String]) {
        var stated: StatedCost?
        var unreadable: [String] = []
        for text in fees {
            if let read = StatedCost.fromFeeField(FeedPlainText.plainText(text)) {
                stated = read.merged(with: stated)
            } else {
                unreadable.append(text)
            }
        }
        for text in eligibility {
            if let read = StatedCost.fromEligibility(FeedPlainText.plainText(text)) { stated = read.merged(with: stated) }
        }
        self.stated = stated
        // One readable fee text tells the cost; the others are notes beside it.
        unreadableFees = stated?.kind == nil ? unreadable : []
    }
}
