import Dispatch
import Foundation
import Storage

/// Prints `InFlight`'s waits in progress on standard error when the process gets SIGUSR1:
/// scripts/test-watchdog.py sends it when the test process sits idle with tests in progress.
enum InFlightReport {
    nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?

    static func install() {
        signal(SIGUSR1, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGUSR1, queue: .global())
        source.setEventHandler {
            let waits = InFlight.snapshot.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("==> in flight: \(waits.isEmpty ? "nothing" : waits)\n".utf8))
        }
        source.resume()
        Self.source = source
    }
}
