/// Ages served, in whole years, both ends inclusive. Either end may be unknown: "19 and over" is
/// `min 19, max nil`, and `AgeRange()` says nothing at all.
public struct AgeRange: Sendable, Hashable {
    public var min: Int?
    public var max: Int?

    public init(min: Int? = nil, max: Int? = nil) {
        self.min = min
        self.max = max
    }

    /// Whether the feed said anything about ages.
    public var isStated: Bool { min != nil || max != nil }

    /// Whether the age is within the stated ends; an end not stated does not limit.
    public func contains(_ age: Int) -> Bool {
        (min.map { age >= $0 } ?? true) && (max.map { age <= $0 } ?? true)
    }

    /// The range that covers both, for two statements about one service: an end either leaves open
    /// stays open.
    public func widened(to other: AgeRange) -> AgeRange {
        AgeRange(
            min: min.flatMap { mine in other.min.map { Swift.min(mine, $0) } },
            max: max.flatMap { mine in other.max.map { Swift.max(mine, $0) } })
    }
}

extension AgeRange: Codable {
    enum CodingKeys: String, CodingKey { case min, max }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            min: try container.decodeIfPresent(Int.self, forKey: .min),
            max: try container.decodeIfPresent(Int.self, forKey: .max))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(min, forKey: .min)
        try container.encode(max, forKey: .max)
    }
}
