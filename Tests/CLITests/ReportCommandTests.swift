import Foundation
import Storage
import Testing
import TestSupport

/// `closeloop seed --demo-referrals` and `closeloop report connections`, the real executable: the seed
/// prints the four demo sign-ins, and the report's table, CSV and JSON agree on the same store.
@Suite("closeloop seed and report")
struct ReportCommandTests {
    @Test(arguments: TestBackend.available)
    func demoSeedThenReportInEveryFormat(backend: TestBackend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withFreshStore(backend) { store async throws in
            let database = store.database.location.connectionString
            let seed = try await MatchCommandTests.closeloop(["seed", "--demo-referrals", "300", "--writer", "bulk", "--db", database])
            #expect(seed.status == 0, "\(seed.errors)")
            #expect(seed.output.contains("seeded the demo directory"))
            #expect(seed.output.contains("added"))
            for email in ["coordinator", "partner", "district", "admin"].map({ "\($0)@demo.closeloop.test" }) {
                #expect(seed.output.contains(email), "\(email) is listed")
            }
            #expect(seed.output.components(separatedBy: "token clt_").count == 5)

            // The demo fills the school year up to today, whenever the test runs; ask for the last two years.
            let day: (TimeInterval) -> String = { ISO8601DateFormatter.string(from: Date().addingTimeInterval($0), timeZone: .gmt, formatOptions: [.withFullDate]) }
            let period = ["--from", day(-730 * 86_400), "--to", day(86_400)]
            let csv = try await MatchCommandTests.closeloop(["report", "connections", "--group-by", "school", "--format", "csv"] + period + ["--db", database])
            #expect(csv.status == 0, "\(csv.errors)")
            let lines = csv.output.split(separator: "\r\n").map(String.init)
            #expect(lines.first?.hasPrefix("group_key,group_label,sent,accepted,") == true)
            let totalLine = try #require(lines.last)
            #expect(totalLine.hasPrefix(",Total,"))

            let json = try await MatchCommandTests.closeloop(["report", "connections", "--format", "json"] + period + ["--db", database])
            #expect(json.status == 0, "\(json.errors)")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            let rows = try #require(body["rows"] as? [[String: Any]])
            #expect(lines.count == rows.count + 2)
            let total = try #require(body["total"] as? [String: Any])
            let sent = try #require(total["sent"] as? Int)
            #expect(sent > 250 && sent <= 300)
            #expect(totalLine.hasPrefix(",Total,\(sent),"))

            let table = try await MatchCommandTests.closeloop(["report", "connections"] + period + ["--db", database])
            #expect(table.status == 0, "\(table.errors)")
            let tableLines = table.output.split(separator: "\n").map(String.init)
            #expect(tableLines.contains { $0.hasPrefix("group ") && $0.contains("sent") && $0.contains("rate") })
            let tableTotal = try #require(tableLines.last)
            #expect(tableTotal.hasPrefix("Total"))
            #expect(tableTotal.split(separator: " ").dropFirst().first.map(String.init) == String(sent))

            let bad = try await MatchCommandTests.closeloop(["report", "connections", "--group-by", "planet", "--db", database])
            #expect(bad.status != 0)
            #expect(bad.errors.contains("planet"))
        }
    }
}
