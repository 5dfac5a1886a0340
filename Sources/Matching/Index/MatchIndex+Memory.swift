import Directory

extension MatchIndex {
    /// Heap bytes the index holds, counted from its arrays' capacities and element sizes, with
    /// hash tables at their capacity and strings longer than the 15 bytes Swift stores inline
    /// counted with their allocation header. Strings are shared with the snapshot the index was
    /// built from until that is released, then owned by the index; they are counted here. An
    /// estimate for reports (allocator rounding and the barrier vocabulary are left out).
    public var estimatedBytes: Int {
        let stringHeader = 32
        func heapBytes(_ string: String) -> Int {
            let count = string.utf8.count
            return count > 15 ? stringHeader + count : 0
        }
        var bytes = facets.capacity * MemoryLayout<IndexedService>.stride
        bytes += labels.capacity * MemoryLayout<ServiceLabel>.stride
        bytes += labels.reduce(0) { $0 + heapBytes($1.id) + heapBytes($1.name) + heapBytes($1.organizationID) }
        bytes += sites.estimatedBytes
        bytes += candidates.reduce(0) { total, list in
            total + list.bands.reduce(0) { total, band in
                total + band.groups.reduce(0) { total, group in
                    total + MemoryLayout<CandidateGroup>.stride + group.gates.capacity * MemoryLayout<FilterGate>.stride
                        + group.postings.capacity * MemoryLayout<Posting>.stride
                } + band.groups.count * (MemoryLayout<CandidateGroup.Cell?>.stride + MemoryLayout<Int>.stride + 1)
            }
        }
        // The keys share their storage with the labels' ids (both are the service's id string).
        bytes += slotByID.capacity * (MemoryLayout<String>.stride + MemoryLayout<Int32>.stride + 1)
        bytes += freeSlots.capacity * MemoryLayout<Int32>.stride
        return bytes
    }
}
