/// Who vouched that the family reached the service; the district weighs a partner's word
/// differently from a coordinator's.
public enum ConnectionConfirmer: String, Codable, CaseIterable, Sendable, Hashable {
    case partner
    case family
    case coordinator
}
