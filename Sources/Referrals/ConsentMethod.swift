/// How the family gave consent to share education records.
public enum ConsentMethod: String, Codable, CaseIterable, Sendable, Hashable {
    case written
    case verbal
    case electronic
}
