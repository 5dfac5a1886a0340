import Foundation

/// Names the case being run if the process dies in it. A crash (a Swift trap, a bad pointer in the C
/// parser) cannot be caught as a test failure; the signal handler writes the case's replay line to
/// stderr and then hands the signal on to whatever handler was there before (Swift's backtracer), so
/// the crash report starts with the seed that reproduces it.
enum FuzzCrashLabel {
    private static let capacity = 2_048
    nonisolated(unsafe) private static let buffer: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        buffer.initialize(repeating: 0, count: capacity)
        return buffer
    }()
    /// Handlers in place before ours, by signal number (all the signals below are under 32).
    nonisolated(unsafe) private static var previous = Array<sigaction>(repeating: sigaction(), count: 32)
    nonisolated(unsafe) private static let prefix: UnsafeMutablePointer<CChar> = strdup("\ncloseloop feed fuzzer: the process crashed in ")!
    private static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]
    private static let installation: Void = {
        _ = buffer
        for signal in signals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { received in FuzzCrashLabel.handle(received) }
            #else
            action.__sigaction_u.__sa_handler = { received in FuzzCrashLabel.handle(received) }
            #endif
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[Int(signal)] = old
        }
    }()

    /// Sets the text printed if the process crashes before the next call; empty clears it.
    static func set(_ text: String) {
        _ = installation
        let bytes = Array(text.utf8.prefix(capacity - 2)) + [UInt8(ascii: "\n")]
        bytes.withUnsafeBufferPointer { source in
            buffer.withMemoryRebound(to: UInt8.self, capacity: capacity) { target in
                target.update(from: source.baseAddress!, count: source.count)
                target[source.count] = 0
            }
        }
    }

    static func clear() { buffer[0] = 0 }

    /// Only async-signal-safe calls: write(2) of buffers prepared beforehand, then sigaction.
    private static func handle(_ signal: Int32) {
        if buffer[0] != 0 {
            _ = write(2, prefix, strlen(prefix))
            _ = write(2, buffer, strlen(buffer))
        }
        // Put the previous handler back; returning re-runs the faulting instruction (abort() raises
        // again by itself), which now reaches it.
        sigaction(signal, &previous[Int(signal)], nil)
    }
}
