import ArgumentParser
import BenchSupport
import Directory
import Feeds
import Foundation
import Logging
import Matching
import NIOCore
import Server
import Storage
import TextFormats
import Workflows

/// `closeloop-bench fastpaths`: every hand-written fast path against the plain library way on the same
/// inputs, in one process, in alternating rounds (A then B, B then A, …), reported as medians, and
/// against the work the fast path serves, measured in the same rounds: the gain is the time saved as a
/// share of that work. A fast path stays only when the gain is at least 5% (docs/PERFORMANCE.md).
struct BenchFastPaths: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fastpaths",
        abstract: "Each hand-written fast path against the library way, alternating rounds, medians.",
        discussion: """
            Match request body: NeedsProfileReader vs JSONDecoder, over the bodies of random profiles. Match \
            response: the JSONBytes writer vs JSONEncoder, over the same profiles' results. Served work: one \
            request in process (read the body, Matcher.match, write the answer), with the fast paths. Store \
            columns: JSONColumn's hand-written list, hours and phone writers vs JSONEncoder over every service \
            of the synthetic directory; served work: writing that directory into a fresh SQLite store. Import: \
            FeedPlainText's shortcut for text already plain vs rendering it, PhraseScreen vs reading every \
            description fact, the HSDS memo of statuses and language codes vs reading every row, on the texts \
            of the synthetic directory's AIRS XML and HSDS exports and of the shared real feeds; served work: \
            reading that feed in process (FeedReader.read, no store write).
            """)

    @Option(help: "Services in the synthetic directory.")
    var services = 100_000

    @Option(help: "Random needs profiles (request bodies).")
    var profiles = 2_000

    @Option(help: "Alternating rounds per comparison.")
    var rounds = 9

    @Option(help: "Rounds of the store write (the JSONColumn comparison's served work).")
    var storeRounds = 3

    @Option(help: "Folder with the seed files whose barriers are matched against (default: as `serve` finds it).")
    var seedDir: String?

    @Option(help: "Folder with the shared real feeds (bc211-airs-excerpt, hsds-sample-datapackage); default: shared/feeds in the working folder or a folder above it.")
    var sharedFeeds: String?

    func validate() throws {
        guard services >= 1, profiles >= 1, rounds >= 1, storeRounds >= 1 else {
            throw ValidationError("--services, --profiles, --rounds and --store-rounds must be at least 1")
        }
    }

    func run() async throws {
        progress("closeloop-bench fastpaths: \(services) services, \(profiles) profiles, \(rounds) alternating rounds")
        progress("machine: \(BenchMachine.summary)")
        let barriers = try Seed.load(from: try Seed.locate(explicit: seedDir)).barriers
        let verifiedAsOf = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        let directory = SyntheticDirectory.make(services: services, source: "synthetic", verifiedAsOf: verifiedAsOf)
        let index = LiveMatchIndex.index(of: directory, barriers: barriers)
        let now = verifiedAsOf.addingTimeInterval(86_400)
        let needs = BenchProfiles.make(count: profiles, seed: 20_240_901, barriers: barriers, center: SyntheticDirectory.center)
        let encoder = JSONCoding.encoder
        let bodies = try needs.map { ByteBuffer(bytes: try encoder.encode($0)) }
        let results = needs.map { Matcher.match($0, in: index, now: now) }

        var table = TextTable([
            ("fast path", .left), ("hand s", .right), ("library s", .right), ("served work s", .right),
            ("saved / served", .right), ("verdict", .left),
        ])

        // The match route: reading bodies and writing answers, against whole requests in process.
        let decoder = JSONCoding.decoder
        func requests() throws -> Double {
            let start = BenchProcess.monotonicSeconds()
            for body in bodies {
                let profile = body.withUnsafeReadableBytes(NeedsProfileReader.read)!
                _ = try MatchResource(result: Matcher.match(profile, in: index, now: now)).jsonBytes()
            }
            return BenchProcess.monotonicSeconds() - start
        }
        var served: [Double] = []
        let reader = try alternate(
            hand: {
                for body in bodies { _ = body.withUnsafeReadableBytes(NeedsProfileReader.read) }
            },
            library: {
                for body in bodies { _ = try decoder.decode(NeedsProfile.self, from: Data(body.readableBytesView)) }
            },
            also: { served.append(try requests()) })
        table.append(row("NeedsProfileReader (match body)", reader, served: served.median))

        served = []
        let writer = try alternate(
            hand: {
                for result in results { _ = try MatchResource(result: result).jsonBytes() }
            },
            library: {
                for result in results { _ = ByteBuffer(bytes: try encoder.encode(result)) }
            },
            also: { served.append(try requests()) })
        table.append(row("JSONBytes (match answer)", writer, served: served.median))

        // The store's JSON columns, against writing the directory into a fresh store.
        let columns = try alternate(
            hand: { for service in directory.services { _ = JSONColumnSample.hand(service) } },
            library: { for service in directory.services { _ = JSONColumnSample.library(service) } },
            also: {})
        var writes: [Double] = []
        for round in 0..<storeRounds {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-fastpaths-\(getpid())-\(round)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("store.sqlite").path)
            var logger = Logger(label: "closeloop-bench")
            logger.logLevel = .error
            try await Database.withOpen(location, logger: logger) { database in
                _ = try await database.migrate()
                let store = DirectoryStore(database: database)
                try await store.saveBarriers(barriers)
                let start = BenchProcess.monotonicSeconds()
                try await store.save(directory)
                writes.append(BenchProcess.monotonicSeconds() - start)
            }
        }
        table.append(row("JSONColumn lists, hours, phones (store write)", columns, served: writes.median))

        // The import fast paths, feed by feed, against reading that feed.
        let feedFolder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-fastpaths-feeds-\(getpid())")
        try FileManager.default.createDirectory(at: feedFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: feedFolder) }
        for feed in try importFeeds(directory, barriers: barriers, in: feedFolder) {
            progress("import fast paths on \(feed.name): \(feed.names.count) names, \(feed.descriptions.count) descriptions, \(feed.prose.count) prose texts")
            var reads: [Double] = []
            let plainText = try alternate(hand: feed.plainTextHand, library: feed.plainTextPlain, also: { reads.append(try feed.readSeconds()) })
            table.append(row("FeedPlainText already-plain shortcut (\(feed.name) read)", plainText, served: reads.median))
            let screen = try alternate(hand: feed.screenHand, library: feed.screenPlain, also: {})
            table.append(row("PhraseScreen (\(feed.name) read)", screen, served: reads.median))
            if feed.isHSDS {
                let memo = try alternate(hand: feed.memoHand, library: feed.memoPlain, also: {})
                table.append(row("HSDS status and language-code memo (\(feed.name) read)", memo, served: reads.median))
            }
        }

        print(table.text)
        print("""

            hand s / library s: medians over \(rounds) alternating rounds of the same inputs; served work s: the median \
            of the work the fast path is part of, with the fast path (for the import fast paths, library s is the plain \
            way without the fast path). saved / served = (library - hand) / served work.
            Keep a fast path only at >= 5%.
            """)
    }

    func row(_ name: String, _ pair: (hand: Double, library: Double), served: Double) -> [String] {
        let share = (pair.library - pair.hand) / max(served, 1e-9)
        return [
            name, String(format: "%.4f", pair.hand), String(format: "%.4f", pair.library), String(format: "%.4f", served),
            String(format: "%.1f%%", share * 100), share >= 0.05 ? "keep" : "drop",
        ]
    }

    /// Runs `hand` and `library` in alternating order for `rounds` rounds, and `also` once per round
    /// between them; returns the medians of the two.
    func alternate(
        hand: () throws -> Void, library: () throws -> Void, also: () throws -> Void
    ) throws -> (hand: Double, library: Double) {
        func timed(_ body: () throws -> Void) rethrows -> Double {
            let start = BenchProcess.monotonicSeconds()
            try body()
            return BenchProcess.monotonicSeconds() - start
        }
        // One unmeasured pass of each warms caches and lazily built tables.
        try hand()
        try library()
        var hands: [Double] = [], libraries: [Double] = []
        for round in 0..<rounds {
            if round.isMultiple(of: 2) {
                hands.append(try timed(hand))
                try also()
                libraries.append(try timed(library))
            } else {
                libraries.append(try timed(library))
                try also()
                hands.append(try timed(hand))
            }
        }
        return (hands.median, libraries.median)
    }

    /// The synthetic directory as AIRS XML and HSDS CSV (what `bench import` imports), and the shared
    /// real feeds when they are found.
    private func importFeeds(_ directory: DirectorySnapshot, barriers: [Barrier], in folder: URL) throws -> [ImportFastPathFeed] {
        let mapping = TaxonomyMapping(barriers: barriers)
        let xml = folder.appendingPathComponent("feed.xml"), hsds = folder.appendingPathComponent("hsds")
        _ = try AIRSExporter(directory: directory, sourceID: "synthetic-211", keys: .externalIDs).write(to: xml)
        try HSDSExporter(directory: directory).write(to: hsds)
        var feeds = [
            try ImportFastPathFeed.airs(name: "synthetic AIRS XML", path: xml.path, mapping: mapping),
            try ImportFastPathFeed.hsds(name: "synthetic HSDS", folder: hsds.path, mapping: mapping),
        ]
        if let shared = sharedFeeds.map(URL.init(fileURLWithPath:)) ?? Self.sharedFeedsFolder() {
            feeds.append(try ImportFastPathFeed.airs(
                name: "BC 211 excerpt", path: shared.appendingPathComponent("bc211-airs-excerpt/BC211_data_excerpt.xml").path, mapping: mapping))
            feeds.append(try ImportFastPathFeed.hsds(
                name: "HSDS sample", folder: shared.appendingPathComponent("hsds-sample-datapackage").path, mapping: mapping))
        } else {
            progress("shared/feeds not found (pass --shared-feeds): the real feeds are skipped")
        }
        // One unmeasured read of each warms the page cache and the vocabulary's lazily built tables.
        for feed in feeds { _ = try feed.readSeconds() }
        return feeds
    }

    /// `shared/feeds` in the working folder or a folder above it (the worktrees keep it beside them).
    private static func sharedFeedsFolder() -> URL? {
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            let candidate = directory.appendingPathComponent("shared/feeds")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            if directory.path == "/" { return nil }
            directory.deleteLastPathComponent()
        }
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A service's JSON columns as the store writes them (`ServiceRow`), by `JSONColumn`'s hand-written
/// writers or by JSONEncoder, which they must equal byte for byte.
enum JSONColumnSample {
    static func hand(_ service: Service) -> [String] {
        [
            JSONColumn.encode(codes: service.enrollment.intakeMethods), JSONColumn.encode(service.hours),
            JSONColumn.encode(service.serviceArea), JSONColumn.encode(service.phones), JSONColumn.encode(codes: service.domains),
            JSONColumn.encode(codes: service.settings), JSONColumn.encode(codes: service.languages),
            JSONColumn.encode(codes: service.cost.insurance), JSONColumn.encode(codes: service.taxonomyCodes),
            JSONColumn.encode(codes: service.provenance.inferred),
        ]
    }

    static func library(_ service: Service) -> [String] {
        [
            JSONColumn.encode(service.enrollment.intakeMethods as any Encodable), JSONColumn.encode(service.hours as any Encodable),
            JSONColumn.encode(service.serviceArea as any Encodable), JSONColumn.encode(service.phones as any Encodable),
            JSONColumn.encode(service.domains as any Encodable), JSONColumn.encode(service.settings as any Encodable),
            JSONColumn.encode(service.languages as any Encodable), JSONColumn.encode(service.cost.insurance as any Encodable),
            JSONColumn.encode(service.taxonomyCodes as any Encodable), JSONColumn.encode(service.provenance.inferred as any Encodable),
        ]
    }
}

extension [Double] {
    /// The middle value (the mean of the two middle ones for an even count); 0 when empty.
    var median: Double {
        guard !isEmpty else { return 0 }
        let sorted = sorted()
        return count.isMultiple(of: 2) ? (sorted[count / 2 - 1] + sorted[count / 2]) / 2 : sorted[count / 2]
    }
}
