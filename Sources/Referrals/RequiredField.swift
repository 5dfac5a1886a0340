/// A command field some action cannot do without; raw values are the wire names reported back in a 422.
public enum RequiredField: String, Codable, CaseIterable, Sendable, Hashable {
    case reason
    case intakeDate = "intake_date"
    case firstServiceDate = "first_service_date"
    case confirmedBy = "confirmed_by"
    /// Weeks, or "not known" said on purpose (`expected_wait_not_known`); reported by the weeks' name.
    case expectedWait = "expected_wait_weeks"
    case familyAnswer = "family_answer"

    func isPresent(in command: ReferralCommand) -> Bool {
        switch self {
        case .reason: command.reason != nil
        case .intakeDate: command.intakeDate != nil
        case .firstServiceDate: command.firstServiceDate != nil
        case .confirmedBy: command.confirmedBy != nil
        case .expectedWait: command.expectedWait != nil
        case .familyAnswer: command.familyAnswer != nil
        }
    }
}
