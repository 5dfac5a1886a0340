import Directory

/// A set of values of a small facet vocabulary (settings, coverages, time windows, domains) as
/// bits, so a filter or a fit is one AND instead of an array search.
struct FacetMask<Facet: CaseIterable & Equatable>: Hashable, Sendable where Facet.AllCases.Index == Int {
    private(set) var bits: UInt16

    init() { bits = 0 }

    init(_ facets: some Sequence<Facet>) {
        bits = 0
        for facet in facets { insert(facet) }
    }

    mutating func insert(_ facet: Facet) { bits |= Self.bit(facet) }

    func contains(_ facet: Facet) -> Bool { bits & Self.bit(facet) != 0 }

    func intersects(_ other: Self) -> Bool { bits & other.bits != 0 }

    func intersection(_ other: Self) -> Self { Self(bits: bits & other.bits) }

    func union(_ other: Self) -> Self { Self(bits: bits | other.bits) }

    var isEmpty: Bool { bits == 0 }

    var count: Int { bits.nonzeroBitCount }

    /// Members in vocabulary order, for explanations.
    var members: [Facet] { Facet.allCases.filter(contains) }

    private init(bits: UInt16) { self.bits = bits }

    private static func bit(_ facet: Facet) -> UInt16 {
        // Vocabularies are tiny (≤ 6 cases); the precondition guards growth into the two top
        // bits, which `FilterGate` uses as flags next to the coverage bits.
        let position = Facet.allCases.firstIndex(of: facet)!
        precondition(position < 14, "facet vocabulary too large for FacetMask")
        return 1 << UInt16(position)
    }
}
