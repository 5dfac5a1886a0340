import Foundation
#if canImport(Glibc)
import CMalloc
#endif

/// Loads tables into a read of their own on another thread. The read is reached by that thread
/// only until it signals, and by the caller only after, so it needs no locks.
final class ConcurrentTableLoad: @unchecked Sendable {
    private var read: HSDSImport?
    private let done = DispatchSemaphore(value: 0)

    init(_ read: HSDSImport, _ load: @escaping @Sendable (HSDSImport) -> Void) {
        self.read = read
        let thread = Thread { [self] in
            load(self.read!)
            done.signal()
        }
        // As the feed reader's thread: the CSV tokenizer's memos and dictionaries are not shallow.
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Waits for the load, lets `take` copy what it needs out of the read, then lets the read go and
    /// hands the loading thread's free memory back to the system (see `HSDSLinkedData.adoptCopies`).
    func finish(_ take: (HSDSImport) -> Void) {
        done.wait()
        take(read!)
        read = nil
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }
}
