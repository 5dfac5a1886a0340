/// What an update does to one optional field: a field the request does not mention is kept, one
/// it sends empty (JSON `null`, a blank form input) is cleared, one it sends with a value is set.
public enum FieldChange<Value: Sendable & Hashable>: Sendable, Hashable {
    case keep
    case clear
    case set(Value)

    /// The field's value after the change.
    public func applied(to current: Value?) -> Value? {
        switch self {
        case .keep: current
        case .clear: nil
        case .set(let value): value
        }
    }
}
