import Directory
import Foundation
import Matching
import Testing

/// The demo seed in `seed/` at the top of the checkout, when it is there.
enum SeedFiles {
    static let folder: URL? = {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seed")
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("directory.json").path) ? folder : nil
    }()

    static func load<T: Decodable>(_ type: T.Type, _ file: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let folder = try #require(Self.folder)
        return try decoder.decode(type, from: Data(contentsOf: folder.appendingPathComponent(file)))
    }
}

/// The matcher over the synthetic demo seed: every barrier reachable, and every suggestion
/// honest against the plain-language rules.
@Suite("Seed directory", .enabled(if: SeedFiles.folder != nil))
struct SeedSmokeTests {
    @Test func everyBarrierHasSuggestionsForAnUnconstrainedProfileAndAllPassTheRules() throws {
        let snapshot = try SeedFiles.load(DirectorySnapshot.self, "directory.json")
        let barriers = try SeedFiles.load([Barrier].self, "barriers.json")
        let index = MatchIndex(snapshot: snapshot, barriers: barriers)
        let oracle = Oracle(snapshot, barriers: barriers)
        let now = snapshot.services.compactMap(\.provenance.lastVerifiedAt).max() ?? Date(timeIntervalSince1970: 0)
        for barrier in barriers {
            #expect(index.candidateCount(for: barrier.id) > 0, "no candidate for \(barrier.id)")
            for tier in NeedsProfile.tiers {
                let profile = NeedsProfile(barriers: [barrier.id], tier: tier)
                try profile.validate(against: barriers)
                let result = Matcher.match(profile, in: index, now: now, limitPerBarrier: .max)
                #expect(Set(result.ids(barrier.id)) == oracle.eligible(barrier.id, profile), "\(barrier.id), tier \(tier)")
            }
        }
        let family = NeedsProfile(
            barriers: barriers.map(\.id), tier: 2, age: 13, languages: [.spanish], insurance: .medicaid,
            transportation: .transit, times: [.afterSchool])
        let result = Matcher.match(family, in: index, now: now)
        for matches in result.results {
            for match in matches.services {
                let service = try #require(oracle.servicesByID[match.serviceID])
                #expect(oracle.failedFilter(service, family) == nil, "\(match.serviceID) for \(matches.barrier)")
            }
        }
        #expect(result.results.count == barriers.count)
    }
}
