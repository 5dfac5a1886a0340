import Directory

/// A set of values of a small facet vocabulary (settings, coverages, time windows, domains) as
/// bits, so a filter or a fit is one AND instead of an array search.
struct FacetMask<Facet: MaskableFacet>: Hashable, Sendable {
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

    @inline(__always)
    private static func bit(_ facet: Facet) -> UInt16 {
        // Vocabularies are tiny (≤ 6 cases); the precondition guards growth into the two top
        // bits, which `FilterGate` uses as flags next to the coverage bits.
        let position = facet.maskPosition
        precondition(position < 14, "facet vocabulary too large for FacetMask")
        return 1 << UInt16(position)
    }
}

/// A vocabulary `FacetMask` can hold: each value knows its position in `allCases` without
/// asking `allCases`, which builds a new array on every call (explaining a suggestion tests a
/// few facets, and each test cost an allocation and a search).
protocol MaskableFacet: CaseIterable, Equatable where AllCases.Index == Int {
    /// The value's position in `allCases`.
    var maskPosition: Int { get }
}

extension Domain: MaskableFacet {
    var maskPosition: Int {
        switch self {
        case .academic: 0
        case .socialEmotional: 1
        case .peerRelations: 2
        case .health: 3
        case .family: 4
        case .career: 5
        }
    }
}

extension Setting: MaskableFacet {
    var maskPosition: Int {
        switch self {
        case .schoolBased: 0
        case .community: 1
        case .homeVisit: 2
        case .virtual: 3
        }
    }
}

extension Insurance: MaskableFacet {
    var maskPosition: Int {
        switch self {
        case .medicaid: 0
        case .chip: 1
        case .private: 2
        case .uninsured: 3
        }
    }
}

extension TimeWindow: MaskableFacet {
    var maskPosition: Int {
        switch self {
        case .schoolDay: 0
        case .afterSchool: 1
        case .evening: 2
        case .weekend: 3
        }
    }
}
