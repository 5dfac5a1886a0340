import Foundation
import SQLKit

/// A write that may be retried: its reply is stored in the write's own transaction, so a retry
/// (same user, same key) gets that first reply and no second effect.
public struct IdempotentWrite<Result: Sendable>: Sendable {
    public var userID: String
    public var key: String
    /// Hash of what was asked; the same key with a different request is refused.
    public var fingerprint: String
    public var status: Int
    public var reply: @Sendable (Result) throws -> String

    public init(userID: String, key: String, fingerprint: String, status: Int, reply: @escaping @Sendable (Result) throws -> String) {
        self.userID = userID
        self.key = key
        self.fingerprint = fingerprint
        self.status = status
        self.reply = reply
    }
}

/// A reply kept for an idempotency key.
public struct StoredReply: Sendable, Equatable {
    public var fingerprint: String
    public var status: Int
    public var body: String
}

extension ReferralStore {
    public func storedReply(userID: String, key: String) async throws -> StoredReply? {
        try await sql.select().columns("fingerprint", "status", "body").from("idempotency_keys")
            .where("user_id", .equal, userID).where("key", .equal, key).first()
            .map { StoredReply(fingerprint: try $0.decode(column: "fingerprint", as: String.self),
                               status: try $0.decode(column: "status", as: Int.self),
                               body: try $0.decode(column: "body", as: String.self)) }
    }

    /// Runs `body` in a transaction and, for an idempotent write, records its reply before commit.
    func transaction<R: Sendable>(
        _ idempotency: IdempotentWrite<R>?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await database.transaction { db in
            let result = try await body(db)
            if let idempotency {
                try await db.insert(into: "idempotency_keys")
                    .columns("user_id", "key", "fingerprint", "status", "body", "created_at")
                    .values(SQLBind(idempotency.userID), SQLBind(idempotency.key), SQLBind(idempotency.fingerprint),
                            SQLBind(idempotency.status), SQLBind(try idempotency.reply(result)), SQLBind(Clock.nowSeconds()))
                    .run()
            }
            return result
        }
    }
}

/// What identifies a request for idempotency: method, path and body, hashed.
public enum RequestFingerprint {
    public static func of(_ parts: [String], body: Data) -> String {
        var data = Data(parts.joined(separator: "\n").utf8)
        data.append(0)
        data.append(body)
        return TokenHash.hash(data)
    }
}
