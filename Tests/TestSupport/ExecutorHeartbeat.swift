import Dispatch
import Foundation
import Storage
import Synchronization

/// Tells on standard error when the process stops running Swift concurrency jobs. Clean-clone CI
/// has hung with every thread idle and about twenty tests in progress; this tells apart "the
/// global (or background) executor no longer runs jobs it was given" from "some task awaits a
/// continuation nobody resumes". A plain thread, outside both executors, hands each a job once a
/// minute and reports a job that had not run 30 seconds later. The minute is on purpose: each job
/// also wakes its executor, so a stall the job ends shows in the watchdog's log (scripts/
/// test-watchdog.py reports a test process that used no CPU for 30 s) as an idle gap ending at a beat.
public enum ExecutorHeartbeat {
    private static let lastBeat = Mutex<[String: ContinuousClock.Instant]>([:])

    /// Touch to start the watcher (once per process).
    public static let started: Void = {
        let watcher = Thread { watch() }
        watcher.name = "closeloop-executor-heartbeat"
        watcher.start()
    }()

    private static func watch() {
        let clock = ContinuousClock()
        let startedAt = clock.now
        var stalled: Set<String> = []
        while true {
            let handedOver = clock.now
            Task.detached { lastBeat.withLock { $0["global"] = clock.now } }
            Task.detached(executorPreference: BackgroundExecutor.shared) { lastBeat.withLock { $0["background"] = clock.now } }
            // Timers: Task.sleep (the runtime's delayed jobs) and dispatch's own.
            Task.detached {
                try? await Task.sleep(for: .seconds(1))
                lastBeat.withLock { $0["Task.sleep"] = clock.now }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) { lastBeat.withLock { $0["dispatch timer"] = clock.now } }
            for _ in 0..<12 {
                Thread.sleep(forTimeInterval: 5)
                writeInFlight()
                let beats = lastBeat.withLock { $0 }
                for executor in ["global", "background", "Task.sleep", "dispatch timer"] {
                    let ran = (beats[executor] ?? startedAt) >= handedOver
                    if !ran, clock.now - handedOver > .seconds(30), !stalled.contains(executor) {
                        stalled.insert(executor)
                        report("the \(executor) executor has not run a job handed to it \(clock.now - handedOver) ago; threads: \(threadCount())")
                    } else if ran, stalled.contains(executor) {
                        stalled.remove(executor)
                        report("the \(executor) executor runs jobs again")
                    }
                }
            }
        }
    }

    /// `InFlight`'s waits in progress, every five seconds, to the file scripts/test names
    /// (`CLOSELOOP_IN_FLIGHT_FILE`); the watchdog prints it when the test process sits idle.
    private static func writeInFlight() {
        guard let path = ProcessInfo.processInfo.environment["CLOSELOOP_IN_FLIGHT_FILE"], !path.isEmpty else { return }
        let waits = InFlight.snapshot.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        try? Data(("\(Date()) waits in progress: " + (waits.isEmpty ? "none" : waits.joined(separator: ", ")) + "\n").utf8)
            .write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private static func threadCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1
    }

    private static func report(_ message: String) {
        FileHandle.standardError.write(Data("==> executor heartbeat: \(message)\n".utf8))
    }
}
