/// The best `capacity` candidates seen so far, as a binary heap with the worst on top, so a
/// barrier with thousands of candidates costs O(n log k) and never a full sort.
///
/// Order: higher score first, then smaller service id — a total order, so the kept set and its
/// order do not depend on the order candidates arrive in.
struct TopK {
    struct Entry {
        var score: Double
        var slot: Int32
    }

    let capacity: Int
    private(set) var heap: [Entry] = []
    private let labels: [ServiceLabel]

    init(capacity: Int, labels: [ServiceLabel]) {
        self.capacity = max(0, capacity)
        self.labels = labels
        threshold = self.capacity == 0 ? .infinity : -.infinity
        heap.reserveCapacity(min(self.capacity, 1024))
    }

    var isFull: Bool { heap.count >= capacity }

    /// Score a candidate must reach to have a chance; scores strictly below it can be skipped.
    /// Stored, not computed, because the hot loop reads it for every candidate.
    private(set) var threshold: Double

    mutating func offer(score: Double, slot: Int32) {
        guard capacity > 0 else { return }
        let entry = Entry(score: score, slot: slot)
        if heap.count < capacity {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if ranksBefore(entry, heap[0]) {
            heap[0] = entry
            siftDown(0)
        }
        if isFull { threshold = heap[0].score }
    }

    /// Best first.
    func sorted() -> [Entry] { heap.sorted { ranksBefore($0, $1) } }

    private func ranksBefore(_ a: Entry, _ b: Entry) -> Bool {
        if a.score != b.score { return a.score > b.score }
        return labels[Int(a.slot)].id < labels[Int(b.slot)].id
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard ranksBefore(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var worst = parent
            if left < heap.count, ranksBefore(heap[worst], heap[left]) { worst = left }
            if right < heap.count, ranksBefore(heap[worst], heap[right]) { worst = right }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
