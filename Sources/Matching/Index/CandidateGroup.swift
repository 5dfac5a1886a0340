import Directory

/// The candidates of one barrier that share an intensity and an enrollment status, as two
/// parallel arrays in ascending slot order: the filter gates every match scans, and the postings
/// read only for candidates that pass. Sorted by slot so a service is found by binary search when
/// it changes.
///
/// The group also keeps a summary of its postings — the best value each ranking factor can take
/// in it — from which a profile computes an upper bound on any member's score
/// (`PreparedProfile.bound(_:)`), so the matcher can skip a group that cannot beat its top k.
struct CandidateGroup: Sendable {
    let intensity: Intensity
    let enrollment: EnrollmentStatus
    private(set) var gates: [FilterGate] = []
    private(set) var postings: [Posting] = []
    private(set) var summary = Summary()

    /// The best each ranking factor can be among the group's postings. After a removal it is
    /// recomputed, so it stays exact rather than merely an upper bound.
    struct Summary: Sendable {
        /// Union of the members' settings and of their (listed) time windows.
        var settings = FacetMask<Setting>()
        var windows = FacetMask<TimeWindow>()
        /// Some member lists no hours (its schedule fit is `unknownHoursFit`).
        var someHoursUnlisted = false
        /// Some member is virtual or visits homes, so its access does not depend on the home.
        var someNeedNoTravel = false
        /// Shortest stated waitlist, in weeks (`Int16.max` when none is stated).
        var shortestWaitlistWeeks = Int16.max
        /// Some member is on a waitlist without an estimate.
        var someWaitlistUnestimated = false
        /// Latest verification (seconds since the reference date); -infinity when none was verified.
        var latestVerified = -Double.infinity

        mutating func include(_ posting: Posting) {
            settings = settings.union(posting.settings)
            windows = windows.union(posting.windows)
            someHoursUnlisted = someHoursUnlisted || posting.windows.isEmpty
            someNeedNoTravel = someNeedNoTravel || posting.needsNoTravel
            if posting.waitlistWeeks < 0 {
                someWaitlistUnestimated = true
            } else {
                shortestWaitlistWeeks = min(shortestWaitlistWeeks, posting.waitlistWeeks)
            }
            if !posting.lastVerified.isNaN { latestVerified = max(latestVerified, posting.lastVerified) }
        }
    }

    init(intensity: Intensity, enrollment: EnrollmentStatus) {
        self.intensity = intensity
        self.enrollment = enrollment
    }

    var count: Int { postings.count }

    func contains(slot: Int) -> Bool { position(of: slot) != nil }

    /// Adds the service at `slot`, or replaces it when already listed.
    mutating func set(slot: Int, _ service: IndexedService) {
        let gate = FilterGate(service), posting = Posting(slot: slot, service)
        // Bulk builds add slots in ascending order; keep that path O(1).
        if postings.last.map({ $0.slot < posting.slot }) ?? true {
            gates.append(gate)
            postings.append(posting)
            summary.include(posting)
            return
        }
        let index = lowerBound(of: posting.slot)
        if index < postings.count, postings[index].slot == posting.slot {
            gates[index] = gate
            postings[index] = posting
            resummarize()
        } else {
            gates.insert(gate, at: index)
            postings.insert(posting, at: index)
            summary.include(posting)
        }
    }

    /// Replaces the service at `slot` if it is listed here.
    mutating func refresh(slot: Int, _ service: IndexedService) {
        guard let index = position(of: slot) else { return }
        gates[index] = FilterGate(service)
        postings[index] = Posting(slot: slot, service)
        resummarize()
    }

    /// Drops the service at `slot`; returns whether it was listed here.
    @discardableResult
    mutating func remove(slot: Int) -> Bool {
        guard let index = position(of: slot) else { return false }
        gates.remove(at: index)
        postings.remove(at: index)
        resummarize()
        return true
    }

    private mutating func resummarize() {
        summary = Summary()
        for posting in postings { summary.include(posting) }
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
