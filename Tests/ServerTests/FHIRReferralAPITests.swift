import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import SocialCareFHIR
import Storage
import Testing
import TestSupport

/// `GET /api/v1/referrals/{id}/fhir` and `PUT …/fhir/Task` through the router: the JSON API's scope,
/// audit and state machine, in FHIR. Every FHIR body is recorded for `scripts/validate-fhir.py`.
@Suite("FHIR referral API")
struct FHIRReferralAPITests {
    // MARK: reading

    @Test(arguments: TestBackend.available)
    func schoolStaffReadTheWholeReferralAsABundle(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let referral = try await world.sent(barrier: "food_insecurity")
            let response = try await client.fhir(.get, "/api/v1/referrals/\(referral.id)/fhir", as: world.token("coordinator"), name: "read-coordinator")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/fhir+json")
            #expect(response.headers[.eTag] == "W/\"1\"")
            let bundle = try FHIRJSON.decode(FHIRBundle.self, from: fhirBody(response))
            let task = try #require(bundle.task)
            #expect(task.status == "requested")
            #expect(task.meta?.versionId == "1")
            #expect(task.owner?.identifier?.value == world.organizationID)
            #expect(bundle.patient?.identifier?.first == FHIRIdentifier(system: FHIRSystem.studentID, value: world.studentID))
            #expect(bundle.serviceRequest?.category?.first?.coding?.first?.code == "food-insecurity")
            #expect(bundle.consent?.provision?.code?.flatMap { $0.codes(in: FHIRSystem.sharedField) } == ["grade", "languages"])
            #expect(bundle.practitioner?.telecom?.first?.value == world.email("coordinator"))
        }
    }

    @Test(arguments: TestBackend.available)
    func thePartnerReadsItsPseudonymAndTheConsentedFieldsAndIsAudited(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let referral = try await world.sent()
            let reply = try await client.call(.get, "/api/v1/referrals/\(referral.id)", token: world.token("partner"))
            let pseudonym = try #require(try json(reply)["student_id"] as? String)
            let before = try await world.referrals.auditLog(studentID: world.studentID, by: world.users["admin"]!)
                .filter { $0.action == "referral.read" && $0.role == "partner" }.count

            let response = try await client.fhir(.get, "/api/v1/referrals/\(referral.id)/fhir", as: world.token("partner"), name: "read-partner")
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(!text.contains(world.studentID))
            let bundle = try FHIRJSON.decode(FHIRBundle.self, from: fhirBody(response))
            #expect(bundle.patient?.identifier == [FHIRIdentifier(system: FHIRSystem.pseudonym(organizationID: world.organizationID), value: pseudonym)])
            #expect(bundle.consent?.provision?.actor?.compactMap(\.reference.identifier?.value) == [world.organizationID])
            #expect(bundle.consent?.performer == nil)
            let after = try await world.referrals.auditLog(studentID: world.studentID, by: world.users["admin"]!)
                .filter { $0.action == "referral.read" && $0.role == "partner" }.count
            #expect(after == before + 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func districtStaffAreRefusedAndOthersSeeNothing(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let referral = try await world.sent()
            var response = try await client.fhir(.get, "/api/v1/referrals/\(referral.id)/fhir", as: world.token("district"))
            #expect(response.status == .forbidden)
            #expect(try json(response)["code"] as? String == "aggregates_only")
            for other in ["other_partner", "other_coordinator"] {
                response = try await client.fhir(.get, "/api/v1/referrals/\(referral.id)/fhir", as: world.token(other))
                #expect(response.status == .notFound, "\(other)")
            }
            response = try await client.fhir(.get, "/api/v1/referrals/\(referral.id)/fhir", as: nil)
            #expect(response.status == .unauthorized)
            // A partner never sees drafts.
            let draft = try await world.draft()
            response = try await client.fhir(.get, "/api/v1/referrals/\(draft.id)/fhir", as: world.token("partner"))
            #expect(response.status == .notFound)
        }
    }

    // MARK: Task updates: each allowed transition

    @Test(arguments: TestBackend.available)
    func anAgencyAcceptsSchedulesAndConfirmsThroughTheTask(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await world.sent().id
            var response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "accepted", "note": [{"text": "we have room"}]}"#, version: 1, name: "accepted")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(response.headers[.eTag] == "W/\"2\"")
            var task = try FHIRJSON.decode(FHIRTask.self, from: fhirBody(response))
            #expect(task.status == "accepted")
            #expect(task.meta?.versionId == "2")

            response = try await client.putTask(world, id, as: "partner", """
                {"resourceType": "Task", "status": "in-progress", "executionPeriod": {"start": "2026-11-20"}}
                """, version: 2, name: "in-progress")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            task = try FHIRJSON.decode(FHIRTask.self, from: fhirBody(response))
            #expect(task.status == "in-progress")
            #expect(task.businessStatus?.codes(in: FHIRSystem.referralState) == ["scheduled"])
            #expect(task.executionPeriod?.start == "2026-11-20")

            response = try await client.putTask(world, id, as: "partner", """
                {"resourceType": "Task", "status": "completed", "executionPeriod": {"start": "2026-11-21"}}
                """, version: 3, name: "completed")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            task = try FHIRJSON.decode(FHIRTask.self, from: fhirBody(response))
            #expect(task.status == "completed")
            #expect(task.output(.confirmedBy)?.valueCode == "partner")

            // The same events the JSON route writes, and the same audit lines.
            let shown = try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("coordinator"))
            let events = try #require(try json(shown)["events"] as? [[String: Any]])
            #expect(events.map { $0["action"] as? String } == ["send", "accept", "schedule", "confirm_connection"])
            #expect(events[1]["note"] as? String == "we have room")
            #expect(events[2]["intake_date"] as? String == "2026-11-20")
            #expect(events[3]["first_service_date"] as? String == "2026-11-21")
            #expect(events[3]["confirmed_by"] as? String == "partner")
            let audit = try await world.referrals.auditLog(studentID: world.studentID, by: world.users["admin"]!).map(\.action)
            for action in ["referral.accept", "referral.schedule", "referral.confirm_connection"] {
                #expect(audit.contains(action), "\(action)")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func onHoldRejectedCancelledFailedAndEnteredInErrorMapToTheirActions(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            // on-hold → waitlisted, with the expected wait the machine requires.
            let waitlisted = try await world.sent().id
            var response = try await client.putTask(world, waitlisted, as: "partner", """
                {"resourceType": "Task", "status": "on-hold",
                 "output": [{"type": {"coding": [{"system": "urn:closeloop:task-output", "code": "expected-wait-weeks"}]}, "valueInteger": 6}]}
                """, version: 1, name: "on-hold")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            var task = try FHIRJSON.decode(FHIRTask.self, from: fhirBody(response))
            #expect(task.status == "on-hold")
            #expect(task.output(.expectedWaitWeeks)?.valueInteger == 6)

            // rejected → declined with the reason.
            response = try await client.putTask(world, waitlisted, as: "partner", """
                {"resourceType": "Task", "status": "rejected", "statusReason": {"coding": [{"system": "urn:closeloop:decline-reason", "code": "no_capacity"}], "text": "No capacity"}}
                """, version: 2, name: "rejected")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            task = try FHIRJSON.decode(FHIRTask.self, from: fhirBody(response))
            #expect(task.status == "rejected")
            #expect(task.statusReason?.codes(in: FHIRSystem.declineReason) == ["no_capacity"])

            // cancelled by the coordinator.
            let cancelled = try await world.sent(barrier: "grief").id
            response = try await client.putTask(world, cancelled, as: "coordinator", #"{"resourceType": "Task", "status": "cancelled"}"#, version: 1, name: "cancelled")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(try FHIRJSON.decode(FHIRTask.self, from: fhirBody(response)).status == "cancelled")

            // failed → unreachable after three recorded attempts.
            let unreachable = try await world.sent(barrier: "trauma").id
            for version in 1...3 {
                _ = try await client.event(world, unreachable, as: "partner", #"{"action": "contact_attempt"}"#, version: version)
            }
            response = try await client.putTask(world, unreachable, as: "partner", #"{"resourceType": "Task", "status": "failed"}"#, version: 4, name: "failed")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(try FHIRJSON.decode(FHIRTask.self, from: fhirBody(response)).status == "failed")

            // entered-in-error by an admin.
            response = try await client.putTask(world, cancelled, as: "admin", #"{"resourceType": "Task", "status": "entered-in-error"}"#, version: 2, name: "entered-in-error")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(try FHIRJSON.decode(FHIRTask.self, from: fhirBody(response)).status == "entered-in-error")
        }
    }

    // MARK: Task updates: each refusal

    @Test(arguments: TestBackend.available)
    func refusedTaskUpdatesAnswerAsTheJSONAPIAndWriteNothing(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await world.sent().id
            let accept = #"{"resourceType": "Task", "status": "accepted"}"#

            var response = try await client.putTask(world, id, as: "partner", accept, version: nil)
            #expect(response.status == .preconditionRequired)
            #expect(try json(response)["code"] as? String == "precondition_required")

            response = try await client.putTask(world, id, as: "partner", accept, version: 0)
            #expect(response.status == .conflict)
            #expect(try json(response)["code"] as? String == "version_conflict")
            #expect(try json(response)["current_version"] as? Int == 1)

            response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "cancelled"}"#, version: 1)
            #expect(response.status == .forbidden)
            #expect(try json(response)["code"] as? String == "forbidden")

            response = try await client.putTask(world, id, as: "district", accept, version: 1)
            #expect(response.status == .forbidden)

            response = try await client.putTask(world, id, as: "other_partner", accept, version: 1)
            #expect(response.status == .notFound)

            response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "completed", "executionPeriod": {"start": "2026-11-21"}}"#, version: 1)
            #expect(response.status == .conflict)
            #expect(try json(response)["code"] as? String == "illegal_transition")
            #expect(try json(response)["allowed_actions"] as? [String] != nil)

            response = try await client.putTask(world, id, as: "partner", """
                {"resourceType": "Task", "status": "rejected", "statusReason": {"coding": [{"code": "too_busy"}], "text": "too busy"}}
                """, version: 1)
            #expect(response.status == .unprocessableContent)
            #expect(try json(response)["code"] as? String == "unknown_decline_reason")
            #expect(try json(response)["parameter"] as? String == "Task.statusReason")

            response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "rejected"}"#, version: 1)
            #expect(response.status == .unprocessableContent)
            #expect(try json(response)["code"] as? String == "missing_fields")
            #expect(try json(response)["parameter"] as? String == "Task.statusReason")

            response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "on-hold"}"#, version: 1)
            #expect(response.status == .unprocessableContent)
            #expect(try json(response)["parameter"] as? String == "Task.output[expected-wait-weeks]")

            response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "requested"}"#, version: 1)
            #expect(response.status == .unprocessableContent)
            #expect(try json(response)["code"] as? String == "unsupported_task_status")

            response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "failed"}"#, version: 1)
            #expect(response.status == .unprocessableContent)
            #expect(try json(response)["code"] as? String == "not_enough_contact_attempts")

            response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "entered-in-error"}"#, version: 1)
            #expect(response.status == .forbidden)

            response = try await client.putTask(world, id, as: "partner", #"{"status": "accepted"}"#, version: 1)
            #expect(response.status == .unprocessableContent)

            // Nothing was written: still referred at version 1.
            let shown = try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("coordinator"))
            #expect(try json(shown)["version"] as? Int == 1)
            #expect(try json(shown)["state"] as? String == "referred")

            // Scheduled, then in-progress without a date and completed before the intake.
            _ = try await client.putTask(world, id, as: "partner", accept, version: 1)
            response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "in-progress"}"#, version: 2)
            #expect(response.status == .unprocessableContent)
            #expect(try json(response)["parameter"] as? String == "Task.executionPeriod.start")
            _ = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "in-progress", "executionPeriod": {"start": "2026-11-23"}}"#, version: 2)
            response = try await client.putTask(world, id, as: "partner", #"{"resourceType": "Task", "status": "completed", "executionPeriod": {"start": "2026-11-20"}}"#, version: 3)
            #expect(response.status == .unprocessableContent)
            #expect(try json(response)["code"] as? String == "first_service_before_intake")
            #expect(try json(response)["parameter"] as? String == "Task.output[before-intake-confirmed]")
        }
    }
}

/// A response body's bytes.
func fhirBody(_ response: TestResponse) -> Data {
    Data(String(buffer: response.body).utf8)
}

extension TestClientProtocol {
    /// A FHIR call; a 200 body is recorded under `name` for `scripts/validate-fhir.py`.
    func fhir(
        _ method: HTTPRequest.Method, _ uri: String, as token: String?, json body: String? = nil, headers extra: HTTPFields = [:],
        name: String? = nil
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/fhir+json" }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { $0 }
        if response.status == .ok, let name {
            try FHIROutput.record(fhirBody(response), name: "api-\(name)")
        }
        return response
    }

    func putTask(_ world: ReferralWorld, _ id: String, as user: String, _ body: String, version: Int?, name: String? = nil) async throws -> TestResponse {
        try await fhir(.put, "/api/v1/referrals/\(id)/fhir/Task", as: world.token(user), json: body,
                       headers: version.map { [.ifMatch: "W/\"\($0)\""] } ?? [:], name: name.map { "task-\($0)" })
    }
}
