import Directory
import Foundation
import Hummingbird
import Referrals
import Storage
import Workflows

/// Register a student, see one student's consents and referrals, record a consent.
struct StudentPages: Sendable {
    let services: WebServices

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("coordinator/students", use: list)
        web.get("coordinator/students/new", use: showNew)
        web.post("coordinator/students", use: create)
        web.get("coordinator/students/:id", use: show)
        web.post("coordinator/students/:id/consents", use: addConsent)
        web.post("coordinator/students/:id/consents/:consentID/revoke", use: revokeConsent)
    }

    // MARK: list

    struct ListPage {
        let frame: PageFrame
        let search: String
        let students: [StudentLine]
        let hasStudents: Bool
    }

    struct StudentLine {
        let href: String
        let districtID: String
        let school: String
        let grade: String
        let age: String
    }

    @Sendable func list(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let search = context.queryForm(request)["q"]
        let students = try await services.referrals.students(visibleTo: user, districtIDPrefix: search, limit: 100)
        let schools = try await schoolNames()
        let lines = students.map {
            StudentLine(href: "/coordinator/students/\($0.id)", districtID: $0.districtStudentID, school: schools[$0.schoolID] ?? $0.schoolID,
                        grade: $0.grade ?? "", age: $0.age.map(String.init) ?? "")
        }
        return services.renderer.render("students", ListPage(
            frame: PageFrame(title: context.words.t("nav.students"), context: context, path: request.uri.path), search: search ?? "",
            students: lines, hasStudents: !lines.isEmpty))
    }

    // MARK: register

    struct NewPage {
        let frame: PageFrame
        let districtID: String
        let schools: [Option]
        let grades: [Option]
        let age: String
        let languages: [Option]
        let groups: [Option]
        /// Carried through so the coordinator lands back on the referral they were starting.
        let returnService: String
        let returnBarrier: String
        let returnTier: String
    }

    @Sendable func showNew(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        return try await newPage(request, context: context, user: user, form: context.queryForm(request), error: nil, status: .ok)
    }

    @Sendable func create(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let form = context.form
        var problems: [String] = []
        let age = form["age"].flatMap { text -> Int? in
            guard let age = Int(text) else { problems.append("age '\(text)' is not a whole number"); return nil }
            return age
        }
        guard let districtID = form["district_student_id"], let schoolID = form["school_id"], problems.isEmpty else {
            if form["district_student_id"] == nil { problems.append(context.words.t("students.district_id_required")) }
            if form["school_id"] == nil { problems.append(context.words.t("students.school_required")) }
            return try await newPage(request, context: context, user: user, form: form,
                                     error: context.words.t("students.not_registered", ["problem": problems.joined(separator: "; ")]), status: .unprocessableContent)
        }
        let input = NewStudent(
            districtStudentID: districtID, schoolID: schoolID, grade: form["grade"], age: age,
            languages: form.all("language", as: LanguageCode.self, problems: &problems),
            groups: Set(form.all("group", as: StudentGroup.self, problems: &problems)))
        guard problems.isEmpty else {
            return try await newPage(request, context: context, user: user, form: form,
                                     error: context.words.t("students.not_registered", ["problem": problems.joined(separator: "; ")]), status: .unprocessableContent)
        }
        let student: Student
        do {
            student = try await services.useCases.students.register(input, by: user, now: services.clock())
        } catch let violation as InputLimitViolation {
            return try await newPage(request, context: context, user: user, form: form,
                                     error: context.words.t("students.not_registered", ["problem": RefusalWords.text(violation)]), status: .unprocessableContent)
        } catch let error as ReferralStoreError {
            return try await newPage(request, context: context, user: user, form: form,
                                     error: context.words.t("students.not_registered", ["problem": RefusalWords.text(error)]), status: .unprocessableContent)
        }
        if let service = form["return_service"] {
            return PageRenderer.seeOther("/coordinator/referrals/new" + WebPaths.query([
                ("student", student.id), ("service", service), ("barrier", form["return_barrier"]), ("tier", form["return_tier"]),
                ("notice", "student_registered"),
            ]))
        }
        return PageRenderer.seeOther("/coordinator/students/\(student.id)?notice=student_registered")
    }

    private func newPage(
        _ request: Request, context: WebRequestContext, user: User, form: FormData, error: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let schools = try await services.directory.schools().filter { AccessPolicy(user).scope.covers(schoolID: $0.id) }
        let grades = ["PK", "K"] + (1...12).map(String.init)
        return services.renderer.render("student-new", NewPage(
            frame: PageFrame(title: context.words.t("home.register"), context: context, path: "/coordinator/students/new", error: error),
            districtID: form["district_student_id"] ?? "",
            schools: schools.map { Option(value: $0.id, label: $0.name, selected: $0.id == form["school_id"] || schools.count == 1) },
            grades: grades.map { Option(value: $0, label: $0 == "PK" ? context.words.t("students.pre_k") : $0, selected: $0 == form["grade"]) },
            age: form["age"] ?? "", languages: Labels.languageOptions(chosen: form.all("language")),
            groups: Option.list(StudentGroup.self, chosen: form.all("group")) { Labels.word("group", $0.rawValue) },
            returnService: form["return_service"] ?? form["service"] ?? "", returnBarrier: form["return_barrier"] ?? form["barrier"] ?? "",
            returnTier: form["return_tier"] ?? form["tier"] ?? ""), status: status)
    }

    // MARK: one student

    struct StudentPage {
        let frame: PageFrame
        let studentID: String
        let districtID: String
        let school: String
        let grade: String
        let age: String
        let languages: String
        let groups: String
        let consents: [ConsentLine]
        let hasConsents: Bool
        let referrals: [ReferralRow]
        let hasReferrals: Bool
        let consentForm: ConsentForm
        let matchHref: String
    }

    struct ConsentLine {
        let id: String
        let organizations: String
        let givenBy: String
        let method: String
        let shares: String
        let givenOn: String
        let expiresOn: String
        let inForce: Bool
        /// When the family withdrew it (UTC day), if it did.
        let revokedOn: String?
        /// Offered while not yet revoked or expired.
        let revocable: Bool
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let id = try context.parameters.require("id")
        return try await studentPage(request, context: context, user: user, id: id, form: context.queryForm(request),
                                     notice: Notice.text(context.queryForm(request)["notice"]), error: nil, status: .ok)
    }

    @Sendable func addConsent(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let id = try context.parameters.require("id")
        let form = context.form
        do {
            let consent = try ConsentForm.consent(from: form, organizationIDs: form.all("organization_id"))
            _ = try await services.useCases.consents.record(consent, forStudent: id, by: user, now: services.clock())
        } catch let error as ConsentForm.Invalid {
            return try await studentPage(request, context: context, user: user, id: id, form: form, notice: nil,
                                         error: context.words.t("students.consent_not_recorded", ["problem": error.message]), status: .unprocessableContent)
        } catch let violation as InputLimitViolation {
            return try await studentPage(request, context: context, user: user, id: id, form: form, notice: nil,
                                         error: context.words.t("students.consent_not_recorded", ["problem": RefusalWords.text(violation)]), status: .unprocessableContent)
        } catch let error as ReferralStoreError {
            if case .notFound = error { throw WebPageError.notFound(context.words.t("students.not_found", ["id": id])) }
            return try await studentPage(request, context: context, user: user, id: id, form: form, notice: nil,
                                         error: context.words.t("students.consent_not_recorded", ["problem": RefusalWords.text(error)]), status: .unprocessableContent)
        }
        return PageRenderer.seeOther("/coordinator/students/\(id)?notice=consent_recorded")
    }

    /// The family withdrew a consent: revoked at once (the partners' next read is cut to their own
    /// record), audited, as `POST /api/v1/students/{id}/consents/{consentId}/revoke`.
    @Sendable func revokeConsent(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let id = try context.parameters.require("id")
        let consentID = try context.parameters.require("consentID")
        do {
            _ = try await services.useCases.consents.revoke(consent: consentID, ofStudent: id, by: user, now: services.clock())
        } catch let error as ReferralStoreError {
            if case .notFound = error { throw WebPageError.notFound(context.words.t("students.consent_not_found")) }
            return try await studentPage(request, context: context, user: user, id: id, form: FormData(), notice: nil,
                                         error: context.words.t("students.consent_not_revoked", ["problem": RefusalWords.text(error)]), status: Problem(error).status)
        }
        return PageRenderer.seeOther("/coordinator/students/\(id)?notice=consent_revoked")
    }

    private func studentPage(
        _ request: Request, context: WebRequestContext, user: User, id: String, form: FormData, notice: String?, error: String?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let now = services.clock()
        let student: Student
        let consents: [StoredConsent]
        do {
            student = try await services.useCases.students.student(id: id, visibleTo: user, now: now)
            consents = try await services.referrals.consents(studentID: id)
        } catch ReferralStoreError.notFound {
            throw WebPageError.notFound(context.words.t("students.not_found", ["id": id]))
        }
        let organizations = try await services.directory.organizationList()
        let orgNames = Dictionary(organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let referrals = try await services.useCases.lists.list(ReferralFilter(studentID: id), visibleTo: user, now: now)
        let rows = try await ReferralRowBuilder(services: services).rows(referrals, for: user)
        let schools = try await schoolNames()
        let lines = consents.map { stored in
            let consent = stored.consent
            let expired = consent.expiresOn.map { $0 <= services.useCases.consents.today(now) } ?? false
            return ConsentLine(
                id: stored.id, organizations: consent.organizationIDs.map { orgNames[$0] ?? $0 }.joined(separator: ", "),
                givenBy: consent.givenBy, method: Labels.word("consent_method", consent.method.rawValue),
                shares: consent.sharedFields.map { Labels.word("shared_field", $0.rawValue) }.sorted().joined(separator: ", "),
                givenOn: consent.givenOn.description, expiresOn: consent.expiresOn?.description ?? context.words.t("students.no_end"),
                inForce: services.useCases.consents.isInForce(consent, now: now),
                revokedOn: consent.revokedAt.map { Labels.day($0) }, revocable: consent.revokedAt == nil && !expired)
        }
        let chosenOrganizations = form.all("organization_id").isEmpty ? form.all("organization") : form.all("organization_id")
        return services.renderer.render("student", StudentPage(
            frame: PageFrame(title: context.words.t("students.title", ["id": student.districtStudentID]), context: context, path: request.uri.path, notice: notice, error: error),
            studentID: student.id, districtID: student.districtStudentID, school: schools[student.schoolID] ?? student.schoolID,
            grade: student.grade ?? "—", age: student.age.map(String.init) ?? "—",
            languages: student.languages.map(Labels.language).joined(separator: ", "),
            groups: student.groups.map { Labels.word("group", $0.rawValue) }.sorted().joined(separator: ", "),
            consents: lines, hasConsents: !lines.isEmpty, referrals: rows, hasReferrals: !rows.isEmpty,
            consentForm: ConsentForm(
                form: form, today: services.useCases.consents.today(now), organizationsOffered: organizations.map {
                    Option(value: $0.id, label: $0.name, selected: chosenOrganizations.contains($0.id))
                }, organizationName: nil),
            matchHref: "/coordinator/match?student=\(student.id)"), status: status)
    }

    private func schoolNames() async throws -> [String: String] {
        Dictionary(try await services.directory.schools().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}
