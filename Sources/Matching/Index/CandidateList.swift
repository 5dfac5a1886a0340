import Directory

/// One barrier's candidates, in one `CandidateGroup` per intensity and enrollment status. The split
/// lets a match take the groups most likely to hold the best suggestions first (the tier's own
/// intensity, open enrollment) and skip whole groups whose best possible score cannot reach the
/// top k it has already found; closed groups are never ranked at all.
///
/// A service sits in exactly one group; a change of enrollment moves it.
struct CandidateList: Sendable {
    /// In `groupIndex(intensity:enrollment:)` order.
    private(set) var groups: [CandidateGroup]

    init() {
        groups = Intensity.allCases.flatMap { intensity in
            EnrollmentStatus.allCases.map { CandidateGroup(intensity: intensity, enrollment: $0) }
        }
    }

    var count: Int { groups.reduce(0) { $0 + $1.count } }

    /// Adds the service at `slot`, or replaces it when already listed.
    mutating func set(slot: Int, _ service: IndexedService) {
        let target = Self.groupIndex(service)
        for index in groups.indices where index != target { groups[index].remove(slot: slot) }
        groups[target].set(slot: slot, service)
    }

    /// Replaces the service at `slot` if it is listed here, moving it when its group changed.
    mutating func refresh(slot: Int, _ service: IndexedService) {
        guard let current = groups.firstIndex(where: { $0.contains(slot: slot) }) else { return }
        let target = Self.groupIndex(service)
        if current == target {
            groups[current].refresh(slot: slot, service)
        } else {
            groups[current].remove(slot: slot)
            groups[target].set(slot: slot, service)
        }
    }

    mutating func remove(slot: Int) {
        for index in groups.indices where groups[index].remove(slot: slot) { return }
    }

    private static func groupIndex(_ service: IndexedService) -> Int {
        service.intensity.position * EnrollmentStatus.allCases.count + service.enrollment.position
    }
}

extension EnrollmentStatus {
    /// Position in `allCases`, for group lookups.
    var position: Int {
        switch self {
        case .open: 0
        case .waitlist: 1
        case .closed: 2
        }
    }
}
