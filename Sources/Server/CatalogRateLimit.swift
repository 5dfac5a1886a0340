import Foundation
import Hummingbird
import Synchronization

/// Token buckets per client address: each client may spend `burst` requests at once and gets
/// `perSecond` back each second. Buckets that have refilled are dropped, so memory follows the
/// clients active in the last `burst / perSecond` seconds.
public final class TokenBucket: Sendable {
    public struct Rate: Sendable, Hashable {
        public var perSecond: Double
        public var burst: Double

        public init(perSecond: Double, burst: Double) {
            self.perSecond = perSecond
            self.burst = burst
        }

        /// `PER_SECOND/BURST`, e.g. `20/100`; nil for anything else.
        public init?(_ text: String) {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let perSecond = Double(parts[0]), let burst = Double(parts[1]),
                  perSecond > 0, burst >= 1 else { return nil }
            self.init(perSecond: perSecond, burst: burst)
        }
    }

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    let rate: Rate
    private let clock: @Sendable () -> Date
    private let buckets = Mutex([String: Bucket]())
    /// Above this many clients, full buckets are swept before a new one is added.
    private let sweepAbove = 10_000

    public init(rate: Rate, clock: @escaping @Sendable () -> Date) {
        self.rate = rate
        self.clock = clock
    }

    /// Takes one token for `client`; when there is none, the seconds until there is one.
    public func take(_ client: String) -> TimeInterval? {
        let now = clock()
        return buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: rate.burst, updated: now)
            bucket.tokens = min(rate.burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate.perSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[client] = bucket
                return (1 - bucket.tokens) / rate.perSecond
            }
            bucket.tokens -= 1
            if buckets[client] == nil, buckets.count >= sweepAbove {
                let full = rate.burst / rate.perSecond
                buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < full }
            }
            buckets[client] = bucket
            return nil
        }
    }
}

/// Anonymous reads of the public catalog are rate limited per client address, so one scraper
/// cannot take the directory's capacity from everyone else. A client over its rate gets 429 with
/// `Retry-After` (whole seconds) and a problem document; signed-in API clients are not limited
/// here (their tokens can be revoked), nor is anything outside the catalog.
struct CatalogRateLimit: RouterMiddleware {
    typealias Context = AppRequestContext
    let bucket: TokenBucket
    let limits: ClientLimits

    static let catalogPrefixes = ["/api/v1/services", "/api/v1/organizations/", "/api/v1/barriers", "/api/v1/schools", "/hsds"]

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard context.user == nil, request.method == .get || request.method == .head,
              Self.isCatalog(request.uri.path),
              let wait = bucket.take(limits.clientAddress(request, peer: context.remoteAddress)) else {
            return try await next(request, context)
        }
        let seconds = max(1, Int(wait.rounded(.up)))
        var response = try Problem(
            status: .tooManyRequests, code: "rate_limited", title: "Too many requests",
            detail: "this client has read the catalog faster than \(Self.describe(bucket.rate)); retry after \(seconds) s"
        ).response(from: request, context: context)
        response.headers[.retryAfter] = String(seconds)
        return response
    }

    static func isCatalog(_ path: String) -> Bool {
        catalogPrefixes.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    static func describe(_ rate: TokenBucket.Rate) -> String {
        "\(String(format: "%g", rate.perSecond)) requests a second (bursts of \(Int(rate.burst)))"
    }
}
