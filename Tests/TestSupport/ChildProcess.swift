import ChildProcesses
import Foundation
import Synchronization

/// A child process a test starts and waits for without blocking a thread.
///
/// Foundation's `waitUntilExit()` spins a run loop on the calling thread until the child's end is
/// noticed; it has been reported to hang on Linux (swiftlang/swift#79881) and, on one of the two
/// cooperative threads of this machine, it stalls every other test while it waits. Here the end is
/// taken from `terminationHandler`, installed before the child starts so that it cannot be missed,
/// and awaited. Stopping is SIGKILL: a child started from a thread that blocks SIGTERM inherits the
/// block, and has been seen to outlive `terminate()`.
public final class ChildProcess: Sendable {
    private struct State {
        var status: (Int32, Process.TerminationReason)?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    public let process: Process
    private let state = Mutex(State())

    /// Starts `process`, already configured (executable, arguments, standard streams).
    public init(starting process: Process) throws {
        self.process = process
        process.terminationHandler = { [self] ended in finish(ended.terminationStatus, ended.terminationReason) }
        // One launch at a time with every other module's children (see `LaunchLock`).
        try LaunchLock.run(process)
    }

    private func finish(_ status: Int32, _ reason: Process.TerminationReason) {
        let waiting = state.withLock { state in
            state.status = (status, reason)
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiting { waiter.resume() }
    }

    public var processIdentifier: Int32 { process.processIdentifier }
    public var hasExited: Bool { state.withLock { $0.status != nil } }

    /// Waits for the child to end; its exit status (or signal number) and how it ended.
    @discardableResult
    public func exit() async -> (status: Int32, reason: Process.TerminationReason) {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ended = state.withLock { state in
                if state.status != nil { return true }
                state.waiters.append(continuation)
                return false
            }
            if ended { continuation.resume() }
        }
        return state.withLock { $0.status! }
    }

    /// Waits up to `limit` for the child to end; nil when it is still running.
    public func exit(within limit: Duration) async -> (status: Int32, reason: Process.TerminationReason)? {
        let deadline = ContinuousClock.now + limit
        while !hasExited {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await exit()
    }

    /// SIGKILL, then waits for the end.
    @discardableResult
    public func kill() async -> (status: Int32, reason: Process.TerminationReason) {
        if !hasExited { Foundation.kill(process.processIdentifier, SIGKILL) }
        return await exit()
    }
}

extension ChildProcess {
    /// What a finished command wrote and how it ended.
    public struct Finished: Sendable {
        public var status: Int32
        public var reason: Process.TerminationReason
        public var output: String
        public var errors: String
    }

    /// Runs `executable` to its end with its output and errors in temporary files (a pipe read only
    /// after the end would block a chatty child), standard input from `/dev/null`.
    public static func run(_ executable: URL, _ arguments: [String], in currentDirectory: URL? = nil) async throws -> Finished {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputFile = folder.appendingPathComponent("output"), errorsFile = folder.appendingPathComponent("errors")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorsFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputFile), errors = try FileHandle(forWritingTo: errorsFile)
        defer {
            try? output.close()
            try? errors.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        let ended = await (try ChildProcess(starting: process)).exit()
        return Finished(
            status: ended.status, reason: ended.reason,
            output: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOf: errorsFile, encoding: .utf8)) ?? "")
    }
}
