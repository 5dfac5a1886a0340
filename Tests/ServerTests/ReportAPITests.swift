import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

/// `GET /api/v1/reports/connections` and `/gaps` through the router: JSON and CSV carry the same rows
/// and cells for every grouping, sign-in and scope are enforced, and matches' gaps reach the gaps report.
@Suite("Reports API")
struct ReportAPITests {
    static let period = "from=2026-08-01&to=2026-11-24"

    /// A referral world plus 400 demo referrals, so every report has rows to show.
    static func withDemoWorld(_ backend: TestBackend, _ body: @escaping @Sendable (ReferralWorld, any TestClientProtocol) async throws -> Void) async throws {
        try await withReferralWorld(backend) { world, client in
            _ = try await DemoReferrals.fill(world.store, DemoReferralOptions(referrals: 400, seed: 11, now: ReferralWorld.now, writer: .bulk))
            try await body(world, client)
        }
    }

    @Test(arguments: TestBackend.available)
    func csvHasTheJSONRowsAndCells(backend: TestBackend) async throws {
        try await Self.withDemoWorld(backend) { world, client in
            for groupBy in ["school", "organization", "domain", "barrier", "tier", "student_group", "month"] {
                let uri = "/api/v1/reports/connections?\(Self.period)&group_by=\(groupBy)"
                let jsonResponse = try await client.call(.get, uri, token: world.token("district"))
                #expect(jsonResponse.status == .ok, "\(String(buffer: jsonResponse.body))")
                #expect(jsonResponse.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try json(jsonResponse)
                let columns = try #require(body["columns"] as? [[String: Any]]).compactMap { $0["key"] as? String }
                let rows = try #require(body["rows"] as? [[String: Any]]) + [try #require(body["total"] as? [String: Any])]

                let csvResponse = try await client.call(.get, uri, token: world.token("district"), headers: [.accept: "text/csv"])
                #expect(csvResponse.status == .ok)
                #expect(csvResponse.headers[.contentType] == "text/csv; charset=utf-8")
                let lines = CSVLines.parse(String(buffer: csvResponse.body))
                #expect(lines.first == columns, "\(groupBy): header")
                #expect(lines.count == rows.count + 1, "\(groupBy): one line per JSON row and the total")
                for (line, row) in zip(lines.dropFirst(), rows) {
                    #expect(line == columns.map { CSVLines.text(row[$0]) }, "\(groupBy): \(row["group_label"] ?? "")")
                }
                // format=csv (a plain download link) gives the same bytes as the Accept header.
                let link = try await client.call(.get, uri + "&format=csv", token: world.token("district"))
                #expect(String(buffer: link.body) == String(buffer: csvResponse.body))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func signInScopeAndParametersAreChecked(backend: TestBackend) async throws {
        try await Self.withDemoWorld(backend) { world, client in
            let uri = "/api/v1/reports/connections?\(Self.period)"
            #expect(try await client.call(.get, uri).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/reports/gaps").status == .unauthorized)

            // A coordinator's report covers their school only, and another school is a 404.
            let mine = try json(try await client.call(.get, uri, token: world.token("coordinator")))
            let keys = try #require(mine["rows"] as? [[String: Any]]).compactMap { $0["group_key"] as? String }
            #expect(keys.allSatisfy { $0 == world.schoolID })
            let other = try await client.call(.get, uri + "&school=\(try await Self.otherSchool(world))", token: world.token("coordinator"))
            #expect(other.status == .notFound)

            // District-wide totals are at least the coordinator's.
            let district = try json(try await client.call(.get, uri, token: world.token("district")))
            let districtSent = try #require((district["total"] as? [String: Any])?["sent"] as? Int)
            #expect(districtSent > 200)  // through October: November, the month in progress, is not counted

            for (query, parameter) in [("group_by=planet", "group_by"), ("from=2026-13-01", "from"), ("from=2026-10-01&to=2026-09-01", "to"),
                                       ("format=xml", "format"), ("colour=red", "colour")] {
                let response = try await client.call(.get, "/api/v1/reports/connections?\(query)", token: world.token("district"))
                #expect(response.status == .badRequest, "\(query)")
                #expect(try json(response)["parameter"] as? String == parameter, "\(query)")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func gapsReportListsDeclinesWaitlistsAndMatchGaps(backend: TestBackend) async throws {
        try await Self.withDemoWorld(backend) { world, client in
            // A match that finds no provider for either barrier records two gaps (and no profile).
            let match = try await client.call(.post, "/api/v1/match", json: """
                {"barriers": ["teen_parenting", "legal_immigration"], "tier": 3, "age": 4, "languages": ["so"]}
                """)
            #expect(match.status == .ok)
            let gaps = try #require(try json(match)["gaps"] as? [[String: Any]])
            #expect(gaps.count == 2)

            let response = try await client.call(.get, "/api/v1/reports/gaps?from=2026-08-01&to=2027-08-01&waitlist_weeks=2",
                                                 token: world.token("district"))
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let body = try json(response)
            let unmet = try #require(body["unmet_needs"] as? [[String: Any]])
            #expect(Set(unmet.compactMap { $0["barrier"] as? String }) == ["teen_parenting", "legal_immigration"])
            #expect(unmet.first { $0["barrier"] as? String == "teen_parenting" }?["filter"] as? String == "age")
            #expect(unmet.allSatisfy { $0["matches"] as? Int == 1 })
            let declines = try #require(body["no_capacity"] as? [[String: Any]])
            #expect(!declines.isEmpty, "the demo declines some referrals for lack of capacity")
            #expect(declines.allSatisfy { $0["declined_referrals"] is Int || $0["declined_referrals"] as? String == "<10" })
            let waitlists = try #require(body["long_waitlists"] as? [[String: Any]])
            #expect(!waitlists.isEmpty, "the seed has services waitlisted two weeks or more: an empty list would check nothing")
            for gap in waitlists {
                let services = try #require(gap["services"] as? [[String: Any]])
                #expect(!services.isEmpty)
                #expect(services.allSatisfy { ($0["waitlist_weeks"] as? Int ?? 0) >= 2 })
            }
        }
    }

    static func otherSchool(_ world: ReferralWorld) async throws -> String {
        try #require(try await world.store.schools().map(\.id).first { $0 != world.schoolID })
    }
}

/// Reads the CSV the API writes (RFC 4180, CRLF, quotes only where needed) and renders JSON
/// values the way the CSV writes them.
enum CSVLines {
    static func parse(_ text: String) -> [[String]] {
        let characters = Array(text)
        var lines: [[String]] = [], fields: [String] = [], field = ""
        var quoted = false, index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" { field.append("\""); index += 1 } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else if character == "\r\n" || character == "\n" {
                fields.append(field)
                lines.append(fields)
                fields = []
                field = ""
            } else {
                field.append(character)
            }
            index += 1
        }
        return lines
    }

    static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: ""
        case let text as String: text
        case let number as NSNumber: "\(number)"
        default: "\(value!)"
        }
    }
}
