import Directory
import Foundation
import HTTPTypes
import Hummingbird
import Referrals
import Storage
import Workflows

/// Students, consents and referrals: the closed loop's API, translating requests to the use cases
/// the pages share. Every route needs a signed-in user; anything outside the user's scope answers
/// 404 so ids cannot be probed.
struct ReferralRoutes: Sendable {
    let referrals: ReferralStore
    let useCases: UseCases
    let clock: @Sendable () -> Date

    var idempotent: Idempotent { Idempotent(store: referrals) }

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.post("students", use: createStudent)
        api.get("students/:id", use: showStudent)
        api.post("students/:id/consents", use: addConsent)
        api.get("students/:id/consents", use: listConsents)
        api.post("students/:id/consents/:consentID/revoke", use: revokeConsent)
        api.post("referrals", use: createReferral)
        api.get("referrals", use: listReferrals)
        api.get("referrals/:id", use: showReferral)
        api.post("referrals/:id/events", use: addEvent)
        api.get("partner/referrals", use: partnerInbox)
        api.get("followups", use: followUps)
        api.get("audit", use: audit)
    }

    // MARK: students and consents

    struct StudentBody: Decodable {
        let districtStudentID: String
        let schoolID: String
        let grade: String?
        let age: Int?
        let languages: [LanguageCode]?
        let groups: [StudentGroup]?

        enum CodingKeys: String, CodingKey {
            case grade, age, languages, groups
            case districtStudentID = "district_student_id"
            case schoolID = "school_id"
        }
    }

    @Sendable func createStudent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let data = try await RequestBody.collect(request, context: context)
        let body = try RequestBody.decode(StudentBody.self, from: data)
        let input = NewStudent(districtStudentID: body.districtStudentID, schoolID: body.schoolID, grade: body.grade,
                               age: body.age, languages: body.languages ?? [], groups: Set(body.groups ?? []))
        let now = clock()
        return try await idempotent.respond(
            to: request, body: data, user: user, status: .created, reply: StudentResource.init,
            beforeReplay: { stored in
                _ = try await useCases.students.student(id: try Idempotent.storedID(stored), visibleTo: user, now: now)
                return nil
            }
        ) { write in
            try await useCases.students.register(input, by: user, now: now, idempotency: write)
        }
    }

    @Sendable func showStudent(_ request: Request, context: AppRequestContext) async throws -> StudentResource {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        return StudentResource(try await useCases.students.student(id: id, visibleTo: user, now: clock()))
    }

    struct ConsentBody: Decodable {
        let organizationIDs: [String]
        let givenBy: String
        let method: ConsentMethod
        let sharedFields: [SharedField]
        /// Optional: today in the district's time zone when left out.
        let givenOn: CalendarDate?
        let expiresOn: CalendarDate?
        /// The family's preferred contact, when it agreed to share it.
        let familyContact: FamilyContact?

        enum CodingKeys: String, CodingKey {
            case method
            case familyContact = "family_contact"
            case organizationIDs = "organization_ids"
            case givenBy = "given_by"
            case sharedFields = "shared_fields"
            case givenOn = "given_on"
            case expiresOn = "expires_on"
        }
    }

    @Sendable func addConsent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let studentID = try context.parameters.require("id")
        let data = try await RequestBody.collect(request, context: context)
        let body = try RequestBody.decode(ConsentBody.self, from: data)
        let now = clock()
        let input = ConsentInput(organizationIDs: body.organizationIDs, givenBy: body.givenBy, method: body.method,
                                 sharedFields: Set(body.sharedFields), givenOn: body.givenOn, expiresOn: body.expiresOn,
                                 familyContact: body.familyContact)
        return try await idempotent.respond(
            to: request, body: data, user: user, status: .created, reply: ConsentResource.init,
            beforeReplay: studentStillVisible(studentID, to: user, now: now)
        ) { write in
            try await useCases.consents.record(input, forStudent: studentID, by: user, now: now, idempotency: write)
        }
    }

    @Sendable func listConsents(_ request: Request, context: AppRequestContext) async throws -> ListResource<ConsentResource> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        return ListResource(items: try await useCases.students.consents(ofStudent: id, visibleTo: user, now: clock()).map(ConsentResource.init))
    }

    /// Revokes one consent of the student, effective at once (the partner's next read is cut to
    /// its own record); 200 with the consent as it now stands.
    @Sendable func revokeConsent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let studentID = try context.parameters.require("id")
        let consentID = try context.parameters.require("consentID")
        let data = try await RequestBody.collect(request, context: context)
        let now = clock()
        return try await idempotent.respond(
            to: request, body: data, user: user, status: .ok, reply: ConsentResource.init,
            beforeReplay: studentStillVisible(studentID, to: user, now: now)
        ) { write in
            try await useCases.consents.revoke(consent: consentID, ofStudent: studentID, by: user, now: now, idempotency: write)
        }
    }

    // MARK: referrals

    struct ReferralBody: Decodable {
        let studentID: String
        let serviceID: String
        let barrier: String
        let tier: Int?
        let note: String?
        let duplicateReason: String?

        enum CodingKeys: String, CodingKey {
            case barrier, note, tier
            case studentID = "student_id"
            case serviceID = "service_id"
            case duplicateReason = "duplicate_reason"
        }
    }

    @Sendable func createReferral(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let data = try await RequestBody.collect(request, context: context)
        let body = try RequestBody.decode(ReferralBody.self, from: data)
        let now = clock()
        let input = NewReferral(studentID: body.studentID, serviceID: body.serviceID, barrier: body.barrier, tier: body.tier, note: body.note,
                                duplicateReason: body.duplicateReason)
        let lens: ReferralLens = AccessPolicy(user).readsStudentsInFull ? .whole : .partner(consent: nil, pseudonym: "")
        let contact = try await referrals.contact(ofUser: user.id)
        return try await idempotent.respond(
            to: request, body: data, user: user, status: .created, reply: { resource(for: $0, user: user, lens: lens, coordinator: contact) },
            beforeReplay: { stored in try await referralAsReadNow(try Idempotent.storedID(stored), by: user, now: now) }
        ) { write in
            try await useCases.actions.start(input, by: user, now: now, idempotency: write)
        }
    }

    @Sendable func showReferral(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let now = clock()
        let referral = try await useCases.actions.referral(id: id, visibleTo: user, now: now)
        let view = try await useCases.actions.view(of: referral, for: user, now: now)
        let followUp = try await useCases.lists.followUp(on: referral, now: now)
        var response = try Idempotent.response(status: .ok, body: try Idempotent.json(
            resource(for: view, user: user, followUp: followUp)))
        response.headers[.eTag] = "\"\(referral.version)\""
        return response
    }

    @Sendable func addEvent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let data = try await RequestBody.collect(request, context: context)
        let command = try RequestBody.decode(ReferralCommand.self, from: data)
        let expected = try Self.expectedVersion(request)
        let now = clock()
        // The reply shows the partner what its next read would: worked out before the change.
        let (lens, contact) = try await useCases.actions.replyLens(forReferral: id, user: user, now: now)
        return try await idempotent.respond(
            to: request, body: data, user: user, status: .ok, reply: { resource(for: $0, user: user, lens: lens, coordinator: contact) },
            beforeReplay: { _ in try await referralAsReadNow(id, by: user, now: now) }
        ) { write in
            try await useCases.actions.apply(command, toReferral: id, expectedVersion: expected, by: user, now: now, idempotency: write)
        }
    }

    /// Before replaying a consent write: the student must still be visible to the caller (404 otherwise).
    func studentStillVisible(_ studentID: String, to user: User, now: Date) -> Idempotent.ReplayCheck {
        { _ in
            _ = try await useCases.students.student(id: studentID, visibleTo: user, now: now)
            return nil
        }
    }

    /// Before replaying a referral write: 404 when the referral is no longer visible to the caller;
    /// for a partner the referral as it reads it now (the consent that covered the first reply may
    /// have been revoked or expired since), for school staff the stored reply.
    func referralAsReadNow(_ id: String, by user: User, now: Date) async throws -> String? {
        let referral = try await useCases.actions.referral(id: id, visibleTo: user, now: now)
        guard !AccessPolicy(user).readsStudentsInFull else { return nil }
        return try Idempotent.json(resource(for: referral, user: user, lens: try await useCases.actions.lens(forReferral: id, user: user, now: now),
                                            coordinator: try await referrals.coordinatorContact(forReferral: id)))
    }

    /// `If-Match: "3"` (or `3`, or `W/"3"`): the version the client last saw.
    static func expectedVersion(_ request: Request) throws(Problem) -> Int? {
        guard let header = request.headers[.ifMatch] else { return nil }
        let text = header.replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard let version = Int(text), version >= 0 else {
            throw Problem.invalidParameter("If-Match", "If-Match must carry the referral's version, e.g. If-Match: \"3\"")
        }
        return version
    }

    static let listParameters: Set<String> = ["state", "school", "organization", "student", "overdue", "limit"]

    @Sendable func listReferrals(_ request: Request, context: AppRequestContext) async throws -> ReferralListResource {
        let user = try context.requireUser()
        let filter = try Self.filter(from: request)
        let now = clock()
        let found = try await useCases.lists.list(filter, visibleTo: user, now: now)
        return try await listResource(found, user: user, now: now)
    }

    static func filter(from request: Request) throws(Problem) -> ReferralFilter {
        let parameters = try QueryParameters(request, allowed: listParameters)
        var states: [ReferralState] = []
        if let text = try parameters.string("state") {
            for name in text.split(separator: ",") {
                guard let state = ReferralState(rawValue: String(name)) else {
                    throw Problem.invalidParameter("state", "unknown state '\(name)'; one of \(ReferralState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                states.append(state)
            }
        }
        let overdue = try parameters.string("overdue")
        guard overdue == nil || overdue == "true" || overdue == "false" else {
            throw Problem.invalidParameter("overdue", "overdue is true or false")
        }
        return ReferralFilter(
            states: states, schoolID: try parameters.string("school"), organizationID: try parameters.string("organization"),
            studentID: try parameters.string("student"), overdueOnly: overdue == "true",
            limit: try parameters.pageSize(in: InputLimits.referralPageSizes, default: InputLimits.referralPageDefault))
    }

    /// The partner's inbox: what was sent to its organization, in the order to work through it.
    @Sendable func partnerInbox(_ request: Request, context: AppRequestContext) async throws -> ReferralListResource {
        let user = try context.requireUser()
        let filter = try Self.filter(from: request)
        let now = clock()
        let found = try await useCases.lists.inbox(filter, for: user, now: now)
        // With the student fields the consent shares, so a partner can decide before accepting (issue 22 item 2).
        return try await listResource(found, user: user, now: now, withStudents: true)
    }

    struct FollowUpItem: Encodable {
        let referral: ReferralResource
        let followUp: FollowUp
        enum CodingKeys: String, CodingKey { case referral, followUp = "follow_up" }
    }

    @Sendable func followUps(_ request: Request, context: AppRequestContext) async throws -> ListResource<FollowUpItem> {
        let user = try context.requireUser()
        let parameters = try QueryParameters(request, allowed: ["limit"])
        let limit = try parameters.pageSize(in: InputLimits.followUpPageSizes, default: InputLimits.followUpPageDefault)
        let now = clock()
        let due = Array(try await useCases.lists.followUps(visibleTo: user, now: now).prefix(limit))
        let views = try await referrals.views(of: due.map(\.referral), for: user, now: now)
        return ListResource(items: zip(due, views).map { item, view in
            FollowUpItem(referral: resource(for: view, user: user, followUp: item.followUp, includeEvents: false), followUp: item.followUp!)
        })
    }

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> ListResource<AuditEntry> {
        let user = try context.requireUser()
        let parameters = try QueryParameters(request, allowed: ["student", "limit"])
        return ListResource(items: try await referrals.auditLog(
            studentID: try parameters.string("student"), by: user,
            limit: try parameters.pageSize(in: InputLimits.auditPageSizes, default: InputLimits.auditPageDefault)))
    }

    /// A list of referrals as the user may read each (no student fields in lists but the partner's inbox).
    func listResource(_ found: [DueReferral], user: User, now: Date, withStudents: Bool = false) async throws -> ReferralListResource {
        let views = try await referrals.views(of: found.map(\.referral), for: user, now: now, withStudents: withStudents)
        return ReferralListResource(items: zip(found, views).map { item, view in
            resource(for: view, user: user, followUp: item.followUp, includeEvents: false)
        })
    }

    func resource(for view: ReferralView, user: User, followUp: FollowUp? = nil, includeEvents: Bool = true) -> ReferralResource {
        ReferralResource(
            view: view, allowedActions: AccessPolicy(user).allowedActions(on: view.referral),
            followUp: followUp, includeEvents: includeEvents)
    }

    /// A referral just written, as the user reads it through `lens` (student fields are not in replies).
    func resource(for referral: Referral, user: User, lens: ReferralLens, coordinator: CoordinatorContact?) -> ReferralResource {
        var view = lens.view(of: referral, student: nil)
        view.coordinator = coordinator
        return resource(for: view, user: user)
    }
}
