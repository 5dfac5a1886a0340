import Foundation
import Logging
import NIOCore
import PostgresKit

extension Database {
    /// Wakes the caller when the directory may have changed in another process. On PostgreSQL that is
    /// a LISTEN on a dedicated connection (with a slow poll as a safety net across reconnects); SQLite
    /// has no notifications, so it polls, which for a local file costs one indexed MAX per tick.
    /// Signals coalesce: a slow consumer sees one wake-up for many changes.
    public func changeSignals(logger: Logger, pollInterval: Duration? = nil) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let interval = pollInterval ?? (listenConfiguration == nil ? .milliseconds(250) : .seconds(5))
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                continuation.yield()
            }
        }
        let listener = listenConfiguration.map { configuration in
            Task { await Self.listen(configuration: configuration, logger: logger, continuation: continuation) }
        }
        let tasks = [ticker] + (listener.map { [$0] } ?? [])
        continuation.onTermination = { _ in tasks.forEach { $0.cancel() } }
        return stream
    }

    private static func listen(
        configuration: PostgresConnection.Configuration, logger: Logger, continuation: AsyncStream<Void>.Continuation
    ) async {
        var attempt = 0
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                attempt = 0
                do {
                    try await connection.listen(on: DirectoryStore.changeChannel) { notifications in
                        // Anything committed while we were not listening is caught up by this first wake-up.
                        continuation.yield()
                        for try await _ in notifications { continuation.yield() }
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch {
                if Task.isCancelled { return }
                attempt += 1
                logger.warning("directory change listener: \(String(describing: error)); retrying", metadata: ["attempt": "\(attempt)"])
                try? await Task.sleep(for: .seconds(min(attempt, 5)))
            }
        }
    }
}
