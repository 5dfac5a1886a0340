import Foundation

/// When a failed delivery is tried again: exponential backoff from `base`, capped, and after
/// `maximumAttempts` attempts the message is dead (listed for an administrator, never retried).
public struct RetryPolicy: Sendable, Hashable {
    public var base: TimeInterval
    public var cap: TimeInterval
    public var maximumAttempts: Int

    public init(base: TimeInterval = 30, cap: TimeInterval = 3_600, maximumAttempts: Int = 8) {
        self.base = base
        self.cap = cap
        self.maximumAttempts = maximumAttempts
    }

    /// The wait after the `attempts`-th failed attempt (1 → base, 2 → 2·base, …, at most `cap`);
    /// nil when no attempt is left.
    public func delay(afterAttempts attempts: Int) -> TimeInterval? {
        guard attempts < maximumAttempts else { return nil }
        let exponent = Double(max(0, attempts - 1))
        return min(cap, base * pow(2, exponent))
    }
}
