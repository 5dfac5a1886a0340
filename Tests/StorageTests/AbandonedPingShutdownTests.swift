import Foundation
import Logging
import ServiceLifecycle
@testable import Storage
import Testing
import TestSupport

/// A suspect of the idle CI hang (router-test applications whose PostgreSQL pool kept running after
/// every other service had ended, under load where pings missed their 10 s): the ping behind
/// `migrate(logger:reachWithin:)` gives up on a query the pool still holds, and the pool is then
/// asked to stop. The database service must still end. (It does here, on a quiet machine.)
@Suite("Database: shutdown after a ping gave up")
struct AbandonedPingShutdownTests {
    @Test(arguments: [1, 5, 20, 50])
    func theServiceEndsAfterAPingThatGaveUpOnAReachableServer(microseconds: Int) async throws {
        guard TestBackend.available.contains(.postgres) else { return }
        try await withFreshLocation(.postgres) { location in
            let database = try Database.open(location, logger: TestBackend.logger)
            let group = ServiceGroup(configuration: .init(services: [database], logger: TestBackend.logger))
            let ended = Latch()
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    try await group.run()
                    ended.open()
                }
                try await database.untilRunning()
                // Too short for any connection to be made: the ping gives up while the pool connects.
                await #expect(throws: StoreError.self) {
                    try await database.migrate(logger: TestBackend.logger, reachWithin: .microseconds(microseconds))
                }
                await group.triggerGracefulShutdown()
                let stopped = try await withThrowingTaskGroup(of: Bool.self) { race in
                    race.addTask { try await ended.wait(); return true }
                    race.addTask { try await Task.sleep(for: .seconds(60)); return false }
                    let first = try await race.next()!
                    race.cancelAll()
                    return first
                }
                #expect(stopped, "the database service did not end within 60 s of graceful shutdown")
                if !stopped { tasks.cancelAll() }
                try? await tasks.waitForAll()
            }
        }
    }
}
