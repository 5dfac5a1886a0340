import Directory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Matching
import Referrals
@testable import Server
import Storage
import Testing
import TestSupport

/// Keeps `Sources/Server/OpenAPI/openapi.json` true: it is served anonymously and is OpenAPI 3.1; it
/// names exactly the routes the router has under /api/v1 (and /health); its enums are the Swift
/// enums' raw values; and real replies of every documented operation validate against the schema
/// the document gives for their status and content type (`OpenAPISchemaCheck`: a JSON Schema
/// validator for the keywords the document uses, which fails on any keyword it does not know).
/// `scripts/test` adds schemathesis against a live server on top.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static func document() throws -> OpenAPIJSON {
        try JSONDecoder().decode(OpenAPIJSON.self, from: Data(OpenAPIRoutes.document.readableBytesView))
    }

    @Test func isServedAnonymouslyAsOpenAPI31() async throws {
        try await withSeededClient { client async throws in
            let response = try await client.get("/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let served = try JSONDecoder().decode(OpenAPIJSON.self, from: Data(String(buffer: response.body).utf8))
            let version = try #require(served["openapi"]?.string)
            #expect(version.hasPrefix("3.1."))
            #expect((served["paths"]?.object?.count ?? 0) > 10)
            #expect(served == (try Self.document()))
        }
    }

    /// Every (method, path) the router answers under /api/v1 is documented, and every documented one
    /// is routed. Hummingbird lists its routes (`Router.routes`), captures written `{id}` as here.
    @Test func documentsExactlyTheRoutesTheRouterHas() async throws {
        let routed = try await withSeededStore(.sqlite) { store in
            Set(buildRouter(store: store).routes.compactMap { route -> String? in
                let path = route.path.description
                guard path.hasPrefix("/api/v1/") || path == "/health" else { return nil }
                return "\(route.method.rawValue) \(path)"
            })
        }
        let documented = Set(try Self.document().operations.map { "\($0.method.uppercased()) \($0.path)" })
        #expect(routed.count > 20)
        #expect(routed.subtracting(documented).sorted() == [], "routed but not documented")
        #expect(documented.subtracting(routed).sorted() == [], "documented but not routed")
    }

    /// The document's enums are the raw values the server reads and writes, in the Swift order.
    @Test func enumsAreTheSwiftEnumsRawValues() throws {
        let schemas = try #require(try Self.document()["components"]?["schemas"])
        func values<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String] where T.RawValue == String {
            T.allCases.map(\.rawValue)
        }
        let expected: [String: [String]] = [
            "Domain": values(Domain.self), "Intensity": values(Intensity.self), "Setting": values(Setting.self),
            "Transportation": values(Transportation.self), "CostKind": values(CostKind.self),
            "Insurance": values(Insurance.self), "EnrollmentStatus": values(EnrollmentStatus.self),
            "IntakeMethod": values(IntakeMethod.self), "CoordinatesPrecision": values(CoordinatesPrecision.self),
            "InferredFact": values(InferredFact.self), "Weekday": values(Weekday.self), "TimeWindow": values(TimeWindow.self),
            "PhoneKind": values(Phone.Kind.self), "SchoolLevel": values(School.Level.self), "HardFilter": values(HardFilter.self),
            "FamilyTransportation": values(FamilyTransportation.self), "ReferralState": values(ReferralState.self),
            "ReferralAction": values(ReferralAction.self), "FHIRTaskStatus": values(FHIRTaskStatus.self),
            "FollowUpKind": values(FollowUpKind.self), "Role": values(Role.self), "DeclineReason": values(DeclineReason.self),
            "ConnectionConfirmer": values(ConnectionConfirmer.self), "ConsentMethod": values(ConsentMethod.self),
            "SharedField": values(SharedField.self), "StudentGroup": values(StudentGroup.self),
        ]
        for (name, cases) in expected {
            #expect(schemas[name]?["enum"]?.array?.compactMap(\.string) == cases, "\(name)")
        }
        // The report row has one count cell per `ReportCount`, besides its measures.
        let row = try #require(schemas["ConnectionReportRow"]?["properties"]?.object)
        let counts = row.filter { $0.value["$ref"]?.string == "#/components/schemas/CountCell" }.map(\.key)
        #expect(Set(counts) == Set(values(ReportCount.self)))
    }

    /// Every documented error is problem JSON, and every authenticated operation says so (bearer,
    /// 401); anonymous ones accept a token but do not need one.
    @Test func errorsAreProblemsAndAuthIsDeclared() throws {
        let document = try Self.document()
        let check = OpenAPISchemaCheck(document: document)
        for (method, path) in document.operations {
            let operation = try #require(document["paths"]?[path]?[method])
            // `/health` answers 503 with its own JSON (the database did not answer), not a problem.
            for (status, reply) in operation["responses"]?.object ?? [:]
            where (Int(status) ?? 0) >= 400 && !(path == "/health" && status == "503") {
                let resolved = reply["$ref"]?.string.flatMap(check.resolve) ?? reply
                #expect(resolved["content"]?.object?.keys.sorted() == ["application/problem+json"], "\(method) \(path) \(status)")
                #expect(resolved["content"]?["application/problem+json"]?["schema"]?["$ref"] == "#/components/schemas/Problem")
            }
            let security = try #require(operation["security"]?.array, "\(method) \(path) declares no security")
            #expect(operation["responses"]?["401"] != nil, "\(method) \(path)")
            #expect(security == [["bearer": []]] || security == [[:], ["bearer": []]], "\(method) \(path)")
        }
    }

    @Test func theValidatorRefusesWhatTheSchemaForbids() throws {
        let check = OpenAPISchemaCheck(document: try Self.document())
        let problem = try #require(try Self.document()["components"]?["schemas"]?["Problem"])
        let good: OpenAPIJSON = ["type": "https://closeloop.example.org/problems/not_found", "title": "Not found", "status": 404,
                                 "detail": "no service", "code": "not_found"]
        #expect(check.errors(good, problem) == [])
        var extra = good
        extra.set("surprise", true)
        #expect(!check.errors(extra, problem).isEmpty)
        var missing = good
        missing.remove("code")
        #expect(!check.errors(missing, problem).isEmpty)
        var wrongType = good
        wrongType.set("status", "404")
        #expect(!check.errors(wrongType, problem).isEmpty)
        let cost = try #require(try Self.document()["components"]?["schemas"]?["Cost"])
        #expect(check.errors(["kind": nil, "insurance": []], cost) == [])
        #expect(!check.errors(["kind": "gratis", "insurance": []], cost).isEmpty)
        #expect(!check.errors(["kind": "free"], cost).isEmpty)
    }

    /// Real replies of every documented operation, on each engine, validate against the document.
    @Test(arguments: TestBackend.available)
    func realRepliesMatchTheirSchemas(backend: TestBackend) async throws {
        let check = OpenAPISchemaCheck(document: try Self.document())
        try await withReferralWorld(backend) { world, client async throws in
            var covered: Set<String> = []
            func expectValid(
                _ response: TestResponse, _ method: String, _ path: String, status: HTTPResponse.Status,
                sourceLocation: SourceLocation = #_sourceLocation
            ) throws -> OpenAPIJSON? {
                covered.insert("\(method.uppercased()) \(path)")
                #expect(response.status == status, "\(method) \(path): \(String(buffer: response.body))", sourceLocation: sourceLocation)
                let errors = check.errors(in: response, method: method, path: path)
                #expect(errors == [], "\(method) \(path) \(response.status.code)", sourceLocation: sourceLocation)
                return try? JSONDecoder().decode(OpenAPIJSON.self, from: Data(String(buffer: response.body).utf8))
            }
            let coordinator = world.token("coordinator"), partner = world.token("partner")
            let admin = world.token("admin"), district = world.token("district")

            // The catalog, anonymous.
            _ = try expectValid(try await client.get("/health"), "get", "/health", status: .ok)
            _ = try expectValid(try await client.get("/api/v1/ping"), "get", "/api/v1/ping", status: .ok)
            _ = try expectValid(try await client.call(.post, "/api/v1/ping", json: "{}"), "post", "/api/v1/ping", status: .ok)
            _ = try expectValid(try await client.get("/api/v1/openapi.json"), "get", "/api/v1/openapi.json", status: .ok)
            let page = try expectValid(try await client.get("/api/v1/services?limit=3"), "get", "/api/v1/services", status: .ok)
            #expect(page?["next_cursor"]?.string != nil)
            _ = try expectValid(try await client.get("/api/v1/services?near=41.59,-93.62&radius_km=25&limit=50"),
                                "get", "/api/v1/services", status: .ok)
            _ = try expectValid(try await client.get("/api/v1/services?language=xx&limit=500"), "get", "/api/v1/services", status: .ok)
            _ = try expectValid(try await client.get("/api/v1/services?limit=0"), "get", "/api/v1/services", status: .badRequest)
            _ = try expectValid(try await client.get("/api/v1/services?colour=blue"), "get", "/api/v1/services", status: .badRequest)
            _ = try expectValid(try await client.get("/api/v1/services/\(world.serviceID)"), "get", "/api/v1/services/{id}", status: .ok)
            _ = try expectValid(try await client.get("/api/v1/services/no-such-service"), "get", "/api/v1/services/{id}",
                                status: .notFound)
            _ = try expectValid(try await client.get("/api/v1/organizations/\(world.organizationID)"), "get",
                                "/api/v1/organizations/{id}", status: .ok)
            _ = try expectValid(try await client.get("/api/v1/barriers"), "get", "/api/v1/barriers", status: .ok)
            _ = try expectValid(try await client.get("/api/v1/schools"), "get", "/api/v1/schools", status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/schools", token: "not-a-token"), "get", "/api/v1/schools",
                                status: .unauthorized)

            // Matching: a full profile (distances, a gap) and a refused one.
            let match = try expectValid(try await client.call(.post, "/api/v1/match", json: """
                {"barriers": ["anxiety", "food_insecurity", "transportation"], "tier": 2, "age": 13, "languages": ["vi"],
                 "insurance": "medicaid", "home": {"lat": 41.59, "lon": -93.62}, "transportation": "transit",
                 "times": ["after_school"], "settings": ["community"]}
                """), "post", "/api/v1/match", status: .ok)
            #expect((match?["results"]?.array?.count ?? 0) == 3)
            _ = try expectValid(try await client.call(.post, "/api/v1/match", json: #"{"barriers": ["no_such_barrier"], "tier": 2}"#),
                                "post", "/api/v1/match", status: .badRequest)
            _ = try expectValid(try await client.call(.post, "/api/v1/match", json: #"{"barriers": ["anxiety"], "tier": "#),
                                "post", "/api/v1/match", status: .badRequest)

            // Students and consents.
            let student = try expectValid(try await client.call(.post, "/api/v1/students", token: coordinator, json: """
                {"district_student_id": "S-OPENAPI", "school_id": "\(world.schoolID)", "age": 12, "groups": ["foster"]}
                """, headers: [.idempotencyKey: "openapi-student"]), "post", "/api/v1/students", status: .created)
            let studentID = try #require(student?["id"]?.string)
            let replay = try await client.call(.post, "/api/v1/students", token: coordinator, json: """
                {"district_student_id": "S-OPENAPI", "school_id": "\(world.schoolID)", "age": 12, "groups": ["foster"]}
                """, headers: [.idempotencyKey: "openapi-student"])
            _ = try expectValid(replay, "post", "/api/v1/students", status: .created)
            #expect(replay.headers[.idempotentReplayed] == "true")
            _ = try expectValid(try await client.call(.post, "/api/v1/students", token: coordinator, json: """
                {"district_student_id": "S-OPENAPI", "school_id": "\(world.schoolID)"}
                """), "post", "/api/v1/students", status: .conflict)
            _ = try expectValid(try await client.call(.post, "/api/v1/students", token: coordinator, json: #"{"school_id": "x"}"#),
                                "post", "/api/v1/students", status: .unprocessableContent)
            _ = try expectValid(try await client.call(.post, "/api/v1/students", token: partner, json: """
                {"district_student_id": "S-PARTNER", "school_id": "\(world.schoolID)"}
                """), "post", "/api/v1/students", status: .forbidden)
            _ = try expectValid(try await client.call(.post, "/api/v1/students", json: "{}"), "post", "/api/v1/students",
                                status: .unauthorized)
            _ = try expectValid(try await client.call(.get, "/api/v1/students/\(studentID)", token: coordinator),
                                "get", "/api/v1/students/{id}", status: .ok)
            let consent = try expectValid(try await client.call(.post, "/api/v1/students/\(studentID)/consents", token: coordinator, json: """
                {"organization_ids": ["\(world.organizationID)"], "given_by": "mother", "method": "written",
                 "shared_fields": ["grade", "age", "groups"], "expires_on": "2027-06-30"}
                """), "post", "/api/v1/students/{id}/consents", status: .created)
            let consentID = try #require(consent?["id"]?.string)
            _ = try expectValid(try await client.call(.get, "/api/v1/students/\(studentID)/consents", token: coordinator),
                                "get", "/api/v1/students/{id}/consents", status: .ok)

            // A referral through the API: create, send (with and without If-Match), read, lists.
            let draft = try expectValid(try await client.call(.post, "/api/v1/referrals", token: coordinator, json: """
                {"student_id": "\(studentID)", "service_id": "\(world.serviceID)", "barrier": "anxiety", "tier": 2, "note": "openapi"}
                """), "post", "/api/v1/referrals", status: .created)
            let referralID = try #require(draft?["id"]?.string)
            _ = try expectValid(try await client.call(.post, "/api/v1/referrals", token: coordinator, json: """
                {"student_id": "\(studentID)", "service_id": "\(world.serviceID)", "barrier": "anxiety"}
                """), "post", "/api/v1/referrals", status: .conflict)
            let events = "/api/v1/referrals/{id}/events"
            _ = try expectValid(try await client.event(world, referralID, as: "coordinator", #"{"action": "send"}"#), "post", events,
                                status: .preconditionRequired)
            _ = try expectValid(try await client.event(world, referralID, as: "coordinator", #"{"action": "send"}"#, version: 0),
                                "post", events, status: .ok)
            _ = try expectValid(try await client.event(world, referralID, as: "partner", #"{"action": "accept"}"#, version: 0),
                                "post", events, status: .conflict)
            _ = try expectValid(try await client.event(world, referralID, as: "partner", #"{"action": "close"}"#, version: 1),
                                "post", events, status: .conflict)
            _ = try expectValid(try await client.event(world, referralID, as: "partner", #"{"action": "decline"}"#, version: 1),
                                "post", events, status: .unprocessableContent)
            _ = try expectValid(try await client.event(world, referralID, as: "coordinator", #"{"action": "accept"}"#, version: 1),
                                "post", events, status: .forbidden)
            _ = try expectValid(try await client.event(world, referralID, as: "partner", #"{"action": "accept"}"#, version: 1),
                                "post", events, status: .ok)
            _ = try expectValid(try await client.event(world, referralID, as: "partner",
                                                        #"{"action": "schedule", "intake_date": "2026-11-30", "note": "room"}"#, version: 2),
                                "post", events, status: .ok)
            let shown = try await client.call(.get, "/api/v1/referrals/\(referralID)", token: partner)
            _ = try expectValid(shown, "get", "/api/v1/referrals/{id}", status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/referrals/\(referralID)", token: world.token("other_partner")),
                                "get", "/api/v1/referrals/{id}", status: .notFound)
            _ = try expectValid(try await client.call(.get, "/api/v1/referrals?state=referred,scheduled&limit=10", token: coordinator),
                                "get", "/api/v1/referrals", status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/referrals?state=lost", token: coordinator),
                                "get", "/api/v1/referrals", status: .badRequest)
            _ = try expectValid(try await client.call(.get, "/api/v1/partner/referrals", token: partner),
                                "get", "/api/v1/partner/referrals", status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/partner/referrals", token: coordinator),
                                "get", "/api/v1/partner/referrals", status: .forbidden)
            _ = try expectValid(try await client.call(.get, "/api/v1/followups", token: coordinator), "get", "/api/v1/followups",
                                status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/audit?student=\(studentID)", token: admin), "get", "/api/v1/audit",
                                status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/audit", token: coordinator), "get", "/api/v1/audit",
                                status: .forbidden)

            // A partner's availability report.
            let availability = "/api/v1/services/{id}/availability"
            _ = try expectValid(try await client.call(.patch, "/api/v1/services/\(world.serviceID)/availability", token: partner, json: """
                {"enrollment": "waitlist", "waitlist_weeks": 3, "capacity": null, "intake_methods": ["phone"],
                 "hours": [{"weekday": "monday", "opens": "15:00", "closes": "19:30"}]}
                """), "patch", availability, status: .ok)
            _ = try expectValid(try await client.call(.patch, "/api/v1/services/\(world.serviceID)/availability", token: partner,
                                                      json: #"{"waitlist_weeks": 500}"#), "patch", availability, status: .badRequest)

            // Reports, JSON and CSV.
            _ = try expectValid(try await client.call(.get, "/api/v1/reports/connections?from=2026-08-01&to=2027-07-01&group_by=month",
                                                      token: district), "get", "/api/v1/reports/connections", status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/reports/connections?format=csv", token: district),
                                "get", "/api/v1/reports/connections", status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/reports/connections?from=2027-01-01&to=2026-01-01", token: district),
                                "get", "/api/v1/reports/connections", status: .badRequest)
            _ = try expectValid(try await client.call(.get, "/api/v1/reports/gaps?waitlist_weeks=2", token: district),
                                "get", "/api/v1/reports/gaps", status: .ok)

            // The referral as FHIR, and the agency's Task updates (refused without If-Match, stale, incomplete; then applied).
            let fhir = "/api/v1/referrals/{id}/fhir", task = "/api/v1/referrals/{id}/fhir/Task"
            _ = try expectValid(try await client.call(.get, "/api/v1/referrals/\(referralID)/fhir", token: partner), "get", fhir, status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/referrals/\(referralID)/fhir", token: district), "get", fhir,
                                status: .forbidden)
            let reschedule = #"{"resourceType": "Task", "status": "in-progress", "executionPeriod": {"start": "2026-12-01"}}"#
            _ = try expectValid(try await client.call(.put, "/api/v1/referrals/\(referralID)/fhir/Task", token: partner, json: reschedule),
                                "put", task, status: .preconditionRequired)
            _ = try expectValid(try await client.call(.put, "/api/v1/referrals/\(referralID)/fhir/Task", token: partner, json: reschedule,
                                                      headers: [.ifMatch: "W/\"2\""]), "put", task, status: .conflict)
            _ = try expectValid(try await client.call(.put, "/api/v1/referrals/\(referralID)/fhir/Task", token: partner,
                                                      json: #"{"resourceType": "Task", "status": "in-progress"}"#, headers: [.ifMatch: "W/\"3\""]),
                                "put", task, status: .unprocessableContent)
            _ = try expectValid(try await client.call(.put, "/api/v1/referrals/\(referralID)/fhir/Task", token: partner, json: reschedule,
                                                      headers: [.ifMatch: "W/\"3\""]), "put", task, status: .ok)

            // Revoking the consent: the partner's next read is its own record only, still as documented.
            _ = try expectValid(try await client.call(.post, "/api/v1/students/\(studentID)/consents/\(consentID)/revoke", token: coordinator),
                                "post", "/api/v1/students/{id}/consents/{consentID}/revoke", status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/referrals/\(referralID)", token: partner),
                                "get", "/api/v1/referrals/{id}", status: .ok)
            _ = try expectValid(try await client.call(.get, "/api/v1/referrals/\(referralID)/fhir", token: partner), "get", fhir, status: .ok)

            let documented = Set(try Self.document().operations.map { "\($0.method.uppercased()) \($0.path)" })
            #expect(documented.subtracting(covered).sorted() == [], "operations without a checked reply")
        }
    }
}

// MARK: - JSON values

/// A JSON value as JSON Schema sees it: numbers are one kind, booleans another.
enum OpenAPIJSON: Decodable, Equatable, Sendable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([OpenAPIJSON])
    case object([String: OpenAPIJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([OpenAPIJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: OpenAPIJSON].self))
        }
    }

    init(dictionaryLiteral elements: (String, OpenAPIJSON)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }
    init(arrayLiteral elements: OpenAPIJSON...) { self = .array(elements) }
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(nilLiteral: ()) { self = .null }

    subscript(_ key: String) -> OpenAPIJSON? { object?[key] }
    var object: [String: OpenAPIJSON]? { if case .object(let value) = self { value } else { nil } }
    var array: [OpenAPIJSON]? { if case .array(let value) = self { value } else { nil } }
    var string: String? { if case .string(let value) = self { value } else { nil } }
    var number: Double? { if case .number(let value) = self { value } else { nil } }

    mutating func set(_ key: String, _ value: OpenAPIJSON) {
        guard case .object(var members) = self else { return }
        members[key] = value
        self = .object(members)
    }

    mutating func remove(_ key: String) {
        guard case .object(var members) = self else { return }
        members[key] = nil
        self = .object(members)
    }

    /// The JSON Schema type names this value has ("integer" is also a "number").
    var types: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .number(let value): value.rounded() == value ? ["number", "integer"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }

    /// Every (method, path) under `paths`.
    var operations: [(method: String, path: String)] {
        (self["paths"]?.object ?? [:]).flatMap { path, item -> [(method: String, path: String)] in
            (item.object ?? [:]).keys.filter { ["get", "put", "post", "delete", "patch", "head", "options"].contains($0) }
                .map { (method: $0, path: path) }
        }
    }
}

// MARK: - Validation

/// Checks a value against a schema of the document. It knows the keywords the document uses and
/// reports any other keyword as an error, so a schema can never pass by using what is not checked.
struct OpenAPISchemaCheck: Sendable {
    let document: OpenAPIJSON

    /// Keywords that only describe.
    static let annotations: Set<String> = ["description", "title", "examples", "example", "summary"]

    /// Errors of a reply: its status must be documented for the operation, its content type listed,
    /// its required headers present, and a JSON body must validate.
    func errors(in response: TestResponse, method: String, path: String) -> [String] {
        guard let operation = document["paths"]?[path]?[method] else { return ["\(method) \(path) is not documented"] }
        guard var reply = operation["responses"]?[String(response.status.code)] else {
            return ["status \(response.status.code) is not documented for \(method) \(path)"]
        }
        if let target = reply["$ref"]?.string { reply = resolve(target) ?? .null }
        var errors: [String] = []
        for (name, header) in reply["headers"]?.object ?? [:] where header["required"] == .bool(true) {
            if response.headers[HTTPField.Name(name)!] == nil { errors.append("header \(name) is missing") }
        }
        let contentType = response.headers[.contentType] ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = reply["content"]?[mediaType] else {
            return errors + ["content type '\(contentType)' is not documented for \(response.status.code)"]
        }
        let text = String(buffer: response.body)
        let value: OpenAPIJSON
        if mediaType.hasSuffix("json") {
            guard let decoded = try? JSONDecoder().decode(OpenAPIJSON.self, from: Data(text.utf8)) else {
                return errors + ["the body is not JSON"]
            }
            value = decoded
        } else {
            value = .string(text)
        }
        return errors + self.errors(value, media["schema"] ?? [:])
    }

    func resolve(_ reference: String) -> OpenAPIJSON? {
        guard reference.hasPrefix("#/") else { return nil }
        return reference.dropFirst(2).split(separator: "/").reduce(Optional(document)) { node, key in node?[String(key)] }
    }

    func errors(_ value: OpenAPIJSON, _ schema: OpenAPIJSON, at location: String = "$") -> [String] {
        guard let keywords = schema.object else { return ["\(location): the schema is not an object"] }
        var errors: [String] = []
        for (keyword, argument) in keywords where !Self.annotations.contains(keyword) {
            switch keyword {
            case "$ref":
                guard let target = argument.string, let resolved = resolve(target) else {
                    errors.append("\(location): unresolved $ref \(argument)")
                    continue
                }
                errors += self.errors(value, resolved, at: location)
            case "type":
                let allowed = Set(argument.string.map { [$0] } ?? argument.array?.compactMap(\.string) ?? [])
                if allowed.isDisjoint(with: value.types) { errors.append("\(location): \(value.types.sorted()) is not \(allowed.sorted())") }
            case "enum":
                if !(argument.array ?? []).contains(value) { errors.append("\(location): \(value) is not one of \(argument)") }
            case "const":
                if value != argument { errors.append("\(location): \(value) is not \(argument)") }
            case "anyOf":
                let branches = argument.array ?? []
                if !branches.contains(where: { self.errors(value, $0, at: location).isEmpty }) {
                    errors.append("\(location): \(value) matches none of anyOf")
                }
            case "properties":
                guard let members = value.object else { continue }
                for (name, property) in argument.object ?? [:] {
                    if let member = members[name] { errors += self.errors(member, property, at: "\(location).\(name)") }
                }
            case "required":
                guard let members = value.object else { continue }
                for name in argument.array?.compactMap(\.string) ?? [] where members[name] == nil {
                    errors.append("\(location): '\(name)' is missing")
                }
            case "additionalProperties":
                guard let members = value.object else { continue }
                let declared = Set(keywords["properties"]?.object?.keys.map { $0 } ?? [])
                for (name, member) in members where !declared.contains(name) {
                    switch argument {
                    case .bool(false): errors.append("\(location): '\(name)' is not allowed")
                    case .bool(true): break
                    default: errors += self.errors(member, argument, at: "\(location).\(name)")
                    }
                }
            case "items":
                for (index, item) in (value.array ?? []).enumerated() { errors += self.errors(item, argument, at: "\(location)[\(index)]") }
            case "minItems":
                if let items = value.array, Double(items.count) < argument.number ?? 0 { errors.append("\(location): fewer than \(argument) items") }
            case "uniqueItems":
                if argument == .bool(true), let items = value.array {
                    for (index, item) in items.enumerated() where items[..<index].contains(item) { errors.append("\(location): \(item) repeats") }
                }
            case "minimum":
                if let number = value.number, number < argument.number ?? -.infinity { errors.append("\(location): \(number) < \(argument)") }
            case "maximum":
                if let number = value.number, number > argument.number ?? .infinity { errors.append("\(location): \(number) > \(argument)") }
            case "minLength":
                if let text = value.string, Double(text.unicodeScalars.count) < argument.number ?? 0 { errors.append("\(location): too short") }
            case "maxLength":
                if let text = value.string, Double(text.unicodeScalars.count) > argument.number ?? .infinity { errors.append("\(location): too long") }
            case "pattern":
                guard let text = value.string else { continue }
                guard let pattern = argument.string, let expression = try? NSRegularExpression(pattern: pattern) else {
                    errors.append("\(location): bad pattern \(argument)")
                    continue
                }
                if expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    errors.append("\(location): '\(text)' does not match \(pattern)")
                }
            case "format":
                guard let text = value.string else { continue }
                switch argument.string {
                case "date-time":
                    if ISO8601DateFormatter().date(from: text) == nil { errors.append("\(location): '\(text)' is not a date-time") }
                case "date":
                    if CalendarDate(text) == nil { errors.append("\(location): '\(text)' is not a date") }
                case "uri":
                    if URL(string: text)?.scheme == nil { errors.append("\(location): '\(text)' is not a URI") }
                default:
                    errors.append("\(location): format \(argument) is not checked")
                }
            default:
                errors.append("\(location): keyword '\(keyword)' is not checked by this validator")
            }
        }
        return errors
    }
}
