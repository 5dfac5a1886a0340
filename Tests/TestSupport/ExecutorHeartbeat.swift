import Foundation
import Storage
import Synchronization

/// Tells on standard error when the process stops running Swift concurrency jobs. Clean-clone CI
/// has hung with every thread idle and about twenty tests in progress; this tells apart "the
/// global (or background) executor no longer runs jobs it was given" from "some task awaits a
/// continuation nobody resumes". A plain thread, outside both executors, hands each a job every
/// five seconds and reports an executor none of whose jobs ran for a minute, and again when one does.
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
            Task.detached { lastBeat.withLock { $0["global"] = clock.now } }
            Task.detached(executorPreference: BackgroundExecutor.shared) { lastBeat.withLock { $0["background"] = clock.now } }
            Thread.sleep(forTimeInterval: 5)
            let beats = lastBeat.withLock { $0 }
            for executor in ["global", "background"] {
                let silence = clock.now - (beats[executor] ?? startedAt)
                if silence > .seconds(60), !stalled.contains(executor) {
                    stalled.insert(executor)
                    report("the \(executor) executor ran no job for \(silence); threads: \(threadCount())")
                } else if silence < .seconds(60), stalled.contains(executor) {
                    stalled.remove(executor)
                    report("the \(executor) executor runs jobs again")
                }
            }
        }
    }

    private static func threadCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1
    }

    private static func report(_ message: String) {
        FileHandle.standardError.write(Data("==> executor heartbeat: \(message)\n".utf8))
    }
}
