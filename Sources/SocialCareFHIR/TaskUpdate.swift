import Referrals

/// An agency's `Task` update read as the `ReferralCommand` the JSON events route would receive.
/// Only the status and what that status needs are read; everything else in the posted Task (its
/// focus, owner, …) is ours and is ignored. The state machine then judges the command as it
/// judges the JSON API's (same roles, states, required fields and refusals).
///
/// | Task.status | action | read from the Task |
/// |---|---|---|
/// | accepted | accept | — |
/// | rejected | decline | `statusReason.coding` (`urn:closeloop:decline-reason`) |
/// | in-progress | schedule | `executionPeriod.start`: the intake date |
/// | on-hold | waitlist | `output` `expected-wait-weeks` (integer) or `expected-wait-not-known` (true) |
/// | completed | confirm_connection | `executionPeriod.start`: the first service date; `output` `confirmed-by` (default: the caller's role, partner or coordinator); `before-intake-confirmed` |
/// | cancelled | cancel | — |
/// | failed | mark_unreachable | — |
/// | entered-in-error | mark_entered_in_error | — |
///
/// `note[0].text`, when given, is the event's note.
public enum TaskUpdate {
    public static func command(from task: FHIRTask, role: Role) throws(TaskUpdateError) -> ReferralCommand {
        guard task.resourceType == "Task" else { throw .notATask(task.resourceType) }
        guard let statusText = task.status else { throw .missingStatus }
        guard let status = FHIRTaskStatus(rawValue: statusText) else { throw .unknownStatus(statusText) }
        guard let action = ReferralStatusMapping.action(for: status) else { throw .statusNotSettable(status) }
        var command = ReferralCommand(action, note: task.note?.first?.text)
        switch action {
        case .decline:
            if let reasonConcept = task.statusReason {
                let codes = (reasonConcept.coding ?? []).compactMap(\.code)
                guard let reason = codes.lazy.compactMap(DeclineReason.init(rawValue:)).first else {
                    throw .unknownDeclineReason(codes)
                }
                command.reason = reason
            }
        case .schedule:
            command.intakeDate = try day(task.executionPeriod?.start)
        case .waitlist:
            if let weeks = task.output(.expectedWaitWeeks) {
                guard let value = weeks.valueInteger else { throw .invalidOutput(.expectedWaitWeeks, "give valueInteger weeks") }
                command.expectedWaitWeeks = value
            }
            if let notKnown = task.output(.expectedWaitNotKnown) {
                guard let value = notKnown.valueBoolean else { throw .invalidOutput(.expectedWaitNotKnown, "give valueBoolean true") }
                command.expectedWaitNotKnown = value
            }
        case .confirmConnection:
            command.firstServiceDate = try day(task.executionPeriod?.start)
            if let confirmer = task.output(.confirmedBy) {
                guard let value = confirmer.valueCode.flatMap(ConnectionConfirmer.init(rawValue:)) else {
                    throw .invalidOutput(.confirmedBy, "valueCode is one of \(ConnectionConfirmer.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                command.confirmedBy = value
            } else {
                command.confirmedBy = switch role {
                case .partner: .partner
                case .coordinator: .coordinator
                case .admin, .district, .family: nil
                }
            }
            if let flag = task.output(.beforeIntakeConfirmed) {
                guard let value = flag.valueBoolean else { throw .invalidOutput(.beforeIntakeConfirmed, "give valueBoolean true") }
                command.beforeIntakeConfirmed = value
            }
        default:
            break
        }
        return command
    }

    /// Where in a Task the JSON API's field `name` (a `RequiredField` wire name) is given, for
    /// refusals that name it.
    public static func fhirPath(forField name: String) -> String {
        switch RequiredField(rawValue: name) {
        case .reason?: "Task.statusReason"
        case .intakeDate?, .firstServiceDate?: "Task.executionPeriod.start"
        case .confirmedBy?: "Task.output[\(TaskOutputCode.confirmedBy.rawValue)]"
        case .expectedWait?: "Task.output[\(TaskOutputCode.expectedWaitWeeks.rawValue)]"
        case .familyAnswer?: name  // a check-in answer, never from a Task
        case nil: name == "before_intake_confirmed" ? "Task.output[\(TaskOutputCode.beforeIntakeConfirmed.rawValue)]" : name
        }
    }

    /// A FHIR date or dateTime's day as the sender wrote it ("2026-11-25" or "2026-11-25T09:00:00-05:00").
    static func day(_ text: String?) throws(TaskUpdateError) -> CalendarDate? {
        guard let text else { return nil }
        guard text.count >= 10, let day = CalendarDate(String(text.prefix(10))) else { throw .invalidDate(text) }
        return day
    }
}

/// Why a posted Task could not be read as a command (before the state machine sees it): 422s.
public enum TaskUpdateError: Error, Sendable, Hashable {
    case notATask(String)
    case missingStatus
    case unknownStatus(String)
    case statusNotSettable(FHIRTaskStatus)
    case unknownDeclineReason([String])
    case invalidDate(String)
    case invalidOutput(TaskOutputCode, String)

    /// Stable code for problem documents.
    public var code: String {
        switch self {
        case .notATask: "not_a_task"
        case .missingStatus: "missing_fields"
        case .unknownStatus, .statusNotSettable: "unsupported_task_status"
        case .unknownDeclineReason: "unknown_decline_reason"
        case .invalidDate, .invalidOutput: "invalid_field"
        }
    }

    /// The FHIR path at fault.
    public var parameter: String {
        switch self {
        case .notATask: "resourceType"
        case .missingStatus, .unknownStatus, .statusNotSettable: "Task.status"
        case .unknownDeclineReason: "Task.statusReason"
        case .invalidDate: "Task.executionPeriod.start"
        case .invalidOutput(let code, _): "Task.output[\(code.rawValue)]"
        }
    }

    public var message: String {
        switch self {
        case .notATask(let type): "the body is a \(type), not a Task"
        case .missingStatus: "Task.status is required"
        case .unknownStatus(let status): "'\(status)' is not a status a referral's Task takes; one of \(Self.settable)"
        case .statusNotSettable(let status): "a Task cannot be set to \(status.rawValue) here; one of \(Self.settable)"
        case .unknownDeclineReason(let codes):
            "statusReason \(codes.isEmpty ? "has no code" : "codes \(codes.joined(separator: ", ")) are not decline reasons"); "
                + "give one of \(DeclineReason.allCases.map(\.rawValue).joined(separator: ", ")) in \(FHIRSystem.declineReason)"
        case .invalidDate(let text): "'\(text)' is not a FHIR date (YYYY-MM-DD)"
        case .invalidOutput(let code, let hint): "Task.output \(code.rawValue): \(hint)"
        }
    }

    /// The statuses an update may set.
    static var settable: String {
        FHIRTaskStatus.allCases.filter { ReferralStatusMapping.action(for: $0) != nil }.map(\.rawValue).joined(separator: ", ")
    }
}
