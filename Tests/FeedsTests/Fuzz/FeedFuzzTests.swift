import Directory
// Fuzzing the feed readers (issue 21, item 12): a few hundred seeded mutations of the fixture files per
// reader — AIRS XML, HSDS packages, mapped CSV — read through `batches`, the entry `closeloop import`
// uses. Each read must finish within the time bound, never crash, and report every problem with a
// message, a kind and (in a CSV table or the XML file) its line; a read that stops early or drops every
// record says why in an error.
//
// Running longer or replaying (see also importers/README.md, "Robustness"):
//   CLOSELOOP_FUZZ_ITERATIONS=5000 swift test --filter FeedFuzzTests     cases per reader (defaults below)
//   CLOSELOOP_FUZZ_SEED=12345 ...                                          another base seed (decimal or 0x…)
//   CLOSELOOP_FUZZ_REPLAY=hsds:0x9c1d… swift test --filter FeedFuzzTests   only that case; its input is kept
//   CLOSELOOP_FUZZ_TIMEOUT=60 ...                                          seconds before a case is a hang (30)
// A failure names the case's seed and keeps its input file; a crash (a trap, a bad pointer) prints the
// same line before the backtrace, except a stack overflow, which leaves no stack to print it from (the
// last "started" test names the reader; CLOSELOOP_FUZZ_ITERATIONS narrows it down). Seeds replay the
// same bytes as long as the fixture files and FeedMutator are unchanged.
import Foundation
import Testing
@testable import Feeds

@Suite("Feed readers: seeded fuzzing of the fixtures", .serialized)
struct FeedFuzzTests {
    @Test("The corpus holds every fixture family, the samples and Closeloop's own export")
    func corpus() {
        #expect(FeedFuzzCorpus.airs.count >= 6)
        #expect(FeedFuzzCorpus.mapped.count == 11)
        #expect(FeedFuzzCorpus.hsdsPackages.map(\.name).contains("closeloop-export"))
        #expect(FeedFuzzCorpus.hsdsPackages.map(\.name).contains("hsds20/valid.zip"))
        #expect(FeedFuzzCorpus.hsdsPackages.count >= 8)
    }

    @Test("AIRS XML: mutated exports finish, never crash, and say what is wrong")
    func airsXML() async throws {
        try await FeedFuzzRun(reader: "airs", defaultIterations: 400) { try $0.airs(seed: $1) }.run()
    }

    @Test("HSDS packages: mutated tables, descriptors and zips finish, never crash, and say what is wrong")
    func hsdsPackages() async throws {
        try await FeedFuzzRun(reader: "hsds", defaultIterations: 250) { try $0.hsds(seed: $1) }.run()
    }

    @Test("Mapped CSV: mutated spreadsheets finish, never crash, and say what is wrong")
    func mappedCSV() async throws {
        try await FeedFuzzRun(reader: "mapped", defaultIterations: 300) { try $0.mapped(seed: $1) }.run()
    }
}

/// The cases of one reader, run one after another, with what went wrong collected and reported at the end.
struct FeedFuzzRun {
    var reader: String
    var defaultIterations: Int
    /// Rules a reader is known to break, with a disabled test naming the input: counted, not failed.
    var tolerated: Set<FeedFuzzHarness.Violation.Rule>
    var makeCase: (FeedFuzzCases, UInt64) throws -> FuzzCase

    init(
        reader: String, defaultIterations: Int, tolerated: Set<FeedFuzzHarness.Violation.Rule> = [],
        makeCase: @escaping (FeedFuzzCases, UInt64) throws -> FuzzCase
    ) {
        self.reader = reader
        self.defaultIterations = defaultIterations
        self.tolerated = tolerated
        self.makeCase = makeCase
    }

    private func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        return String(format: "%.2f s", Double(whole) + Double(fraction) / 1e18)
    }

    func run() async throws {
        let settings = FuzzSettings.current
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-fuzz-\(reader)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let cases = FeedFuzzCases(work: work)

        let seeds: [(index: Int, seed: UInt64)]
        if let replay = settings.replay {
            guard replay.reader == reader else { return }
            seeds = [(0, replay.seed)]
        } else {
            seeds = (0..<(settings.iterations ?? defaultIterations)).map {
                ($0, SeededRandom.caseSeed(base: settings.baseSeed, stream: reader, index: $0))
            }
        }

        var failures: [String] = []
        var withRecords = 0, refused = 0, emptyWithoutError = 0
        var emptyExamples: [String] = []
        var slowest: [(duration: Duration, description: String)] = []
        var toleratedCounts: [String: Int] = [:]
        let clock = ContinuousClock()
        let started = clock.now
        for (index, seed) in seeds {
            let fuzzCase = try makeCase(cases, seed)
            let replayLine = "CLOSELOOP_FUZZ_REPLAY=\(reader):\(FuzzSettings.hex(seed)) swift test --filter FeedFuzzTests"
            FuzzCrashLabel.set("\(reader) case \(index) (\(fuzzCase.description)); replay: \(replayLine); input: \(fuzzCase.inputPath)")
            let caseStarted = clock.now
            let outcome = await FeedFuzzHarness.run(fuzzCase.reader, timeout: settings.timeout)
            FuzzCrashLabel.clear()
            slowest.append((clock.now - caseStarted, "\(FuzzSettings.hex(seed)) \(fuzzCase.description)"))
            slowest = Array(slowest.sorted { $0.duration > $1.duration }.prefix(3))

            let all = FeedFuzzHarness.violations(outcome, of: fuzzCase, timeout: settings.timeout)
            let violations = all.filter { !tolerated.contains($0.rule) }
            for violation in all where tolerated.contains(violation.rule) { toleratedCounts[violation.rule.rawValue, default: 0] += 1 }
            if case .finished(let summary, _) = outcome {
                if summary.emitted.total > 0 {
                    withRecords += 1
                } else if !summary.errors.isEmpty {
                    refused += 1
                } else {
                    emptyWithoutError += 1
                    if emptyExamples.count < 5 { emptyExamples.append(fuzzCase.description) }
                }
            }
            if violations.isEmpty && settings.replay == nil {
                try? FileManager.default.removeItem(atPath: fuzzCase.inputPath)
            } else if !violations.isEmpty {
                failures.append("""
                    \(reader) case \(index), seed \(FuzzSettings.hex(seed)) (\(fuzzCase.description)):
                      \(violations.prefix(5).map(\.text).joined(separator: "\n  "))
                      replay: \(replayLine)
                      input kept at \(fuzzCase.inputPath)
                    """)
                // A hung reader keeps its thread spinning; more cases would only measure that.
                if case .timedOut = outcome { break }
            }
        }
        let elapsed = clock.now - started
        if failures.isEmpty && settings.replay == nil { try? FileManager.default.removeItem(at: work) }

        print("""
            feed fuzz \(reader): \(seeds.count) cases in \(seconds(elapsed)) \
            (base seed \(FuzzSettings.hex(settings.baseSeed))): \(withRecords) with records, \(refused) refused with an error, \
            \(emptyWithoutError) with no records and no error\(emptyExamples.isEmpty ? "" : " (e.g. \(emptyExamples.joined(separator: " | ")))"), \
            \(failures.count) failing\(toleratedCounts.isEmpty ? "" : " (known, not failed: \(toleratedCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))"); slowest: \(slowest.map { "\(seconds($0.duration)) \($0.description)" }.joined(separator: " | "))
            """)
        for failure in failures.prefix(20) { Issue.record(Comment(rawValue: failure)) }
        if failures.count > 20 { Issue.record(Comment(rawValue: "\(failures.count - 20) more failing cases of \(reader)")) }
    }
}
