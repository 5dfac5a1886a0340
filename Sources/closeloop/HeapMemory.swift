#if canImport(Glibc)
import CMalloc
#endif

/// glibc's allocator: settings for a long import.
///
/// By default glibc raises its mmap threshold each time a large block is freed (up to 32 MB), and
/// its trim threshold with it. An import frees large blocks all the time (a batch's records, an
/// insert's text), so after the first batches those come from the heap of whichever thread made
/// them, and the free space is kept there rather than returned or reused by the other threads. On
/// the 100,000-service HSDS feed that held the peak at about 300 MB; with both thresholds fixed at
/// 2 MB it is about 260 MB, at no measurable cost in time.
enum HeapMemory {
    static let thresholdBytes: Int32 = 2 << 20

    static func keepFreedMemoryFromPilingUp() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, thresholdBytes)
        _ = mallopt(M_TRIM_THRESHOLD, thresholdBytes)
        #endif
    }
}
