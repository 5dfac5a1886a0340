/// A command field some action cannot do without; raw values are the wire names reported back in a 422.
public enum RequiredField: String, Codable, CaseIterable, Sendable, Hashable {
    case reason
    case intakeDate = "intake_date"
    case firstServiceDate = "first_service_date"
    case confirmedBy = "confirmed_by"
    case familyAnswer = "family_answer"

    func isPresent(in command: ReferralCommand) -> Bool {
        switch self {
        case .reason: command.reason != nil
        case .intakeDate: command.intakeDate != nil
        case .firstServiceDate: command.firstServiceDate != nil
        case .confirmedBy: command.confirmedBy != nil
        case .familyAnswer: command.familyAnswer != nil
        }
    }
}
