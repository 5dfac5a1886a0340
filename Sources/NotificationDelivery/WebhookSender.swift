import AsyncHTTPClient
import Foundation
import NIOCore
import Notifications

/// Why a webhook was not delivered. Every case is a failed attempt (retried, then dead).
public enum WebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    case noWebhook(organizationID: String)
    case status(Int)
    case transport(String)

    public var description: String {
        switch self {
        case .noWebhook(let organization): "organization \(organization) has no webhook any more"
        case .status(let code): "webhook answered HTTP \(code)"
        case .transport(let reason): "webhook not reached: \(reason.prefix(300))"
        }
    }
}

/// POSTs the stored JSON with `X-Closeloop-Signature: sha256=<HMAC of the body>`, the timestamp,
/// the event and the delivery id (for the receiver to deduplicate by). Any 2xx is delivered.
public struct WebhookSender: Sendable {
    public var timeout: TimeAmount

    public init(timeout: TimeAmount = .seconds(15)) {
        self.timeout = timeout
    }

    public func post(body: String, to url: String, secret: String, deliveryID: String, event: String, now: Date) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        let bytes = Array(body.utf8)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "closeloop-webhooks")
        request.headers.add(name: WebhookSignature.header, value: WebhookSignature.sign(bytes, secret: secret))
        request.headers.add(name: WebhookSignature.timestampHeader, value: String(Int(now.timeIntervalSince1970)))
        request.headers.add(name: WebhookSignature.deliveryIDHeader, value: deliveryID)
        request.headers.add(name: WebhookSignature.eventHeader, value: event)
        request.body = .bytes(ByteBuffer(bytes: bytes))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: timeout)
        } catch {
            throw WebhookError.transport(String(describing: error))
        }
        // Read (and drop) the body so the connection can be reused.
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(Int(response.status.code)) else { throw WebhookError.status(Int(response.status.code)) }
    }
}
