import Foundation
import Logging
import ServiceLifecycle
import Storage

/// The notifications no referral event writes: follow-ups that came due (told to their owner once
/// per occurrence) and the daily digests. Each pass only writes outbox rows, claimed row by row, so
/// the delivery worker sends them like any other message (at least once, one delivery id).
///
/// Apart from `OutboxWorker` on purpose: the worker polls every two seconds and must stay a cheap
/// indexed read while idle, whereas a timer pass reads every open referral's events to judge its
/// timers; the timers count in days, so a pass a minute is plenty, and a slow pass never delays
/// delivery.
public struct NotificationTimers: Sendable {
    public let store: OutboxStore
    public let interval: Duration
    public let clock: @Sendable () -> Date
    public let logger: Logger

    public init(store: OutboxStore, interval: Duration = .seconds(60), clock: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "closeloop.notification-timers")) {
        self.store = store
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    /// `CLOSELOOP_NOTIFICATION_TIMERS_SECONDS` (default 60) changes how often a pass runs.
    public static func interval(from environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration {
        environment["CLOSELOOP_NOTIFICATION_TIMERS_SECONDS"].flatMap(Int.init).flatMap { $0 > 0 ? .seconds($0) : nil } ?? .seconds(60)
    }

    /// One pass: follow-up notices first, so a digest written in the same pass counts them.
    public func pass() async throws -> (followUps: FollowUpNoticeRound, digests: DigestRound) {
        let followUps = try await store.noticeDueFollowUps(now: clock())
        let digests = try await store.writeDueDigests(now: clock())
        if followUps.noticed > 0 || digests.claimed > 0 {
            logger.info("notification timers", metadata: [
                "followups_noticed": "\(followUps.noticed)", "followups_emailed": "\(followUps.emailed)",
                "digests_claimed": "\(digests.claimed)", "digests_written": "\(digests.written)",
            ])
        }
        return (followUps, digests)
    }

    public func run() async {
        while !Task.isCancelled {
            do {
                _ = try await pass()
            } catch is CancellationError {
                return
            } catch {
                logger.error("notification timers pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}

/// The timers as a lifecycle service of `closeloop serve`, started once the store is migrated.
public struct NotificationTimersService: Service {
    let timers: NotificationTimers
    let storeReady: Latch

    public init(timers: NotificationTimers, storeReady: Latch) {
        self.timers = timers
        self.storeReady = storeReady
    }

    public func run() async {
        await InFlight.track("service.notificationTimers") {
            await cancelWhenGracefulShutdown {
                guard (try? await storeReady.wait()) != nil else { return }
                await timers.run()
            }
        }
    }
}
