import Directory
import Foundation
import Feeds
import Referrals
import Reports
import Storage
import Testing
import TestSupport

/// Issue 21 item 8: a name a stranger typed into a 211 feed reaches the district's report CSV as text,
/// never as a spreadsheet formula.
@Suite("Report CSV: spreadsheet-safe")
struct ReportCSVInjectionTests {
    static let feed = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("agency-formula-211.xml")
    static let formula = #"=HYPERLINK("http://evil.example","x")"#

    @Test(arguments: TestBackend.available)
    func anImportedFormulaReachesTheReportCSVAsText(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let serviceID = try await Self.importFeed(into: store)
            let district = try await Self.referTenStudents(to: serviceID, store: store)

            let report = try await DistrictReports(database: store.database).connections(
                ConnectionReportRequest(from: CalendarDate("2026-08-01")!, to: CalendarDate("2026-12-01")!, groupBy: .organization),
                for: district, now: ReportFixture.now)
            let row = try #require(report.rows.first { $0.label == Self.formula }, "\(report.rows.map(\.label))")
            #expect(row[.sent] == .count(10))

            // The CSV's cell for the agency is the name behind a single quote: Excel and LibreOffice show it as text.
            let lines = Self.parse(report.csv)
            let line = try #require(lines.first { $0.first == row.key })
            #expect(line[1] == "'" + Self.formula)
            #expect(line[2] == "10")
            for cell in lines.joined() {
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains { cell.hasPrefix($0) }, "\(cell)")
            }
            #expect(!report.csv.contains(",=HYPERLINK"))

            // JSON is read by programs, not spreadsheets: it carries the name exactly.
            let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
            let rows = try #require(json["rows"] as? [[String: Any]])
            #expect(rows.contains { $0["group_label"] as? String == Self.formula })
        }
    }

    /// Imports the fixture feed through the AIRS reader and the store's import transaction; the service's id.
    static func importFeed(into store: DirectoryStore) async throws -> String {
        let reader = AIRSReader(path: feed.path, source: "riverton-211", mapping: TaxonomyMapping(barriers: try loadSeed().barriers),
                                importedAt: ReportFixture.sent.addingTimeInterval(-30 * 86_400))
        _ = try await store.importFeed(.init(source: "riverton-211")) { writer in
            var summary = ReadSummary()
            for try await event in reader.batches() {
                switch event {
                case .batch(let batch): try await writer.write(batch)
                case .finished(let read): summary = read
                }
            }
            #expect(summary.errors.isEmpty, "\(summary.errors)")
            return summary.readToEnd
        }
        let directory = try await store.snapshot()
        let organization = try #require(directory.organizations.first { $0.name == formula }, "the name is stored as the feed gave it")
        return try #require(directory.services.first { $0.organizationID == organization.id }).id
    }

    /// Ten students of the first school, each sent one referral to `serviceID` on 1 September; the district user.
    static func referTenStudents(to serviceID: String, store: DirectoryStore) async throws -> User {
        let school = try await store.schools()[0].id
        let service = try #require(try await store.snapshot().services.first { $0.id == serviceID })
        let accounts = AccountStore(database: store.database)
        let coordinator = try await accounts.addUser(email: "coordinator@example.org", role: .coordinator, schoolIDs: [school]).user
        let district = try await accounts.addUser(email: "district@example.org", role: .district).user
        let referrals = ReferralStore(database: store.database)
        let sent = ReportFixture.sent
        for index in 1...10 {
            let student = try await referrals.createStudent(NewStudent(districtStudentID: "W\(index)", schoolID: school), by: coordinator,
                                                            now: sent.addingTimeInterval(-86_400))
            _ = try await referrals.addConsent(
                Consent(organizationIDs: [service.organizationID], givenBy: "parent", method: .written, sharedFields: [.grade],
                        givenOn: CalendarDate(sent.addingTimeInterval(-86_400)), expiresOn: CalendarDate("2027-08-01")!),
                studentID: student.id, by: coordinator, now: sent.addingTimeInterval(-86_400))
            let draft = try await referrals.createReferral(NewReferral(studentID: student.id, serviceID: serviceID, barrier: "anxiety", tier: 2),
                                                           by: coordinator, now: sent.addingTimeInterval(-3_600))
            _ = try await referrals.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: nil, by: coordinator, now: sent)
        }
        return district
    }

    /// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else if character == "\r\n" {
                records.append(fields + [field])
                (fields, field) = ([], "")
            } else {
                field.append(character)
            }
        }
        return records
    }
}
