import Foundation
import HTTPTypes
import Hummingbird
import Referrals
import Storage

/// `Idempotency-Key` on POSTs: the first reply is stored with the write, and a retry with the same
/// key (and the same request) gets that reply again without a second effect.
struct Idempotent {
    let store: ReferralStore

    static let maxKeyLength = 200

    func respond<R: Sendable, Body: Encodable>(
        to request: Request, body: Data, user: User, status: HTTPResponse.Status,
        reply: @escaping @Sendable (R) throws -> Body,
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
        if let stored = try await replay(userID: user.id, key: key, fingerprint: fingerprint) { return stored }
        let write = IdempotentWrite<R>(userID: user.id, key: key, fingerprint: fingerprint, status: Int(status.code)) { result in
            try Self.json(reply(result))
        }
        do {
            let result = try await perform(write)
            return try Self.response(status: status, body: try write.reply(result))
        } catch {
            // A concurrent retry may have committed first; its reply is the answer.
            if let stored = try await replay(userID: user.id, key: key, fingerprint: fingerprint) { return stored }
            throw error
        }
    }

    private func replay(userID: String, key: String, fingerprint: String) async throws -> Response? {
        guard let stored = try await store.storedReply(userID: userID, key: key) else { return nil }
        guard stored.fingerprint == fingerprint else { throw ReferralStoreError.idempotencyKeyReused(key) }
        var response = try Self.response(status: HTTPResponse.Status(code: stored.status), body: stored.body)
        response.headers[.idempotentReplayed] = "true"
        return response
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
