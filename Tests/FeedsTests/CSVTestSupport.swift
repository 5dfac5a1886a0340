import Directory
import Foundation
@testable import Feeds

/// Helpers shared by the CSV, HSDS and mapped-CSV reader tests.
enum CSVFixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The repository's `importers/` folder (profiles and sample sheets ship there, not in Fixtures).
    static func importers(_ relative: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("importers").appendingPathComponent(relative).path
    }

    /// A few hand-written barriers, enough to map the fixtures' codes.
    static let mapping = TaxonomyMapping(barriers: [
        Barrier(id: "academic_struggle", label: "Academic struggle", domains: [.academic],
                intensities: [.prevention, .earlyIntervention], taxonomyPrefixes: ["HH-0500"]),
        Barrier(id: "anxiety", label: "Anxiety", domains: [.socialEmotional, .health],
                intensities: [.earlyIntervention, .intensive], taxonomyPrefixes: ["RP-1400", "RP-1500"]),
        Barrier(id: "food_insecurity", label: "Food insecurity", domains: [.health, .family],
                intensities: [.prevention], taxonomyPrefixes: ["BD-1800"]),
    ])

    static let importedAt = Date(timeIntervalSince1970: 1_760_000_000)

    /// Tokenizes a whole file into (line, fields) pairs.
    static func rows(_ path: String, chunkSize: Int = CSVTokenizer.defaultChunkSize, delimiter: UInt8? = nil)
        throws -> (rows: [(line: Int, fields: [String])], tokenizer: CSVTokenizer) {
        let tokenizer = try CSVTokenizer(
            path: path, delimiter: delimiter ?? CSVTokenizer.delimiter(forPath: path), chunkSize: chunkSize)
        var rows: [(line: Int, fields: [String])] = []
        while let row = tokenizer.next() { rows.append((row.line, row.fields)) }
        return (rows, tokenizer)
    }

    static func temporaryFile(_ name: String, contents: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }
}

/// Everything a reader emitted, by kind, plus its summary and progress reports.
struct CollectedFeed {
    var organizations: [Organization] = []
    var locations: [Location] = []
    var services: [Service] = []
    var links: [ServiceAtLocation] = []
    var order: [String] = []
    var progress: [ReadProgress] = []
    var summary = ReadSummary()

    init(_ reader: some FeedReader) throws {
        var collected = CollectedFeed(empty: ())
        collected.summary = try reader.read(
            emit: { record in
                switch record {
                case .organization(let value): collected.organizations.append(value); collected.order.append("organization")
                case .location(let value): collected.locations.append(value); collected.order.append("location")
                case .service(let value): collected.services.append(value); collected.order.append("service")
                case .serviceAtLocation(let value): collected.links.append(value); collected.order.append("serviceAtLocation")
                }
            },
            progress: { collected.progress.append($0) })
        self = collected
    }

    private init(empty: Void) {}

    var errors: [ImportProblem] { summary.problems.filter { $0.severity == .error } }
    var warnings: [ImportProblem] { summary.problems.filter { $0.severity == .warning } }

    func service(named name: String) -> Service? { services.first { $0.name == name } }
    func organization(named name: String) -> Organization? { organizations.first { $0.name == name } }
    func location(named name: String) -> Location? { locations.first { $0.name == name } }
}
