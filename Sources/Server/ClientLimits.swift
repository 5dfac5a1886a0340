import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage

/// What one client may cost the server: how long a connection may sit without a request, how fast
/// an anonymous client may read the catalog, and how quickly failed sign-ins slow down. The catalog's
/// buckets are kept in memory per server process; failed sign-ins are counted in the store, shared
/// by every instance on one database (`LoginThrottleStore`).
public struct ClientLimits: Sendable {
    /// A connection with no request in progress is closed after this long. That covers a client
    /// that stays silent between requests and one whose request head (or body) stops arriving:
    /// the framework counts only complete request parts as activity, so a request head trickled
    /// byte by byte is closed this long after the connection opened. nil: no limit.
    public var idleTimeout: Duration?
    /// Anonymous reads of the catalog (`GET /api/v1/services…`, organizations, barriers, schools)
    /// per client address; nil: unlimited. Signed-in API clients and the match route are not limited.
    public var catalogRate: TokenBucket.Rate?
    public var loginThrottle: LoginThrottle.Policy
    /// Take the client's address from the last `X-Forwarded-For` entry (what the reverse proxy in
    /// front of us appended) instead of the TCP peer. Only behind such a proxy: otherwise any client
    /// could claim any address.
    public var trustForwardedFor: Bool
    /// The time throttles and buckets are judged at (tests move it).
    public var clock: @Sendable () -> Date

    public init(
        idleTimeout: Duration? = .seconds(30), catalogRate: TokenBucket.Rate? = TokenBucket.Rate(perSecond: 20, burst: 100),
        loginThrottle: LoginThrottle.Policy = LoginThrottle.Policy(), trustForwardedFor: Bool = false,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.idleTimeout = idleTimeout
        self.catalogRate = catalogRate
        self.loginThrottle = loginThrottle
        self.trustForwardedFor = trustForwardedFor
        self.clock = clock
    }

    /// `CLOSELOOP_IDLE_TIMEOUT_SECONDS` (0: none), `CLOSELOOP_CATALOG_RATE` (`PER_SECOND/BURST`, or
    /// `off`), `CLOSELOOP_TRUST_FORWARDED_FOR=1`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ClientLimits {
        var limits = ClientLimits()
        if let seconds = environment["CLOSELOOP_IDLE_TIMEOUT_SECONDS"].flatMap(Double.init) {
            limits.idleTimeout = seconds > 0 ? .milliseconds(Int64(seconds * 1000)) : nil
        }
        if let text = environment["CLOSELOOP_CATALOG_RATE"], !text.isEmpty {
            // An unreadable value keeps the default: a typo must not switch the limit off.
            limits.catalogRate = text == "off" ? nil : TokenBucket.Rate(text) ?? limits.catalogRate
        }
        if let flag = environment["CLOSELOOP_TRUST_FORWARDED_FOR"] {
            limits.trustForwardedFor = ["1", "true", "yes"].contains(flag.lowercased())
        }
        return limits
    }

    /// The address throttles and buckets count by: an IP, or "unknown" when there is none (the
    /// in-process test client).
    func clientAddress(_ request: Request, peer: SocketAddress?) -> String {
        if trustForwardedFor, let forwarded = request.headers[ClientLimits.forwardedFor],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return peer?.ipAddress ?? "unknown"
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
