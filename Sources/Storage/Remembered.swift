import Synchronization

/// A value that, once the store holds it, never changes for the life of the database — read from
/// the store once per process instead of on every request (the pseudonym key: written once, never
/// replaced). Nothing is remembered until the store has it.
final class Remembered<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    var value: Value? { stored.withLock { $0 } }

    func remember(_ value: Value) { stored.withLock { $0 = value } }
}
