import Directory
import Foundation
@testable import Feeds

/// How a fuzz run is configured, from the environment (see the top of FeedFuzzTests.swift).
struct FuzzSettings {
    /// Cases per reader; `CLOSELOOP_FUZZ_ITERATIONS` overrides every reader's default.
    var iterations: Int?
    var baseSeed: UInt64
    /// `CLOSELOOP_FUZZ_REPLAY=airs:0x1f2e...`: run only that case of that reader, and keep its input.
    var replay: (reader: String, seed: UInt64)?
    /// A case that has not finished after this long is a hang.
    var timeout: Duration

    static let defaultSeed: UInt64 = 0x0C10_5E10_0F22_2026

    static let current: FuzzSettings = {
        let environment = ProcessInfo.processInfo.environment
        var settings = FuzzSettings(iterations: nil, baseSeed: defaultSeed, replay: nil, timeout: .seconds(30))
        if let text = environment["CLOSELOOP_FUZZ_ITERATIONS"], let count = Int(text), count >= 0 { settings.iterations = count }
        if let text = environment["CLOSELOOP_FUZZ_SEED"], let seed = parseSeed(text) { settings.baseSeed = seed }
        if let text = environment["CLOSELOOP_FUZZ_TIMEOUT"], let seconds = Double(text), seconds > 0 {
            settings.timeout = .milliseconds(Int(seconds * 1_000))
        }
        if let text = environment["CLOSELOOP_FUZZ_REPLAY"] {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2, let seed = parseSeed(parts[1]) { settings.replay = (parts[0], seed) }
        }
        return settings
    }()

    static func parseSeed(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.hasPrefix("0x") ? UInt64(trimmed.dropFirst(2), radix: 16) : UInt64(trimmed)
    }

    static func hex(_ seed: UInt64) -> String { "0x" + String(seed, radix: 16) }
}

/// One mutated input, written where its reader will read it.
struct FuzzCase {
    var seed: UInt64
    /// "riverton-211.xml: truncate, nastyElementText".
    var description: String
    var reader: any FeedReader
    /// The file or folder the reader reads; kept when the case fails.
    var inputPath: String
    /// Lines of each file the reader reads, by file name, to check the lines problems name.
    var lineCounts: [String: Int]
}

/// What one read of a mutated input came to.
enum FuzzOutcome {
    /// The summary, and what was wrong with the records handed on (see `RecordSanity`).
    case finished(ReadSummary, insaneRecords: [String])
    case threw(any Error)
    case timedOut
}

enum FeedFuzzHarness {
    /// Reads through `batches`, the entry `closeloop import` uses, and gives up after `timeout`.
    /// A reader stuck in a loop keeps its thread; the case is reported as a hang.
    static func run(_ reader: any FeedReader, timeout: Duration) async -> FuzzOutcome {
        await withTaskGroup(of: FuzzOutcome?.self) { group in
            group.addTask {
                do {
                    var summary: ReadSummary?
                    var insane: [String] = []
                    for try await event in reader.batches(size: 64) {
                        switch event {
                        case .batch(let batch): insane += RecordSanity.problems(in: batch).prefix(5 - min(insane.count, 5))
                        case .finished(let finished): summary = finished
                        }
                    }
                    guard let summary else { return .threw(FuzzFailure("the batches ended without a summary")) }
                    return .finished(summary, insaneRecords: insane)
                } catch {
                    return .threw(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .timedOut
            }
            var outcome: FuzzOutcome = .timedOut
            if let first = await group.next(), let first { outcome = first }
            group.cancelAll()
            return outcome
        }
    }

    /// One way a read broke the rules.
    struct Violation: CustomStringConvertible {
        enum Rule: String {
            case hang, threw, noMessage, noFile, noKind, lineOutOfFile, noLine, stoppedSilently, droppedSilently, insaneRecord
        }

        var rule: Rule
        var text: String
        var description: String { text }
    }

    /// Everything wrong with an outcome; empty when the reader behaved.
    static func violations(_ outcome: FuzzOutcome, of fuzzCase: FuzzCase, timeout: Duration) -> [Violation] {
        switch outcome {
        case .timedOut:
            return [Violation(rule: .hang, text: "no result after \(timeout) (a hang)")]
        case .threw(let error):
            // Readers throw only what `emit` throws; anything else is a problem they failed to report.
            let text = String(describing: error).trimmingCharacters(in: .whitespacesAndNewlines)
            return [Violation(rule: .threw, text: "the read threw instead of reporting a problem: \(text.isEmpty ? "(an error with no text)" : text)")]
        case .finished(let summary, let insane):
            return violations(summary, of: fuzzCase) + insane.map { Violation(rule: .insaneRecord, text: "a record handed on with \($0)") }
        }
    }

    static func violations(_ summary: ReadSummary, of fuzzCase: FuzzCase) -> [Violation] {
        var found: [Violation] = []
        func add(_ rule: Violation.Rule, _ text: String) { found.append(Violation(rule: rule, text: text)) }
        for problem in summary.problems {
            if problem.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(.noMessage, "a problem without a message: \(problem)")
            }
            if problem.file.isEmpty { add(.noFile, "a problem naming no file: \(problem)") }
            if problem.kind == .other { add(.noKind, "a problem of no kind (other): \(problem)") }
            if let line = problem.line {
                if line < 1 { add(.lineOutOfFile, "a problem at line \(line): \(problem)") }
                if let lines = fuzzCase.lineCounts[problem.file], line > lines + 1 {
                    add(.lineOutOfFile, "a problem at line \(line) of a file with \(lines) lines: \(problem)")
                }
            } else if needsLine(problem, lineCounts: fuzzCase.lineCounts) {
                add(.noLine, "a problem in a line-based file without a line: \(problem)")
            }
        }
        if !summary.readToEnd && summary.errors.isEmpty {
            add(.stoppedSilently, "the read stopped early (readToEnd false) without an error saying why")
        }
        if summary.recordsRead > 0 && summary.emitted.total == 0 && summary.errors.isEmpty {
            add(.droppedSilently, "\(summary.recordsRead) records read, none handed on, and no error saying why")
        }
        return found
    }

    /// A problem with a record, or an error, in one of the files read (not the package or a profile) is
    /// about some place in it, unless the file as a whole is missing. A warning about a whole table
    /// ("12 services carry no taxonomy code") has no one line.
    private static func needsLine(_ problem: ImportProblem, lineCounts: [String: Int]) -> Bool {
        guard lineCounts[problem.file] != nil, problem.kind != .missingFile else { return false }
        return problem.recordID != nil || problem.severity == .error
    }

    /// Lines in a file as either reader counts them: every LF and every CR may end one.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) } + 1
    }
}

struct FuzzFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
