/// Why a report cannot be made as asked; the API turns each into a problem naming the parameter.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The period is empty, reversed or too long (the parameter at fault and why).
    case invalidPeriod(parameter: String, message: String)
    /// A school outside the caller's scope (answered like an unknown id).
    case schoolNotVisible(String)

    public var description: String {
        switch self {
        case .invalidPeriod(_, let message): message
        case .schoolNotVisible(let id): "no school with id '\(id)' among yours"
        }
    }
}
