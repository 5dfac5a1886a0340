import Foundation
import Testing
@testable import Feeds

/// Changes that leave a feed's content as it was — a byte order mark, Windows line ends, no final
/// newline — must leave what the reader hands on as it was too. The fuzzer checks that damaged files
/// are refused clearly; this checks that harmless differences are not mistaken for damage.
@Suite("Feed readers: byte-level differences that change nothing")
struct FeedEquivalenceTests {
    enum Variant: String, CaseIterable {
        case byteOrderMark, windowsLineEnds, classicMacLineEnds, noFinalNewline

        func apply(_ bytes: [UInt8]) -> [UInt8] {
            switch self {
            case .byteOrderMark:
                return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes : [0xEF, 0xBB, 0xBF] + bytes
            case .windowsLineEnds:
                var output: [UInt8] = []
                for (index, byte) in bytes.enumerated() {
                    if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { output.append(0x0D) }
                    output.append(byte)
                }
                return output
            case .classicMacLineEnds:
                // "CSV (Macintosh)" from older Excel: CR alone, inside quoted cells too.
                var output: [UInt8] = []
                for (index, byte) in bytes.enumerated() where !(byte == 0x0A && index > 0 && bytes[index - 1] == 0x0D) {
                    output.append(byte == 0x0A ? 0x0D : byte)
                }
                return output
            case .noFinalNewline:
                var output = bytes
                while let last = output.last, last == 0x0A || last == 0x0D { output.removeLast() }
                return output
            }
        }
    }

    struct Read: Equatable {
        var emitted: [Int]
        /// Each problem's severity, kind, line and field: the same problems, found at the same places.
        var problems: [String]

        init(_ summary: ReadSummary) {
            emitted = [summary.emitted.organizations, summary.emitted.locations, summary.emitted.services,
                       summary.emitted.servicesAtLocation]
            problems = summary.problems.filter { $0.kind != .textEncoding }.map {
                "\($0.severity.rawValue) \($0.kind.rawValue) line \($0.line.map(String.init) ?? "-") \($0.field ?? "")"
            }
        }
    }

    static func read(_ reader: any FeedReader) async throws -> Read {
        for try await event in reader.batches() {
            if case .finished(let summary) = event { return Read(summary) }
        }
        throw FuzzFailure("no summary")
    }

    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-equivalence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    @Test("Mapped CSV: every sample reads the same with a BOM, CRLF or CR line ends or no final newline", arguments: Variant.allCases)
    func mappedCSV(_ variant: Variant) async throws {
        #expect(FeedFuzzCorpus.mapped.count >= 11)
        for seed in FeedFuzzCorpus.mapped {
            func reader(_ bytes: [UInt8]) throws -> MappedCSVReader {
                MappedCSVReader(
                    path: try Self.write(bytes, name: seed.sheet.name), profile: seed.profile, source: "s",
                    mapping: CSVFixtures.mapping, importedAt: FeedFuzzCases.importedAt)
            }
            let original = try await Self.read(try reader(seed.sheet.bytes))
            let changed = try await Self.read(try reader(variant.apply(seed.sheet.bytes)))
            #expect(original.emitted.reduce(0, +) > 0, "\(seed.sheet.name) gives records")
            #expect(changed == original, "\(seed.sheet.name) with \(variant.rawValue)")
        }
    }

    @Test("AIRS XML: every fixture reads the same with a BOM, CRLF or CR-only line ends, or no final newline",
          arguments: Variant.allCases)
    func airsXML(_ variant: Variant) async throws {
        for seed in FeedFuzzCorpus.airs {
            // A BOM before a declaration naming another encoding contradicts it; libxml2 rightly refuses.
            if variant == .byteOrderMark, String(decoding: seed.bytes.prefix(100), as: UTF8.self).lowercased().contains("iso-8859") { continue }
            func reader(_ bytes: [UInt8]) throws -> AIRSReader {
                AIRSReader(path: try Self.write(bytes, name: seed.name), source: "s", mapping: CSVFixtures.mapping,
                           importedAt: FeedFuzzCases.importedAt)
            }
            let original = try await Self.read(try reader(seed.bytes))
            let changed = try await Self.read(try reader(variant.apply(seed.bytes)))
            #expect(changed == original, "\(seed.name) with \(variant.rawValue)")
        }
    }
}
