import Foundation
import Referrals
import SocialCareFHIR
import Testing

@Suite("FHIR Task update → referral command")
struct TaskUpdateTests {
    static func task(_ json: String) throws -> FHIRTask {
        try FHIRJSON.decode(FHIRTask.self, from: Data(json.utf8))
    }

    @Test func eachSettableStatusIsOneAction() throws {
        let expected: [FHIRTaskStatus: ReferralAction] = [
            .accepted: .accept, .rejected: .decline, .inProgress: .schedule, .onHold: .waitlist, .completed: .confirmConnection,
            .cancelled: .cancel, .failed: .markUnreachable, .enteredInError: .markEnteredInError,
        ]
        for status in FHIRTaskStatus.allCases {
            #expect(ReferralStatusMapping.action(for: status) == expected[status], "\(status)")
            // The action leads back to the status it was asked with (the mapping is consistent both ways).
            if let action = expected[status], case .moves(let state) = TransitionTable.rule(for: action).outcome {
                #expect(state.fhirTaskStatus == status, "\(action)")
            }
        }
    }

    @Test func rejectedReadsTheDeclineCodeAndRefusesUnknownOnes() throws {
        let command = try TaskUpdate.command(from: try Self.task("""
            {"resourceType": "Task", "status": "rejected",
             "statusReason": {"coding": [{"system": "urn:closeloop:decline-reason", "code": "out_of_area"}], "text": "Out of area"},
             "note": [{"text": "we only serve the north side"}]}
            """), role: .partner)
        #expect(command.action == .decline)
        #expect(command.reason == .outOfArea)
        #expect(command.note == "we only serve the north side")

        #expect(throws: TaskUpdateError.unknownDeclineReason(["too_busy"])) {
            try TaskUpdate.command(from: try Self.task("""
                {"resourceType": "Task", "status": "rejected", "statusReason": {"coding": [{"code": "too_busy"}], "text": "busy"}}
                """), role: .partner)
        }
        // No statusReason at all: the machine reports the missing reason, named where the Task carries it.
        let bare = try TaskUpdate.command(from: try Self.task(#"{"resourceType": "Task", "status": "rejected"}"#), role: .partner)
        #expect(bare.reason == nil)
        #expect(TaskUpdate.fhirPath(forField: "reason") == "Task.statusReason")
    }

    @Test func inProgressAndCompletedTakeTheirDayFromTheExecutionPeriod() throws {
        let scheduled = try TaskUpdate.command(from: try Self.task("""
            {"resourceType": "Task", "status": "in-progress", "executionPeriod": {"start": "2026-12-01T09:30:00-05:00"}}
            """), role: .partner)
        #expect(scheduled.action == .schedule)
        #expect(scheduled.intakeDate == CalendarDate("2026-12-01"))

        let connected = try TaskUpdate.command(from: try Self.task("""
            {"resourceType": "Task", "status": "completed", "executionPeriod": {"start": "2026-11-20"}}
            """), role: .partner)
        #expect(connected.action == .confirmConnection)
        #expect(connected.firstServiceDate == CalendarDate("2026-11-20"))
        #expect(connected.confirmedBy == .partner)

        let byFamily = try TaskUpdate.command(from: try Self.task("""
            {"resourceType": "Task", "status": "completed", "executionPeriod": {"start": "2026-11-20"},
             "output": [{"type": {"coding": [{"system": "urn:closeloop:task-output", "code": "confirmed-by"}]}, "valueCode": "family"},
                        {"type": {"coding": [{"system": "urn:closeloop:task-output", "code": "before-intake-confirmed"}]}, "valueBoolean": true}]}
            """), role: .coordinator)
        #expect(byFamily.confirmedBy == .family)
        #expect(byFamily.beforeIntakeConfirmed == true)

        #expect(throws: TaskUpdateError.invalidDate("next week")) {
            try TaskUpdate.command(from: try Self.task(#"{"resourceType": "Task", "status": "in-progress", "executionPeriod": {"start": "next week"}}"#), role: .partner)
        }
    }

    @Test func onHoldReadsTheExpectedWait() throws {
        let weeks = try TaskUpdate.command(from: try Self.task("""
            {"resourceType": "Task", "status": "on-hold",
             "output": [{"type": {"coding": [{"system": "urn:closeloop:task-output", "code": "expected-wait-weeks"}]}, "valueInteger": 8}]}
            """), role: .partner)
        #expect(weeks.action == .waitlist)
        #expect(weeks.expectedWait == .weeks(8))
        let unknown = try TaskUpdate.command(from: try Self.task("""
            {"resourceType": "Task", "status": "on-hold",
             "output": [{"type": {"coding": [{"system": "urn:closeloop:task-output", "code": "expected-wait-not-known"}]}, "valueBoolean": true}]}
            """), role: .partner)
        #expect(unknown.expectedWait == .notKnown)
        #expect(throws: TaskUpdateError.invalidOutput(.expectedWaitWeeks, "give valueInteger weeks")) {
            try TaskUpdate.command(from: try Self.task("""
                {"resourceType": "Task", "status": "on-hold",
                 "output": [{"type": {"coding": [{"system": "urn:closeloop:task-output", "code": "expected-wait-weeks"}]}, "valueCode": "soon"}]}
                """), role: .partner)
        }
    }

    @Test func statusesNoAgencyMaySetAreRefused() throws {
        for status in ["draft", "requested"] {
            #expect(throws: TaskUpdateError.statusNotSettable(FHIRTaskStatus(rawValue: status)!)) {
                try TaskUpdate.command(from: try Self.task(#"{"resourceType": "Task", "status": "\#(status)"}"#), role: .partner)
            }
        }
        #expect(throws: TaskUpdateError.unknownStatus("received")) {
            try TaskUpdate.command(from: try Self.task(#"{"resourceType": "Task", "status": "received"}"#), role: .partner)
        }
        #expect(throws: TaskUpdateError.missingStatus) {
            try TaskUpdate.command(from: try Self.task(#"{"resourceType": "Task"}"#), role: .partner)
        }
        #expect(throws: TaskUpdateError.notATask("ServiceRequest")) {
            try TaskUpdate.command(from: try Self.task(#"{"resourceType": "ServiceRequest", "status": "accepted"}"#), role: .partner)
        }
    }
}
