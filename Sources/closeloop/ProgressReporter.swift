import Foundation
import Feeds

/// Shows import progress: a redrawn bar on a terminal, nothing until the summary otherwise
/// (logs and CI output stay one line per event).
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let started = Date()
    private var lastDraw = Date.distantPast

    func update(_ progress: ReadProgress) {
        guard isTerminal else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let fraction = progress.totalBytes > 0 ? min(1, Double(progress.bytesRead) / Double(progress.totalBytes)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(progress.records) / max(now.timeIntervalSince(started), 0.001)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %3.0f%%  %d records  %.0f records/s ", bar, fraction * 100, progress.records, rate)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard isTerminal else { return }
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    var elapsed: TimeInterval { Date().timeIntervalSince(started) }
}
