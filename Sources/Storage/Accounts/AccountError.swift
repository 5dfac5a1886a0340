/// Mistakes an administrator can make when adding or managing people.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    case emailTaken(String)
    case invalidEmail(String)
    case unknownOrganization(String)
    case unknownSchool(String)
    /// A partner needs `--org`, a coordinator at least one `--school`; other roles take neither.
    case scopeMismatch(String)
    case weakPassword(String)
    case unknownUser(String)

    public var description: String {
        switch self {
        case .emailTaken(let email): "a user with email \(email) already exists"
        case .invalidEmail(let email): "'\(email)' is not an email address"
        case .unknownOrganization(let id): "no organization with id '\(id)'"
        case .unknownSchool(let id): "no school with id '\(id)'"
        case .scopeMismatch(let reason): reason
        case .weakPassword(let reason): reason
        case .unknownUser(let key): "no user with id or email '\(key)'"
        }
    }
}
