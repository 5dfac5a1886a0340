/// Student groups a partner may need to know about to serve the family (only if consent shares `groups`).
public enum StudentGroup: String, Codable, CaseIterable, Sendable, Hashable {
    case englishLearner = "english_learner"
    case disability
    case foster
    case homeless
    case lowIncome = "low_income"
}
