import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// The store's month-cell rows: the database groups by the group's column and the month's index,
/// and the row key ("2026-09|school", or the month alone) is put together in Swift. Checked against
/// `ReportFixture`'s hand-known referrals, with the months cut between its two sending days.
@Suite("Report store: month cells")
struct MonthCellQueryTests {
    static let split = ISO8601DateFormatter().date(from: "2026-09-10T00:00:00Z")!

    @Test(arguments: TestBackend.available)
    func monthCellKeysCountsAndStudents(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let fixture = try await ReportFixture.make(store)
            let policy = try await ReferralStore(database: store.database).followUpPolicy()
            let overdue = OverdueCutoffsForTest.make(policy, ReportFixture.now)
            let filter = ReportFilter(sentFrom: ReportFixture.sent.addingTimeInterval(-86_400 * 30), sentTo: ReportFixture.now, scope: .everything)
            let reports = ReportStore(database: store.database)
            let (a, b) = (fixture.schoolA, fixture.schoolB)
            let starts = [filter.sentFrom, Self.split], labels = ["2026-08", "2026-09"]

            // By school in months: A's S1…S11 (S12 was entered in error) on 1 September, S1's second on
            // the 15th; B's twelve referrals of five students on 1 September.
            let cells = ReportGrouping.inMonths(.school, starts: starts, labels: labels)
            let counts = try await reports.referralCounts(filter, by: cells, overdue: overdue)
            #expect(Dictionary(uniqueKeysWithValues: counts.map { ($0.key, $0[.sent]) })
                    == ["2026-08|\(a)": 11, "2026-09|\(a)": 1, "2026-08|\(b)": 12])
            #expect(counts.first { $0.key == "2026-08|\(b)" }?[.connected] == 4)
            #expect(counts.first { $0.key == "2026-09|\(a)" }?[.overdue] == 1)
            let students = try await reports.studentCounts(filter, by: cells, overdue: overdue)
            #expect(Dictionary(uniqueKeysWithValues: students.map { ($0.key, $0[.sent]) })
                    == ["2026-08|\(a)": 11, "2026-09|\(a)": 1, "2026-08|\(b)": 5])
            #expect(students.first { $0.key == "2026-08|\(b)" }?[.connected] == 3)  // T1 (twice), T2, T3
            // Asked for one cell, the answer holds at least that cell, counted alike.
            let one = try await reports.studentCounts(filter, by: cells, overdue: overdue, onlyKeys: ["2026-08|\(b)"])
            #expect(one.first { $0.key == "2026-08|\(b)" }?[.sent] == 5)
            #expect(!one.contains { $0.key == "2026-08|\(a)" || $0.key == "2026-09|\(a)" })
            // Asked for one count in one cell, only the referrals adding to it are grouped.
            let connected = try await reports.studentCounts(filter, by: cells, overdue: overdue, needed: [.connected: ["2026-08|\(b)"]])
            #expect(connected.map(\.key) == ["2026-08|\(b)"])
            #expect(connected.first?.counts[.connected] == 3 && connected.first?.counts[.sent] == nil)

            // Months alone, and month cells of everything: the key is the month.
            for months in [ReportGrouping.month(starts: starts, labels: labels), .inMonths(.all, starts: starts, labels: labels)] {
                let total = try await reports.referralCounts(filter, by: months, overdue: overdue)
                #expect(Dictionary(uniqueKeysWithValues: total.map { ($0.key, $0[.sent]) }) == ["2026-08": 23, "2026-09": 1])
                let totalStudents = try await reports.studentCounts(filter, by: months, overdue: overdue)
                #expect(Dictionary(uniqueKeysWithValues: totalStudents.map { ($0.key, $0[.sent]) }) == ["2026-08": 16, "2026-09": 1])
            }

            // Histograms carry the same keys: A's ten and B's four connections, all on 1 September.
            let connect = try await reports.durationHistogram(.sentToConnected, filter, by: cells)
            #expect(Set(connect.keys) == ["2026-08|\(a)", "2026-08|\(b)"])
            #expect(connect["2026-08|\(a)"]?.reduce(0) { $0 + $1.referrals } == 10)
            #expect(connect["2026-08|\(b)"]?.reduce(0) { $0 + $1.referrals } == 4)

            // Folded: the cells in `folding` come back added up per group, the others apart, with the
            // buckets the plain read has for them (each list written into the SQL when it is the shorter).
            let cellKeys = ["2026-08|\(a)", "2026-09|\(a)", "2026-08|\(b)"]
            for duration in ReportDuration.allCases {
                let plain = try await reports.durationHistogram(duration, filter, by: cells)
                for folding in [["2026-08|\(a)"], ["2026-08|\(a)", "2026-08|\(b)"], cellKeys] {
                    let apart = cellKeys.filter { !folding.contains($0) }
                    let read = try await reports.durationHistogram(duration, filter, by: cells, folding: folding, apart: apart)
                    #expect(Set(read.apart.keys) == Set(apart.filter { plain[$0] != nil }), "\(duration) \(folding)")
                    for key in apart { #expect(Self.byUnit(read.apart[key] ?? []) == Self.byUnit(plain[key] ?? []), "\(duration) \(key)") }
                    var byGroup: [String?: [DurationBucket]] = [:]
                    for key in folding where plain[key] != nil { byGroup[ReportGrouping.splitMonthKey(key).group, default: []] += plain[key]! }
                    #expect(read.folded.mapValues(Self.byUnit) == byGroup.mapValues(Self.byUnit), "\(duration) \(folding)")
                }
            }
            // A's two cells folded into one row per bucket: its eleven responses, S1's second unanswered.
            let folded = try await reports.durationHistogram(.sentToFirstResponse, filter, by: cells, folding: cellKeys, apart: [])
            #expect(folded.folded[a]?.reduce(0) { $0 + $1.referrals } == 11 && folded.apart.isEmpty)
        }
    }

    /// Referrals per unit, however the buckets were split.
    static func byUnit(_ buckets: [DurationBucket]) -> [Int: Int] {
        buckets.reduce(into: [:]) { $0[$1.units, default: 0] += $1.referrals }
    }
}
