import Directory

/// The directory's values for what the shared vocabulary read from a feed.
extension StatedAges {
    var asAgeRange: AgeRange { AgeRange(min: min, max: max) }
}

extension StatedCost {
    var asCost: Cost { Cost(kind: kind, insurance: insurance) }
}

/// What an eligibility text states that matching uses: the ages it speaks of ("Grades 6-8" read as
/// ages 11–14, "youth ages 13 to 24") and the coverage it asks for ("Must have Medicaid"). Eligibility
/// is prose, so the caller marks what this finds as inferred.
struct EligibilityFacts: Hashable, Sendable {
    let ages: StatedAges?
    let cost: StatedCost?

    /// `plain` is plain text (see `FeedPlainText`).
    init(_ plain: String) {
        guard !plain.isEmpty else {
            ages = nil
            cost = nil
            return
        }
        ages = StatedAges.fromFreeText(plain)
        cost = StatedCost.fromEligibility(plain)
    }
}
