import Foundation
import Synchronization

/// Starts child processes one at a time in this process. Foundation's `Process.run()` on Linux has
/// crashed (SIGSEGV in a `memcpy` while it copied a child's arguments and environment) when several
/// threads started children at once: the test suite's CLI, browser and server tests beside the HSDS
/// reader's `unzip`. Starting takes milliseconds; the children still run side by side.
public enum LaunchLock {
    private static let lock = Mutex(())

    /// Runs `process` (already configured) under the lock.
    public static func run(_ process: Process) throws {
        try lock.withLock { _ in try process.run() }
    }
}
