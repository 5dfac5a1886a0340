import Foundation
import Logging
import Notifications
import ServiceLifecycle
import Storage

/// How the delivery worker runs.
public struct DeliveryConfiguration: Sendable {
    /// nil: email is off, email rows stay pending (and the log says so) until SMTP is configured.
    public var smtp: SMTPConfiguration?
    public var retry: RetryPolicy
    public var pollInterval: Duration
    /// How long a claimed row is held before another worker may take it (a killed worker's rows
    /// come back after it). Longer than one SMTP or webhook attempt takes.
    public var lease: TimeInterval
    public var batchSize: Int

    public init(smtp: SMTPConfiguration?, retry: RetryPolicy = RetryPolicy(), pollInterval: Duration = .seconds(2),
                lease: TimeInterval = 120, batchSize: Int = 50) {
        self.smtp = smtp
        self.retry = retry
        self.pollInterval = pollInterval
        self.lease = lease
        self.batchSize = batchSize
    }

    /// SMTP from `CLOSELOOP_SMTP_*`; `CLOSELOOP_OUTBOX_LEASE_SECONDS` and `CLOSELOOP_OUTBOX_POLL_MS`
    /// change the lease and the idle poll (tests shorten them).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DeliveryConfiguration {
        var configuration = DeliveryConfiguration(smtp: SMTPConfiguration.fromEnvironment(environment))
        if let lease = environment["CLOSELOOP_OUTBOX_LEASE_SECONDS"].flatMap(Double.init), lease > 0 { configuration.lease = lease }
        if let poll = environment["CLOSELOOP_OUTBOX_POLL_MS"].flatMap(Int.init), poll > 0 { configuration.pollInterval = .milliseconds(poll) }
        return configuration
    }
}

/// What one round of delivery did.
public struct DeliveryRound: Sendable, Hashable {
    public var delivered = 0
    public var retrying = 0
    public var dead = 0

    public init(delivered: Int = 0, retrying: Int = 0, dead: Int = 0) {
        self.delivered = delivered
        self.retrying = retrying
        self.dead = dead
    }

    public var claimed: Int { delivered + retrying + dead }
}

/// Delivers due outbox rows: claims a batch, sends each, and marks it delivered only after the
/// send succeeded, so a crash in between sends it again (same delivery id) after the lease.
public struct OutboxWorker: Sendable {
    public let store: OutboxStore
    public let configuration: DeliveryConfiguration
    public let clock: @Sendable () -> Date
    public let logger: Logger
    let webhooks = WebhookSender()
    /// Runs after a send succeeded and before the row is marked (tests stop the worker here, as a
    /// `kill -9` would); throwing leaves the row claimed and undelivered.
    let afterSend: @Sendable (OutboxMessage) async throws -> Void

    public init(
        store: OutboxStore, configuration: DeliveryConfiguration, clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "closeloop.outbox"),
        afterSend: @escaping @Sendable (OutboxMessage) async throws -> Void = { _ in }
    ) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.afterSend = afterSend
    }

    var channels: Set<NotificationChannel> { configuration.smtp == nil ? [.webhook] : [.email, .webhook] }

    /// One claim-and-deliver round over what is due now.
    public func deliverDue() async throws -> DeliveryRound {
        var round = DeliveryRound()
        let messages = try await store.claimDue(channels: channels, now: clock(), lease: configuration.lease, limit: configuration.batchSize)
        for message in messages {
            do {
                try await send(message)
            } catch {
                let outcome = try await store.markFailed(message, error: String(describing: error), policy: configuration.retry, now: clock())
                switch outcome {
                case .retryAt(let next):
                    round.retrying += 1
                    logger.warning("notification not delivered; will retry", metadata: [
                        "delivery_id": "\(message.deliveryID)", "attempt": "\(message.attempts)", "next_attempt": "\(next)", "error": "\(error)",
                    ])
                case .dead:
                    round.dead += 1
                    logger.error("notification not delivered; gave up (dead letter, see /admin/outbox)", metadata: [
                        "delivery_id": "\(message.deliveryID)", "attempts": "\(message.attempts)", "error": "\(error)",
                    ])
                }
                continue
            }
            try await afterSend(message)
            try await store.markDelivered(id: message.id, now: clock())
            round.delivered += 1
        }
        return round
    }

    func send(_ message: OutboxMessage) async throws {
        switch message.channel {
        case .email:
            guard let smtp = configuration.smtp else { throw SMTPError.cannotConnect(host: "", port: 0, reason: "SMTP is not configured") }
            try await SMTPClient(configuration: smtp).send(SMTPMessage(
                from: smtp.from, to: message.recipient, subject: message.subject ?? message.event, body: message.body,
                deliveryID: message.deliveryID, date: clock()))
        case .sms:
            // Never claimed (see `channels`); kept pending for a gateway.
            throw SMTPError.cannotConnect(host: "", port: 0, reason: "no SMS gateway is configured")
        case .webhook:
            guard let organization = message.organizationID, let webhook = try await store.webhook(organizationID: organization) else {
                throw WebhookError.noWebhook(organizationID: message.organizationID ?? "?")
            }
            // The row keeps the URL it was written for; the secret is read now, so a rotated one applies.
            try await webhooks.post(body: message.body, to: message.recipient, secret: webhook.secret, deliveryID: message.deliveryID,
                                    event: message.event, now: clock())
        }
    }

    /// Rounds until cancelled: at once again while a round found work, otherwise after `pollInterval`.
    public func run() async {
        if configuration.smtp == nil {
            logger.notice("SMTP is not configured (CLOSELOOP_SMTP_HOST): email notifications are written to the outbox and stay pending")
        }
        while !Task.isCancelled {
            var busy = false
            do {
                busy = try await deliverDue().claimed > 0
            } catch is CancellationError {
                return
            } catch {
                logger.error("outbox delivery round failed", metadata: ["error": "\(error)"])
            }
            if !busy { try? await Task.sleep(for: configuration.pollInterval) }
        }
    }
}

/// The worker as a lifecycle service of `closeloop serve`, started once the store is migrated.
public struct OutboxDeliveryService: Service {
    let worker: OutboxWorker
    let storeReady: Latch

    public init(worker: OutboxWorker, storeReady: Latch) {
        self.worker = worker
        self.storeReady = storeReady
    }

    public func run() async {
        await InFlight.track("service.outbox") {
            await cancelWhenGracefulShutdown {
                guard (try? await storeReady.wait()) != nil else { return }
                await worker.run()
            }
        }
    }
}
