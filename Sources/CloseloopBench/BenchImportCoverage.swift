import BenchSupport
import Directory
import Feeds
import Foundation
import Storage
import TextFormats

/// The coverage table of `closeloop-bench import`: for each feed, the share of active services that
/// state each fact matching uses. Measured in process through the import's own readers and pipeline
/// (ZIP centres included), apart from the timed runs.
enum BenchImportCoverage {
    struct Feed {
        let name: String
        let path: String
        let format: FeedFormat
        /// The mapping profile of a CSV feed.
        let profile: String?
    }

    /// A feed named on the command line: the format from the path, a spreadsheet's profile by its
    /// name (`importers/profiles/<name>.yaml` for `importers/samples/<name>.csv`) unless given.
    static func feed(path: String, profile: String?) throws -> Feed {
        guard let format = FeedFormat.detect(path: path) else { throw BenchFailure("cannot tell the format of \(path)") }
        var profilePath = profile
        if format == .mappedCSV, profilePath == nil {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let guess = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("profiles").appendingPathComponent("\(name).yaml").path
            guard FileManager.default.fileExists(atPath: guess) else {
                throw BenchFailure("\(path) is a spreadsheet: name its mapping profile with --coverage-profile")
            }
            profilePath = guess
        }
        return Feed(name: URL(fileURLWithPath: path).lastPathComponent, path: path, format: format, profile: profilePath)
    }

    static func measure(_ feed: Feed, barriers: [Barrier], seedFolder: URL) async throws -> FeedCoverage {
        let mapping = TaxonomyMapping(barriers: barriers)
        let reader: any FeedReader
        switch feed.format {
        case .airsXML: reader = AIRSReader(path: feed.path, source: "coverage", mapping: mapping, importedAt: Date())
        case .hsdsCSV: reader = HSDSReader(path: feed.path, source: "coverage", mapping: mapping, importedAt: Date())
        case .mappedCSV:
            let profile = try MappingProfile.load(path: feed.profile ?? "")
            reader = MappedCSVReader(path: feed.path, profile: profile, source: "coverage", mapping: mapping, importedAt: Date())
        }
        let centroids = try PostalCodeCentroids.load(contentsOf: seedFolder.appendingPathComponent(PostalCodeCentroids.fileName))
        return try await FeedCoverage.measure(reader, placement: SitePlacement(centroids: centroids, file: feed.name)).coverage
    }

    static func table(_ rows: [(name: String, coverage: FeedCoverage)]) -> String {
        var table = TextTable([("feed", .left), ("active services", .right)] + FeedCoverage.Fact.allCases.map { ($0.rawValue, .right) })
        for row in rows {
            table.append([row.name, String(row.coverage.activeServices)]
                + FeedCoverage.Fact.allCases.map { String(format: "%.0f%%", row.coverage.share($0) * 100) })
        }
        return table.text
    }
}
