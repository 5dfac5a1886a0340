import Foundation
import HTTPTypes
import Hummingbird
import Referrals
import SocialCareFHIR
import Storage
import Workflows

/// Referrals as HL7 FHIR R4 (SDOH Clinical Care): the Bundle a reader may see, and Task updates
/// from an agency's own system ("direct referral light": the agency polls and puts back).
/// Translation only: `ReferralFHIRExchange` goes through the JSON API's use case, so scope, audit,
/// the partner's consented view and the state machine's rules are the same. Refusals are problem
/// JSON like the rest of the API, with `parameter` naming the place in the Task.
struct FHIRRoutes: Sendable {
    let exchange: ReferralFHIRExchange
    let clock: @Sendable () -> Date

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.get("referrals/:id/fhir", use: bundle)
        api.put("referrals/:id/fhir/Task", use: updateTask)
    }

    @Sendable func bundle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let (bundle, version) = try await exchange.bundle(forReferral: id, user: user, now: clock())
        return try Self.response(bundle, version: version)
    }

    /// `PUT …/fhir/Task` with the Task (its `status` and what that status needs) and
    /// `If-Match: W/"<version>"` (`meta.versionId` of the Task read): 200 with the Task as it now
    /// stands and its new ETag; 428 without If-Match, 409 on a stale version or a status the
    /// referral cannot move to, 403 a role that may not, 422 what the status needs is missing.
    @Sendable func updateTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let data = try await RequestBody.collect(request, context: context)
        let task = try RequestBody.decode(FHIRTask.self, from: data)
        let expected = try ReferralRoutes.expectedVersion(request)
        do {
            let (updated, version) = try await exchange.updateTask(task, forReferral: id, expectedVersion: expected, user: user, now: clock())
            return try Self.response(updated, version: version)
        } catch let error as TaskUpdateError {
            throw Problem(status: .unprocessableContent, code: error.code, title: "Task not applicable", detail: error.message,
                          parameter: error.parameter)
        } catch let error as ReferralStoreError {
            var problem = Problem(error)
            problem.parameter = problem.parameter.map(TaskUpdate.fhirPath(forField:))
            throw problem
        }
    }

    /// FHIR JSON with the version as a weak ETag, as FHIR servers send it (`W/"3"`).
    static func response(_ value: some Encodable, version: Int) throws -> Response {
        var response = Response(
            status: .ok, headers: [.contentType: FHIRJSON.mediaType],
            body: .init(byteBuffer: ByteBuffer(bytes: try FHIRJSON.encode(value))))
        response.headers[.eTag] = "W/\"\(version)\""
        return response
    }
}
