/// One barrier's candidates as two parallel arrays in ascending slot order: the filter gates
/// every match scans, and the postings read only for candidates that pass. Sorted by slot so a
/// service is found by binary search when it changes.
struct CandidateList: Sendable {
    private(set) var gates: [FilterGate] = []
    private(set) var postings: [Posting] = []

    var count: Int { postings.count }

    /// Adds the service at `slot`, or replaces it when already listed.
    mutating func set(slot: Int, _ service: IndexedService) {
        let gate = FilterGate(service), posting = Posting(slot: slot, service)
        // Bulk builds add slots in ascending order; keep that path O(1).
        if postings.last.map({ $0.slot < posting.slot }) ?? true {
            gates.append(gate)
            postings.append(posting)
            return
        }
        let index = lowerBound(of: posting.slot)
        if index < postings.count, postings[index].slot == posting.slot {
            gates[index] = gate
            postings[index] = posting
        } else {
            gates.insert(gate, at: index)
            postings.insert(posting, at: index)
        }
    }

    /// Replaces the service at `slot` if it is listed here.
    mutating func refresh(slot: Int, _ service: IndexedService) {
        guard let index = position(of: slot) else { return }
        gates[index] = FilterGate(service)
        postings[index] = Posting(slot: slot, service)
    }

    mutating func remove(slot: Int) {
        guard let index = position(of: slot) else { return }
        gates.remove(at: index)
        postings.remove(at: index)
    }

    private func position(of slot: Int) -> Int? {
        let index = lowerBound(of: Int32(slot))
        return index < postings.count && postings[index].slot == Int32(slot) ? index : nil
    }

    private func lowerBound(of slot: Int32) -> Int {
        var low = 0, high = postings.count
        while low < high {
            let mid = (low + high) / 2
            if postings[mid].slot < slot { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
