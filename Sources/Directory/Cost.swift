/// What a service costs and which coverage it takes. `Cost()` states neither.
public struct Cost: Sendable, Hashable {
    public var kind: CostKind?
    /// Coverage the service accepts; `.uninsured` means families without coverage are served.
    /// `[]` when not stated.
    public var insurance: [Insurance]

    public init(kind: CostKind? = nil, insurance: [Insurance] = []) {
        self.kind = kind
        self.insurance = insurance
    }

    /// Whether a family with this coverage can use the service: true when it is free, when the
    /// coverage is listed, or for uninsured families at a sliding scale; false only when the facts
    /// say so (a cost that is not free with a stated list of coverage lacking it); nil when the
    /// service does not say (no cost kind, or no coverage listed for a service that is not free).
    public func accepts(_ coverage: Insurance) -> Bool? {
        if kind == .free || insurance.contains(coverage) { return true }
        if coverage == .uninsured && kind == .slidingScale { return true }
        if kind == nil || insurance.isEmpty { return nil }
        return false
    }
}

extension Cost: Codable {
    enum CodingKeys: String, CodingKey { case kind, insurance }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try container.decodeIfPresent(CostKind.self, forKey: .kind),
            insurance: try container.decodeIfPresent([Insurance].self, forKey: .insurance) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(insurance, forKey: .insurance)
    }
}
