import Foundation
import Notifications
import SQLKit

/// One outbox row as the delivery worker and the admin page read it.
public struct OutboxMessage: Sendable, Hashable {
    public var id: Int
    public var deliveryID: String
    public var channel: NotificationChannel
    public var recipient: String
    public var userID: String?
    public var organizationID: String?
    public var event: String
    public var referralID: String
    public var subject: String?
    public var body: String
    public var status: OutboxStatus
    /// Attempts started, the current one included once it is claimed.
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
}

/// A webhook an organization receives its referrals at.
public struct OrganizationWebhook: Sendable, Hashable {
    public var organizationID: String
    public var url: String
    public var secret: String

    public init(organizationID: String, url: String, secret: String) {
        self.organizationID = organizationID
        self.url = url
        self.secret = secret
    }
}

/// What becomes of a message after a failed attempt.
public enum OutboxFailureOutcome: Sendable, Hashable {
    case retryAt(Date)
    case dead
}

/// The outbox's rows and the settings deliveries need, on SQLite and PostgreSQL with one code path.
public struct OutboxStore: Sendable {
    public let database: Database
    var sql: any SQLDatabase { database.sql }

    public init(database: Database) {
        self.database = database
    }

    /// Takes up to `limit` due pending rows of `channels` for one worker: each gets one more attempt
    /// and its next attempt moved to `now + lease`, in one statement. Two workers never take the same
    /// row while its lease runs (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite has one writer); a
    /// worker killed before it marks the row leaves it due again after the lease.
    public func claimDue(
        channels: Set<NotificationChannel>, now: Date, lease: TimeInterval, limit: Int
    ) async throws -> [OutboxMessage] {
        guard !channels.isEmpty, limit > 0 else { return [] }
        // Raw values of a closed enum: safe to write into the statement.
        let channelList = channels.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        let lock = database.backend == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let nowSeconds = Clock.seconds(now)!
        let leaseUntil = nowSeconds + Int(lease.rounded(.up))
        // An idle server looks first (a read takes no lock), so polling does not queue a write
        // behind every request on SQLite's one writer.
        let due = try await sql.raw("""
            SELECT id FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= \(bind: nowSeconds)
                AND channel IN (\(unsafeRaw: channelList)) LIMIT 1
            """).first()
        guard due != nil else { return [] }
        // Writes go through `database.transaction`, which queues SQLite writers on the store's write
        // gate; a write beside it would hold the lock while a gated writer's short busy wait ran out.
        let rows = try await database.transaction { db in
            try await db.raw("""
            UPDATE outbox_messages SET attempts = attempts + 1, next_attempt_at = \(bind: leaseUntil)
            WHERE id IN (SELECT id FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= \(bind: nowSeconds)
                AND channel IN (\(unsafeRaw: channelList)) ORDER BY next_attempt_at, id LIMIT \(bind: limit)\(unsafeRaw: lock))
            RETURNING *
            """).all().map(Self.message(from:))
        }
        return rows.sorted { $0.id < $1.id }
    }

    /// After the send succeeded, and only then.
    public func markDelivered(id: Int, now: Date) async throws {
        try await database.transaction { db in
            try await db.update("outbox_messages")
            .set("status", to: OutboxStatus.delivered.rawValue).set("delivered_at", to: Clock.seconds(now)!)
            .set("last_error", to: SQLLiteral.null)
            .where("id", .equal, id).where("status", .equal, OutboxStatus.pending.rawValue).run()
        }
    }

    /// After a failed attempt: retried after the policy's backoff, or dead when none is left.
    @discardableResult
    public func markFailed(_ message: OutboxMessage, error: String, policy: RetryPolicy, now: Date) async throws -> OutboxFailureOutcome {
        let reason = String(error.prefix(1_000))
        let outcome: OutboxFailureOutcome
        if let delay = policy.delay(afterAttempts: message.attempts) {
            outcome = .retryAt(Clock.date(Clock.seconds(now)! + Int(delay.rounded(.up)))!)
        } else {
            outcome = .dead
        }
        try await database.transaction { db in
            var update = db.update("outbox_messages").set("last_error", to: reason)
            switch outcome {
            case .retryAt(let next): update = update.set("next_attempt_at", to: Clock.seconds(next)!)
            case .dead: update = update.set("status", to: OutboxStatus.dead.rawValue)
            }
            try await update.where("id", .equal, message.id).where("status", .equal, OutboxStatus.pending.rawValue).run()
        }
        return outcome
    }

    /// A dead message back in the queue, due now with its attempts counted from zero (admin page).
    public func retry(id: Int, now: Date) async throws -> Bool {
        try await database.transaction { db in
            !(try await db.update("outbox_messages")
                .set("status", to: OutboxStatus.pending.rawValue).set("attempts", to: 0).set("next_attempt_at", to: Clock.seconds(now)!)
                .where("id", .equal, id).where("status", .equal, OutboxStatus.dead.rawValue).returning("id").all()).isEmpty
        }
    }

    /// Messages in one status, newest first.
    public func messages(status: OutboxStatus, limit: Int = 200) async throws -> [OutboxMessage] {
        try await sql.select().column("*").from("outbox_messages").where("status", .equal, status.rawValue)
            .orderBy("id", .descending).limit(limit).all().map(Self.message(from:))
    }

    /// Every message of a referral, oldest first.
    public func messages(referralID: String) async throws -> [OutboxMessage] {
        try await sql.select().column("*").from("outbox_messages").where("referral_id", .equal, referralID)
            .orderBy("id").all().map(Self.message(from:))
    }

    /// How many rows are in each status.
    public func counts() async throws -> [OutboxStatus: Int] {
        var counts: [OutboxStatus: Int] = [:]
        for row in try await sql.select().column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("outbox_messages").groupBy("status").all() {
            if let status = OutboxStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                counts[status] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    // MARK: settings

    public func setWebhook(_ webhook: OrganizationWebhook, now: Date = Date()) async throws {
        try await database.transaction { db in
            try await db.delete(from: "organization_webhooks").where("organization_id", .equal, webhook.organizationID).run()
            try await db.insert(into: "organization_webhooks").columns("organization_id", "url", "secret", "updated_at")
                .values(SQLBind(webhook.organizationID), SQLBind(webhook.url), SQLBind(webhook.secret), SQLBind(Clock.seconds(now)!))
                .run()
        }
    }

    public func webhook(organizationID: String) async throws -> OrganizationWebhook? {
        try await sql.select().columns("url", "secret").from("organization_webhooks").where("organization_id", .equal, organizationID)
            .first().map { OrganizationWebhook(organizationID: organizationID, url: try $0.decode(column: "url", as: String.self),
                                                secret: try $0.decode(column: "secret", as: String.self)) }
    }

    public func setPreference(_ preference: NotificationPreference, userID: String) async throws {
        try await database.transaction { db in
            try await db.update("users").set("notification_preference", to: preference.rawValue).where("id", .equal, userID).run()
        }
    }

    public func organizationExists(_ id: String) async throws -> Bool {
        try await sql.select().column("id").from("organizations").where("id", .equal, id).first() != nil
    }

    /// A user's id from their id or email (emails compare without case).
    public func userID(idOrEmail: String) async throws -> String? {
        try await sql.select().column("id").from("users")
            .where("id", .equal, idOrEmail).orWhere(SQLFunction("lower", args: SQLIdentifier("email")), .equal, SQLBind(idOrEmail.lowercased()))
            .first().map { try $0.decode(column: "id", as: String.self) }
    }

    public func preference(userID: String) async throws -> NotificationPreference? {
        try await sql.select().column("notification_preference").from("users").where("id", .equal, userID).first()
            .flatMap { NotificationPreference(rawValue: try $0.decode(column: "notification_preference", as: String.self)) }
    }

    /// The base of links in messages (`https://closeloop.district.example`); kept in the store so
    /// every instance and every writer (API, pages, CLI) writes the same links.
    public func setBaseURL(_ url: String) async throws {
        try await setSetting(OutboxWriter.baseURLKey, to: url)
    }

    /// Whether referral events write outbox rows at all (on unless turned off).
    public func setEnabled(_ enabled: Bool) async throws {
        try await setSetting(OutboxWriter.enabledKey, to: enabled ? "on" : "off")
    }

    private func setSetting(_ key: String, to value: String) async throws {
        try await database.transaction { db in
            try await db.delete(from: "district_settings").where("key", .equal, key).run()
            try await db.insert(into: "district_settings").columns("key", "value").values(SQLBind(key), SQLBind(value)).run()
        }
    }

    /// Rows written so far (the benchmark's check that "on" wrote them).
    public func count() async throws -> Int {
        try await counts().values.reduce(0, +)
    }

    static func message(from row: any SQLRow) throws -> OutboxMessage {
        let id = try row.decode(column: "id", as: Int.self)
        guard let channel = NotificationChannel(rawValue: try row.decode(column: "channel", as: String.self)),
              let status = OutboxStatus(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw StoreError.integrity("outbox message \(id) has an unknown channel or status")
        }
        return OutboxMessage(
            id: id, deliveryID: try row.decode(column: "delivery_id", as: String.self), channel: channel,
            recipient: try row.decode(column: "recipient", as: String.self), userID: try row.decode(column: "user_id", as: String?.self),
            organizationID: try row.decode(column: "organization_id", as: String?.self),
            event: try row.decode(column: "event_kind", as: String.self), referralID: try row.decode(column: "referral_id", as: String.self),
            subject: try row.decode(column: "subject", as: String?.self), body: try row.decode(column: "body", as: String.self),
            status: status, attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: Clock.date(try row.decode(column: "next_attempt_at", as: Int.self))!,
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int.self))!,
            deliveredAt: Clock.date(try row.decode(column: "delivered_at", as: Int?.self)))
    }
}
