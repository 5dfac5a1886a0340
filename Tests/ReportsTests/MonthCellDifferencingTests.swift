import Directory
import Foundation
import Referrals
import Reports
import Storage
import Testing
import TestSupport

/// Issue 21 item 10, the part whole-month periods left open: two reports whose periods END in
/// different months used to differ by one month of one group (a count under 10 with it), and a report
/// reaching into the month in progress changed from day to day by single referrals. Over a few seeded
/// districts with small and large school-month cells, every figure must be a sum of month cells that
/// are shown on their own, so any two reports differ by nothing or by at least 10.
@Suite("Suppression: month cells cannot be differenced")
struct MonthCellDifferencingTests {
    /// Monday 23 November 2026, 15:00 UTC: August to October are over, November is in progress.
    static let now = Date(timeIntervalSince1970: 1_795_446_000)
    static let day: TimeInterval = 86_400

    /// A district of three schools whose referrals in August, September and October come in school-month
    /// batches of 0, 2, 6, 11 or 14 students (one referral each, on a random day of the month, some
    /// accepted and connected), and a few more sent in November before `now`.
    struct District {
        let store: DirectoryStore
        let district: User
        let partner: User
        let coordinators: [String: User]
        let serviceID: String
        let organizationID: String
        let barriers: [String]

        static func make(_ store: DirectoryStore, seed: UInt64) async throws -> District {
            let schools = Array(try await store.schools().prefix(3).map(\.id))
            let service = try #require(try await store.services(matching: ServiceQuery(limit: 1)).items.first?.service)
            let accounts = AccountStore(database: store.database)
            var coordinators: [String: User] = [:]
            for (index, school) in schools.enumerated() {
                coordinators[school] = try await accounts.addUser(
                    email: "coordinator\(index)@example.org", role: .coordinator, organizationID: nil, schoolIDs: [school]).user
            }
            let partner = try await accounts.addUser(email: "partner@example.org", role: .partner,
                                                     organizationID: service.organizationID, schoolIDs: []).user
            let district = try await accounts.addUser(email: "district@example.org", role: .district, organizationID: nil, schoolIDs: []).user
            let barriers = Array(try await store.barriers().map(\.id).prefix(2))
            let world = District(store: store, district: district, partner: partner, coordinators: coordinators, serviceID: service.id,
                                 organizationID: service.organizationID, barriers: barriers)
            var random = SeededRandom(seed: seed)
            var number = 0
            for (month, days) in [(8, 31), (9, 30), (10, 31)] {
                for school in schools {
                    for _ in 0..<random.pick([0, 2, 6, 11, 14]) {
                        number += 1
                        let sent = Self.instant(2026, month, random.int(1...days), hour: random.int(8...16))
                        try await world.refer("S\(number)", school: school, barrier: random.pick(barriers), sentAt: sent,
                                              connects: random.chance(0.7), partner: partner)
                    }
                }
            }
            for _ in 0..<random.int(1...3) {
                number += 1
                try await world.refer("S\(number)", school: random.pick(schools), barrier: random.pick(barriers),
                                      sentAt: Self.instant(2026, 11, random.int(2...9), hour: 10), connects: true, partner: partner)
            }
            return world
        }

        static func instant(_ year: Int, _ month: Int, _ day: Int, hour: Int) -> Date {
            ISO8601DateFormatter().date(from: String(format: "%04d-%02d-%02dT%02d:00:00Z", year, month, day, hour))!
        }

        /// A new student of `school` with consent, referred once; accepted and connected within days when `connects`.
        func refer(_ districtID: String, school: String, barrier: String, sentAt: Date, connects: Bool, partner: User) async throws {
            let referrals = ReferralStore(database: store.database)
            let coordinator = coordinators[school]!
            let before = sentAt.addingTimeInterval(-2 * day)
            let student = try await referrals.createStudent(NewStudent(districtStudentID: districtID, schoolID: school), by: coordinator, now: before)
            _ = try await referrals.addConsent(
                Consent(organizationIDs: [organizationID], givenBy: "parent", method: .written, sharedFields: [.grade],
                        givenOn: CalendarDate(before), expiresOn: CalendarDate("2027-08-01")!),
                studentID: student.id, by: coordinator, now: before)
            let made = try await referrals.createReferral(
                NewReferral(studentID: student.id, serviceID: serviceID, barrier: barrier, tier: 2), by: coordinator,
                now: sentAt.addingTimeInterval(-3_600))
            _ = try await referrals.apply(ReferralCommand(.send), toReferral: made.id, expectedVersion: nil, by: coordinator, now: sentAt)
            guard connects else { return }
            _ = try await referrals.apply(ReferralCommand(.accept), toReferral: made.id, expectedVersion: nil, by: partner,
                                          now: sentAt.addingTimeInterval(3_600))
            _ = try await referrals.apply(
                ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate(sentAt.addingTimeInterval(2 * day)), confirmedBy: .partner),
                toReferral: made.id, expectedVersion: nil, by: partner, now: sentAt.addingTimeInterval(2 * day))
        }

        func report(_ from: String, _ to: String, _ groupBy: ReportGroupBy, now: Date = MonthCellDifferencingTests.now) async throws -> ConnectionReport {
            try await DistrictReports(database: store.database).connections(
                ConnectionReportRequest(from: CalendarDate(from)!, to: CalendarDate(to)!, groupBy: groupBy), for: district, now: now)
        }
    }

    static let seeds: [UInt64] = [7, 21, 1_021]
    static let periods = [("2026-08-01", "2026-09-01"), ("2026-08-01", "2026-10-01"), ("2026-08-01", "2026-11-01"),
                          ("2026-08-01", "2026-12-01"), ("2026-09-01", "2026-11-01"), ("2026-10-01", "2026-11-24")]
    static let months = [("2026-08-01", "2026-09-01"), ("2026-09-01", "2026-10-01"), ("2026-10-01", "2026-11-01")]

    /// The figures of a report by row key (nil for the total) and count.
    static func figures(_ report: ConnectionReport) -> [String: [ReportCount: ReportValue]] {
        var figures: [String: [ReportCount: ReportValue]] = [:]
        for row in report.rows { figures[row.key ?? "(none)"] = row.counts }
        figures["(total)"] = report.total.counts
        return figures
    }

    @Test(arguments: TestBackend.available)
    func reportsEndingInDifferentMonthsDifferByNothingOrTenOrMore(backend: TestBackend) async throws {
        for seed in Self.seeds {
            try await withSeededStore(backend) { store async throws in
                let district = try await District.make(store, seed: seed)
                for groupBy in [ReportGroupBy.school, .barrier, .month] {
                    // Each report with the months it counted (November, in progress, never).
                    var reports: [(name: String, months: Set<Int>, figures: [String: [ReportCount: ReportValue]])] = []
                    for (from, to) in Self.periods {
                        let report = try await district.report(from, to, groupBy)
                        let months = Set(Self.months.indices.filter {
                            let start = CalendarDate(Self.months[$0].0)!
                            return report.request.from <= start && start < report.request.to
                        })
                        reports.append(("\(from)…\(to)", months, Self.figures(report)))
                    }
                    let singleMonths = try await Self.months.asyncMap { Self.figures(try await district.report($0.0, $0.1, groupBy)) }
                    // Within one month the schools partition the total: the total minus the shown schools
                    // is nothing or at least 10 (complementary suppression), never one small school.
                    if groupBy != .month {
                        for (index, month) in singleMonths.enumerated() {
                            for count in ReportCount.allCases {
                                guard let total = month["(total)"]?[count]?.count, groupBy != .month else { continue }
                                let rows = month.filter { $0.key != "(total)" }.compactMap { $0.value[count]?.count }
                                let rest = total - rows.reduce(0, +)
                                #expect(rest == 0 || rest >= Suppression.minimumStudents,
                                        "seed \(seed) \(groupBy) \(Self.months[index].0) \(count): total \(total), shown \(rows)")
                            }
                        }
                    }
                    for (name, months, figures) in reports {
                        for (key, counts) in figures {
                            for (count, value) in counts {
                                // Each figure is the sum of what the single-month reports of its months show for it.
                                let shown = months.sorted().compactMap { singleMonths[$0][key]?[count]?.count }
                                #expect(value.shownCount == (shown.isEmpty ? nil : shown.reduce(0, +)),
                                        "seed \(seed) \(groupBy) \(name) \(key) \(count): \(value) vs months \(shown)")
                            }
                        }
                    }
                    // Any two reports whose months nest (periods ending in different months, or the same
                    // months asked differently): the same row's figure is equal or differs by at least 10.
                    for (nameA, monthsA, a) in reports {
                        for (nameB, monthsB, b) in reports where nameA < nameB && (monthsA.isSubset(of: monthsB) || monthsB.isSubset(of: monthsA)) {
                            for (key, counts) in a {
                                for (count, value) in counts {
                                    guard let x = value.shownCount, let y = b[key]?[count]?.shownCount else { continue }
                                    #expect(x == y || abs(x - y) >= Suppression.minimumStudents,
                                            "seed \(seed) \(groupBy) \(key) \(count): \(nameA) \(value) vs \(nameB) \(b[key]![count]!)")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func theSameReportOnTwoDaysOfAMonthInProgressIsTheSame(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let district = try await District.make(store, seed: 21)
            let tenth = District.instant(2026, 11, 10, hour: 15), twentieth = District.instant(2026, 11, 20, hour: 15)
            let before = try await district.report("2026-08-01", "2026-12-01", .school, now: tenth)
            let beforeByMonth = try await district.report("2026-08-01", "2026-12-01", .month, now: tenth)
            // One referral sent, accepted and connected between the two days.
            let school = try #require(district.coordinators.keys.sorted().first)
            let partner = district.partner
            try await district.refer("LATE", school: school, barrier: district.barriers[0],
                                     sentAt: District.instant(2026, 11, 12, hour: 10), connects: true, partner: partner)
            let after = try await district.report("2026-08-01", "2026-12-01", .school, now: twentieth)
            let afterByMonth = try await district.report("2026-08-01", "2026-12-01", .month, now: twentieth)
            #expect(before.rows == after.rows)
            #expect(before.total == after.total)
            #expect(beforeByMonth.rows == afterByMonth.rows && beforeByMonth.total == afterByMonth.total)
            // What was counted: the months that were over, and the report says so.
            #expect(after.request.to == CalendarDate("2026-11-01")! && after.requested.to == CalendarDate("2026-12-01")!)
            #expect(afterByMonth.rows.map(\.key).last == "2026-10")
            // Asked for the month in progress alone, nothing is counted yet.
            let november = try await district.report("2026-11-01", "2026-12-01", .school, now: twentieth)
            #expect(november.rows.isEmpty && november.total[.sent] == .suppressed)
        }
    }

    /// A row whose months are partly hidden says so: "N+" in JSON and CSV.
    @Test func aSumOverAHiddenMonthIsAtLeast() {
        #expect(Suppression.countedPeriod(from: CalendarDate("2026-08-01")!, to: CalendarDate("2026-12-01")!,
                                          monthInProgress: CalendarDate("2026-11-23")!) == (CalendarDate("2026-08-01")!, CalendarDate("2026-11-01")!))
        #expect(Suppression.countedPeriod(from: CalendarDate("2026-11-05")!, to: CalendarDate("2026-11-06")!,
                                          monthInProgress: CalendarDate("2026-11-23")!) == (CalendarDate("2026-11-01")!, CalendarDate("2026-11-01")!))
        #expect(ReportValue.atLeast(25).text == "25+")
        let encoded = String(decoding: try! JSONEncoder().encode([ReportValue.atLeast(25)]), as: UTF8.self)
        #expect(encoded == #"["25+"]"#)
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
