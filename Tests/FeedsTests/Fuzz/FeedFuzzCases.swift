import Directory
@testable import Feeds
import Foundation

/// Makes the mutated input of one case from its seed: picks a file of the corpus and one to three
/// mutations (now and then a pile of six), applies them and writes the result where the reader will
/// read it. The same seed and corpus always give the same bytes.
struct FeedFuzzCases {
    /// Where this run writes its inputs.
    let work: URL

    static let importedAt = Date(timeIntervalSince1970: 1_760_000_000)

    private func mutations(_ random: inout SeededRandom, format: FeedMutation.Format) -> [FeedMutation] {
        let count = random.chance(0.1) ? 4 + random.below(3) : 1 + random.below(3)
        let choices = FeedMutation.mutations(for: format)
        return (0..<count).map { _ in random.pick(choices) }
    }

    private func mutate(
        _ bytes: [UInt8], _ random: inout SeededRandom, format: FeedMutation.Format, donors: [[UInt8]]
    ) -> (bytes: [UInt8], applied: [FeedMutation]) {
        let chosen = mutations(&random, format: format)
        var mutator = FeedMutator(random: SeededRandom(seed: random.next()), donors: donors)
        let result = chosen.reduce(bytes) { mutator.mutate($0, with: $1) }
        return (result, chosen)
    }

    func airs(seed: UInt64) throws -> FuzzCase {
        var random = SeededRandom(seed: seed)
        let base = random.pick(FeedFuzzCorpus.airs)
        let (bytes, applied) = mutate(base.bytes, &random, format: .xml, donors: FeedFuzzCorpus.airs.map(\.bytes))
        let file = work.appendingPathComponent("airs-\(FuzzSettings.hex(seed)).xml")
        try Data(bytes).write(to: file)
        let reader = AIRSReader(path: file.path, source: "fuzz", mapping: CSVFixtures.mapping, importedAt: Self.importedAt)
        return FuzzCase(
            seed: seed, description: describe(base.name, applied), reader: reader, inputPath: file.path,
            lineCounts: [file.lastPathComponent: FeedFuzzHarness.lineCount(bytes)])
    }

    func mapped(seed: UInt64) throws -> FuzzCase {
        var random = SeededRandom(seed: seed)
        let base = random.pick(FeedFuzzCorpus.mapped)
        let (bytes, applied) = mutate(base.sheet.bytes, &random, format: .csv, donors: FeedFuzzCorpus.csvDonors)
        let file = work.appendingPathComponent("sheet-\(FuzzSettings.hex(seed)).\(base.fileExtension)")
        try Data(bytes).write(to: file)
        let reader = MappedCSVReader(
            path: file.path, profile: base.profile, source: "fuzz", mapping: CSVFixtures.mapping, importedAt: Self.importedAt)
        return FuzzCase(
            seed: seed, description: describe(base.sheet.name, applied), reader: reader, inputPath: file.path,
            lineCounts: [file.lastPathComponent: FeedFuzzHarness.lineCount(bytes)])
    }

    /// A copy of one package with one or two of its files mutated (now and then one deleted); a zip is
    /// damaged as a whole.
    func hsds(seed: UInt64) throws -> FuzzCase {
        var random = SeededRandom(seed: seed)
        let base = random.pick(FeedFuzzCorpus.hsdsPackages)
        let manager = FileManager.default
        if base.path.hasSuffix(".zip") {
            let original = Array(manager.contents(atPath: base.path) ?? Data())
            let (bytes, applied) = mutate(original, &random, format: .binary, donors: FeedFuzzCorpus.csvDonors)
            let file = work.appendingPathComponent("package-\(FuzzSettings.hex(seed)).zip")
            try Data(bytes).write(to: file)
            return FuzzCase(
                seed: seed, description: describe(base.name, applied), reader: hsdsReader(file.path), inputPath: file.path,
                lineCounts: [:])
        }
        let folder = work.appendingPathComponent("package-\(FuzzSettings.hex(seed))")
        try manager.copyItem(at: URL(fileURLWithPath: base.path), to: folder)
        let files = FeedFuzzCorpus.files(in: folder.path)
        var changes: [String] = []
        for _ in 0..<(random.chance(0.25) ? 2 : 1) {
            let relative = random.pick(files)
            let path = folder.appendingPathComponent(relative).path
            guard manager.fileExists(atPath: path) else { continue }
            if random.chance(0.05) {
                try manager.removeItem(atPath: path)
                changes.append("\(relative) deleted")
                continue
            }
            let format: FeedMutation.Format = relative.hasSuffix(".json") ? .json : relative.hasSuffix(".csv") ? .csv : .binary
            let original = Array(manager.contents(atPath: path) ?? Data())
            let (bytes, applied) = mutate(original, &random, format: format, donors: FeedFuzzCorpus.csvDonors)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            changes.append(describe(relative, applied))
        }
        var lineCounts: [String: Int] = [:]
        for relative in FeedFuzzCorpus.files(in: folder.path) where relative.hasSuffix(".csv") {
            let bytes = Array(manager.contents(atPath: folder.appendingPathComponent(relative).path) ?? Data())
            let name = (relative as NSString).lastPathComponent
            lineCounts[name] = max(lineCounts[name] ?? 0, FeedFuzzHarness.lineCount(bytes))
        }
        return FuzzCase(
            seed: seed, description: "\(base.name): " + changes.joined(separator: "; "), reader: hsdsReader(folder.path),
            inputPath: folder.path, lineCounts: lineCounts)
    }

    private func hsdsReader(_ path: String) -> HSDSReader {
        HSDSReader(path: path, source: "fuzz", mapping: CSVFixtures.mapping, importedAt: Self.importedAt)
    }

    private func describe(_ name: String, _ applied: [FeedMutation]) -> String {
        "\(name): " + applied.map(\.rawValue).joined(separator: ", ")
    }
}
