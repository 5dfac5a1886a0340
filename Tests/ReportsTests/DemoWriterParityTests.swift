import Foundation
import Referrals
import Reports
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// The demo bulk writer must leave exactly the rows the referral store leaves for the same demo
/// (same seed, same clock): students, groups, consents, referrals with every cached fact, events and
/// audit lines. Ids are random in both, so rows are compared with ids replaced by natural keys.
@Suite("Demo writers")
struct DemoWriterParityTests {
    static let options = DemoReferralOptions(referrals: 150, seed: 7, now: Date(timeIntervalSince1970: 1_795_446_000))

    @Test(arguments: TestBackend.available)
    func bulkRowsAreTheStoreRows(backend: TestBackend) async throws {
        let (viaStore, storeSummary) = try await Self.fill(backend, writer: .store)
        let (viaBulk, bulkSummary) = try await Self.fill(backend, writer: .bulk)
        #expect(storeSummary == bulkSummary)
        #expect(storeSummary.referrals == 150)
        for table in Self.tables.map(\.name) {
            let expected = try #require(viaStore[table]), actual = try #require(viaBulk[table])
            #expect(expected.isEmpty == (table == "idempotency_keys"), "\(table): \(expected.count) rows")
            #expect(expected == actual, "\(table) differs: \(Set(expected).symmetricDifference(Set(actual)).sorted().prefix(4))")
        }
    }

    @Test(arguments: TestBackend.available)
    func demoOutcomesLookLikeADistrict(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let summary = try await DemoReferrals.fill(store, DemoReferralOptions(referrals: 600, seed: 3, now: Self.options.now, writer: .bulk))
            #expect(summary.logins.map(\.user.role).sorted { $0.rawValue < $1.rawValue } == [.admin, .coordinator, .district, .partner])
            let admin = try #require(summary.logins.first { $0.user.role == .admin }?.user)
            let report = try await DistrictReports(database: store.database).connections(
                ConnectionReportRequest(from: CalendarDate("2026-08-01")!, to: CalendarDate("2026-11-24")!, groupBy: .month),
                for: admin, now: Self.options.now)
            // Counted through October: November is the month in progress.
            #expect(report.request.to == CalendarDate("2026-11-01")!)
            let sent = try #require(report.total[.sent].shownCount)
            #expect(sent > 400 && sent <= 600, "most referrals are sent before November")
            // Referrals sent in August and September have had time to connect: around six in ten do.
            for month in report.rows.prefix(2) {
                let rate = try #require(month.connectionRate.measure, "\(month.label)")
                #expect(rate > 0.45 && rate < 0.75, "\(month.label): \(rate)")
            }
            #expect(try #require(report.total[.declined].shownCount) > 10)
            #expect(try #require(report.total[.open].shownCount) > 10)
            #expect(try #require(report.total[.overdue].shownCount) > 10)
        }
    }

    // MARK: rows without ids

    static func fill(_ backend: TestBackend, writer: DemoWriter) async throws -> ([String: [String]], DemoSummaryCounts) {
        try await withSeededStore(backend) { store async throws in
            var options = options
            options.writer = writer
            let summary = try await DemoReferrals.fill(store, options)
            return (try await rows(store.database.sql),
                    DemoSummaryCounts(students: summary.students, referrals: summary.referrals, events: summary.events))
        }
    }

    struct DemoSummaryCounts: Equatable, Sendable {
        var students: Int
        var referrals: Int
        var events: Int
    }

    /// Each table's columns, integer ones marked.
    static let tables: [(name: String, columns: [(String, Bool)])] = [
        ("students", [("id", false), ("district_student_id", false), ("school_id", false), ("grade", false), ("age", true),
                      ("languages", false), ("groups", false), ("created_by", false), ("created_at", true)]),
        ("student_groups", [("student_id", false), ("group_name", false)]),
        ("consents", [("id", false), ("student_id", false), ("organization_ids", false), ("given_by", false), ("method", false),
                      ("shared_fields", false), ("given_on", false), ("expires_on", false), ("revoked_at", true),
                      ("recorded_by", false), ("created_at", true)]),
        ("referrals", [("id", false), ("student_id", false), ("service_id", false), ("organization_id", false), ("school_id", false),
                       ("barrier", false), ("state", false), ("version", true), ("previous_referral_id", false), ("note", false),
                       ("created_by", false), ("created_at", true), ("updated_at", true), ("sent_at", true), ("tier", true),
                       ("first_response_at", true), ("connected_at", true), ("first_service_date", false), ("decline_reason", false),
                       ("reached_accepted", true), ("reached_waitlisted", true), ("reached_scheduled", true), ("sent_month", true)]),
        ("referral_events", [("referral_id", false), ("sequence", true), ("action", false), ("from_state", false), ("to_state", false),
                             ("actor_id", false), ("role", false), ("at", true), ("reason", false), ("intake_date", false),
                             ("first_service_date", false), ("confirmed_by", false), ("note", false)]),
        ("audit_log", [("at", true), ("actor_id", false), ("role", false), ("action", false), ("student_id", false),
                       ("referral_id", false), ("organization_id", false), ("detail", false)]),
        ("idempotency_keys", [("key", false)]),
    ]

    /// Every row of every table as text, ids replaced by natural keys (users by email, students by
    /// district id, referrals by student, creation time and barrier), sorted.
    static func rows(_ sql: any SQLDatabase) async throws -> [String: [String]] {
        var names: [String: String] = [:]
        for row in try await sql.raw("SELECT id, email FROM users").all() {
            names[try row.decode(column: "id", as: String.self)] = "user:" + (try row.decode(column: "email", as: String.self))
        }
        for row in try await sql.raw("SELECT id, district_student_id FROM students").all() {
            names[try row.decode(column: "id", as: String.self)] = "student:" + (try row.decode(column: "district_student_id", as: String.self))
        }
        for row in try await sql.raw("SELECT id, student_id FROM consents").all() {
            names[try row.decode(column: "id", as: String.self)] = "consent:" + (names[try row.decode(column: "student_id", as: String.self)] ?? "?")
        }
        for row in try await sql.raw("SELECT id, student_id, created_at, barrier FROM referrals").all() {
            names[try row.decode(column: "id", as: String.self)] = "referral:\(names[try row.decode(column: "student_id", as: String.self)] ?? "?")"
                + ":\(try row.decode(column: "created_at", as: Int.self)):\(try row.decode(column: "barrier", as: String.self))"
        }
        var result: [String: [String]] = [:]
        for table in tables {
            let list = table.columns.map(\.0).joined(separator: ", ")
            result[table.name] = try await sql.raw(SQLQueryString("SELECT \(unsafeRaw: list) FROM \(unsafeRaw: table.name)")).all().map { row in
                try table.columns.map { column, isInteger in
                    let value = isInteger ? try row.decode(column: column, as: Int?.self).map(String.init)
                        : try row.decode(column: column, as: String?.self)
                    return "\(column)=\(value.map { names[$0] ?? $0 } ?? "NULL")"
                }.joined(separator: " ")
            }.sorted()
        }
        return result
    }
}
