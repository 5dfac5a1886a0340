/// The located sites of every service, stored three to a service in one flat array (most
/// services have one to three sites), so reading them costs no pointer chase. Services with more
/// sites keep the rest in a side table.
struct SiteStore: Sendable {
    static let inlinePerService = 3

    private var inline: [SitePoint] = []
    private var counts: [Int32] = []
    private var overflow: [Int: [SitePoint]] = [:]

    private static let placeholder = SitePoint(.init(lat: 0, lon: 0), transitAccessible: nil)

    func count(of slot: Int) -> Int { Int(counts[slot]) }

    func site(_ index: Int, of slot: Int) -> SitePoint {
        index < Self.inlinePerService
            ? inline[slot * Self.inlinePerService + index]
            : overflow[slot]![index - Self.inlinePerService]
    }

    /// Every located site of the service in `slot`, in order.
    func points(of slot: Int) -> [SitePoint] {
        guard slot < counts.count else { return [] }
        return (0..<count(of: slot)).map { site($0, of: slot) }
    }

    /// Grows the store so `slot` exists.
    mutating func reserve(slot: Int) {
        while counts.count <= slot {
            counts.append(0)
            inline.append(contentsOf: repeatElement(Self.placeholder, count: Self.inlinePerService))
        }
    }

    mutating func set(_ sites: [SitePoint], for slot: Int) {
        reserve(slot: slot)
        counts[slot] = Int32(sites.count)
        for (index, site) in sites.prefix(Self.inlinePerService).enumerated() {
            inline[slot * Self.inlinePerService + index] = site
        }
        overflow[slot] = sites.count > Self.inlinePerService ? Array(sites.dropFirst(Self.inlinePerService)) : nil
    }
}

extension SiteStore {
    /// Bytes of the flat arrays and the side table (see `MatchIndex.estimatedBytes`).
    var estimatedBytes: Int {
        inline.capacity * MemoryLayout<SitePoint>.stride + counts.capacity * MemoryLayout<Int32>.stride
            + overflow.capacity * (MemoryLayout<Int>.stride + MemoryLayout<[SitePoint]>.stride)
            + overflow.values.reduce(0) { $0 + $1.capacity * MemoryLayout<SitePoint>.stride }
    }
}
