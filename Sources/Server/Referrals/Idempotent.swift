import Foundation
import HTTPTypes
import Hummingbird
import Referrals
import Storage

/// `Idempotency-Key` on POSTs: the first reply is stored with the write, and a retry with the same
/// key (and the same request) gets that reply again without a second effect — but only while the
/// caller may still read what it says: each route's `ReplayCheck` asks again first.
struct Idempotent {
    let store: ReferralStore

    /// Run before a stored reply is given again: throws what a fresh request would get when the caller
    /// lost access since (404 for a student or referral no longer visible; a revoked token or a
    /// disabled user never gets this far: 401), and returns the body to send instead of the stored
    /// one when the caller now reads less of it (a partner whose consent ended), or nil to keep it.
    typealias ReplayCheck = @Sendable (StoredReply) async throws -> String?

    static let maxKeyLength = 200

    func respond<R: Sendable, Body: Encodable>(
        to request: Request, body: Data, user: User, status: HTTPResponse.Status,
        reply: @escaping @Sendable (R) throws -> Body,
        beforeReplay: ReplayCheck,
        perform: (IdempotentWrite<R>?) async throws -> R
    ) async throws -> Response {
        guard let key = request.headers[.idempotencyKey] else {
            return try Self.response(status: status, body: try Self.json(reply(try await perform(nil))))
        }
        // As the API document says: 1 to 200 visible ASCII characters, so a key is stored and compared as sent.
        guard (1...Self.maxKeyLength).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Problem.invalidParameter(
                "Idempotency-Key", "an Idempotency-Key is 1 to \(Self.maxKeyLength) visible ASCII characters, without spaces")
        }
        let fingerprint = RequestFingerprint.of([request.method.rawValue, request.uri.path], body: body)
        if let stored = try await replay(userID: user.id, key: key, fingerprint: fingerprint, check: beforeReplay) { return stored }
        let write = IdempotentWrite<R>(userID: user.id, key: key, fingerprint: fingerprint, status: Int(status.code)) { result in
            try Self.json(reply(result))
        }
        do {
            let result = try await perform(write)
            return try Self.response(status: status, body: try write.reply(result))
        } catch {
            // A concurrent retry may have committed first; its reply is the answer.
            if let stored = try await replay(userID: user.id, key: key, fingerprint: fingerprint, check: beforeReplay) { return stored }
            throw error
        }
    }

    private func replay(userID: String, key: String, fingerprint: String, check: ReplayCheck) async throws -> Response? {
        guard let stored = try await store.storedReply(userID: userID, key: key) else { return nil }
        guard stored.fingerprint == fingerprint else { throw ReferralStoreError.idempotencyKeyReused(key) }
        let body = try await check(stored) ?? stored.body
        var response = try Self.response(status: HTTPResponse.Status(code: stored.status), body: body)
        response.headers[.idempotentReplayed] = "true"
        return response
    }

    /// The `id` of the resource a stored reply describes (a student or referral just created).
    static func storedID(_ reply: StoredReply) throws -> String {
        struct Created: Decodable { let id: String }
        return try JSONDecoder().decode(Created.self, from: Data(reply.body.utf8)).id
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
    }

    static func response(status: HTTPResponse.Status, body: String) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
