import Directory
@testable import Feeds
import Foundation
import Testing

/// The mapping profile is part of what a mapped-CSV import reads: a damaged or hostile profile must be
/// refused with a problem naming the profile, within the time bound, never crash the import.
@Suite("Mapping profiles: seeded fuzzing", .serialized)
struct ProfileFuzzTests {
    /// Parses on its own thread (deep YAML recurses) and gives up after `timeout`.
    static func parse(_ yaml: String, timeout: TimeInterval = 30) -> (finished: Bool, outcome: Result<MappingProfile, any Error>?) {
        final class Box: @unchecked Sendable { var outcome: Result<MappingProfile, any Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.outcome = Result { try MappingProfile(yaml: yaml, fileName: "fuzz.yaml") }
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
        guard done.wait(timeout: .now() + timeout) == .success else { return (false, nil) }
        return (true, box.outcome)
    }

    static func check(_ yaml: String, label: String) -> [String] {
        FuzzCrashLabel.set("mapping profile \(label)")
        defer { FuzzCrashLabel.clear() }
        let (finished, outcome) = parse(yaml)
        guard finished, let outcome else { return ["\(label): no result after 30 s (a hang)"] }
        guard case .failure(let error) = outcome else { return [] }
        guard let problem = error as? ImportProblem else { return ["\(label): threw \(type(of: error)), not an ImportProblem: \(error)"] }
        var found: [String] = []
        if problem.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { found.append("\(label): a problem without a message") }
        if problem.file != "fuzz.yaml" { found.append("\(label): a problem naming \(problem.file), not the profile") }
        if problem.kind == .other { found.append("\(label): a problem of no kind: \(problem)") }
        return found
    }

    /// Aliases that expand exponentially, nesting thousands deep, tags, anchors of anchors.
    static let hostile: [(String, String)] = [
        ("billion laughs", """
            name: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
            h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
            columns: {service_name: *h}
            """),
        ("alias as a header list", "columns: {service_name: &x [A, B], organization_name: *x}\n"),
        ("deep flow nesting", "columns: " + String(repeating: "[", count: 100_000) + "\n"),
        ("deep closed nesting", "columns: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n"),
        ("deep block nesting", (0..<3_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"),
        ("undefined alias", "columns: {service_name: *nowhere}\n"),
        ("recursive merge", "base: &b {<<: *b}\n"),
        ("tags", "columns: !!binary aGVsbG8=\nname: !custom {a: 1}\n"),
        ("NUL", "name: \u{0}\ncolumns: {service_name: \"\u{0}\"}\n"),
        ("empty", ""),
        ("only a BOM", "\u{FEFF}"),
        ("a list", "- a\n- b\n"),
        ("huge key", String(repeating: "k", count: 2_000_000) + ": v\n"),
    ]

    @Test("Hostile profiles are refused clearly, in time", arguments: hostile.map(\.0))
    func hostileProfile(_ name: String) {
        let yaml = Self.hostile.first { $0.0 == name }!.1
        #expect(Self.check(yaml, label: name) == [])
    }

    @Test("Mutated shipped profiles parse or are refused clearly, in time")
    func mutatedProfiles() throws {
        let paths = ["211-flat-export", "coordinator-spreadsheet", "county-resource-guide-es"].map { CSVFixtures.importers("profiles/\($0).yaml") }
            + [CSVFixtures.path("csv/youth-programs-addresses.yaml")]
        let profiles = paths.compactMap { FileManager.default.contents(atPath: $0).map { Array($0) } }
        #expect(profiles.count == 4)
        let settings = FuzzSettings.current
        let count = settings.iterations.map { max(1, $0 / 4) } ?? 150
        var failures: [String] = []
        for index in 0..<count {
            let seed = SeededRandom.caseSeed(base: settings.baseSeed, stream: "profile", index: index)
            var random = SeededRandom(seed: seed)
            let base = random.below(profiles.count)
            var mutator = FeedMutator(random: SeededRandom(seed: random.next()), donors: profiles)
            let choices: [FeedMutation] = [.truncate, .deleteRange, .duplicateRange, .flipBits, .insertInvalidUTF8, .insertNUL,
                                           .insertHugeNumber, .insertBOM, .mixLineEnds, .reencodeLatin1, .insertNastyText, .spliceOtherFile,
                                           .unbalancedQuote, .extraDelimiters]
            let applied = (0..<(1 + random.below(3))).map { _ in random.pick(choices) }
            let bytes = applied.reduce(profiles[base]) { mutator.mutate($0, with: $1) }
            failures += Self.check(String(decoding: bytes, as: UTF8.self),
                                   label: "profile case \(index) seed \(FuzzSettings.hex(seed)) (\((paths[base] as NSString).lastPathComponent): \(applied.map(\.rawValue).joined(separator: ", ")))")
        }
        #expect(failures == [])
    }
}
