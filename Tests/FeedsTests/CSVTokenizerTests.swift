import Foundation
import Testing
@testable import Feeds

@Suite("CSV tokenizer")
struct CSVTokenizerTests {
    @Test func readsBOMCRLFQuotesAndEmptyFields() throws {
        let (rows, tokenizer) = try CSVFixtures.rows(CSVFixtures.path("csv/bom-crlf-quoted.csv"))
        #expect(rows.map(\.fields) == [
            ["id", "name", "notes", "empty"],
            ["1", "Casa, Inc.", "She said \"hi\"", ""],
            ["2", "Plain", "line one\r\nline two", ""],
            ["3", "", "", ""],
            ["4", "Niños \"Unidos\"", "last"],
        ])
        // Record 2 spans lines 3–4, so record 3 starts on line 5.
        #expect(rows.map(\.line) == [1, 2, 3, 5, 6])
        #expect(tokenizer.encoding == .utf8)
        #expect(tokenizer.problems.isEmpty)
        #expect(tokenizer.bytesRead == tokenizer.fileSize)
    }

    @Test func sameRecordsWhateverTheChunkSize() throws {
        for file in ["csv/bom-crlf-quoted.csv", "csv/lf-blank-lines.csv", "csv/latin1.csv", "csv/stray-quotes.csv"] {
            let whole = try CSVFixtures.rows(CSVFixtures.path(file)).rows
            for chunkSize in 1...17 {
                let chunked = try CSVFixtures.rows(CSVFixtures.path(file), chunkSize: chunkSize).rows
                #expect(chunked.map(\.fields) == whole.map(\.fields), "\(file) with \(chunkSize)-byte chunks")
                #expect(chunked.map(\.line) == whole.map(\.line), "\(file) with \(chunkSize)-byte chunks")
            }
        }
    }

    @Test func skipsBlankLinesAndCountsQuotedNewlines() throws {
        let rows = try CSVFixtures.rows(CSVFixtures.path("csv/lf-blank-lines.csv")).rows
        #expect(rows.map(\.fields) == [["id", "name"], ["1", "first"], ["2", "second\nhalf"], ["3", "third"]])
        #expect(rows.map(\.line) == [1, 2, 4, 6])
    }

    @Test func trailingNewlineMakesNoDifference() throws {
        let withNewline = try CSVFixtures.temporaryFile("a.csv", contents: Data("a,b\n1,2\n".utf8))
        let without = try CSVFixtures.temporaryFile("b.csv", contents: Data("a,b\n1,2".utf8))
        let crOnly = try CSVFixtures.temporaryFile("c.csv", contents: Data("a,b\r1,2\r".utf8))
        let expected = [["a", "b"], ["1", "2"]]
        #expect(try CSVFixtures.rows(withNewline).rows.map(\.fields) == expected)
        #expect(try CSVFixtures.rows(without).rows.map(\.fields) == expected)
        #expect(try CSVFixtures.rows(crOnly).rows.map(\.fields) == expected)
        #expect(try CSVFixtures.rows(crOnly).rows.map(\.line) == [1, 2])
    }

    @Test func fallsBackToWindows1252OnceWithAWarning() throws {
        let (rows, tokenizer) = try CSVFixtures.rows(CSVFixtures.path("csv/latin1.csv"))
        #expect(rows[2].fields == ["2", "Niños Unidos", "\u{201C}quoted\u{201D} \u{2013} dash"])
        #expect(rows[3].fields == ["3", "Café", ""])
        #expect(tokenizer.encoding == .windows1252)
        #expect(tokenizer.problems.count == 1)
        let warning = try #require(tokenizer.problems.first)
        #expect(warning.severity == .warning)
        #expect(warning.file == "latin1.csv")
        #expect(warning.line == 3)
        #expect(warning.message.contains("Latin-1"))
    }

    @Test func validUTF8StaysUTF8() throws {
        let path = try CSVFixtures.temporaryFile("utf8.csv", contents: Data("name\nNiños\n日本語\n".utf8))
        let (rows, tokenizer) = try CSVFixtures.rows(path)
        #expect(rows.map(\.fields) == [["name"], ["Niños"], ["日本語"]])
        #expect(tokenizer.encoding == .utf8)
        #expect(tokenizer.problems.isEmpty)
    }

    @Test func unterminatedQuoteIsAnErrorAtTheRecordStart() throws {
        let (rows, tokenizer) = try CSVFixtures.rows(CSVFixtures.path("csv/unterminated.csv"))
        #expect(rows.map(\.fields) == [["id", "name"], ["1", "ok"]])
        let problem = try #require(tokenizer.problems.first)
        #expect(tokenizer.problems.count == 1)
        #expect(problem.severity == .error)
        #expect(problem.file == "unterminated.csv")
        #expect(problem.line == 3)
        #expect(problem.message.contains("never closed"))
    }

    @Test func readsTabSeparatedFilesByExtension() throws {
        #expect(CSVTokenizer.delimiter(forPath: "x.tsv") == UInt8(ascii: "\t"))
        #expect(CSVTokenizer.delimiter(forPath: "x.csv") == UInt8(ascii: ","))
        let rows = try CSVFixtures.rows(CSVFixtures.path("csv/tabs.tsv")).rows
        #expect(rows.map(\.fields) == [["id", "name", "note"], ["1", "Tab, with comma", "quoted\ttab"]])
    }

    @Test func keepsStrayQuotesAsText() throws {
        let rows = try CSVFixtures.rows(CSVFixtures.path("csv/stray-quotes.csv")).rows
        #expect(rows.map(\.fields) == [["id", "name"], ["1", "5\" ruler"], ["2", "closedtail"]])
    }

    @Test func refusesUTF16() throws {
        let (rows, tokenizer) = try CSVFixtures.rows(CSVFixtures.path("csv/utf16.csv"))
        #expect(rows.isEmpty)
        #expect(tokenizer.problems.map(\.severity) == [.error])
        #expect(tokenizer.problems.first?.message.contains("UTF-16") == true)
    }

    @Test func missingFileThrowsAProblem() {
        #expect(throws: ImportProblem.self) { try CSVTokenizer(path: "/nonexistent/feed.csv") }
    }

    @Test func rowValuesTrimAndToleratesShortRows() throws {
        let path = try CSVFixtures.temporaryFile("t.csv", contents: Data("a,b,c\n  padded  ,\"  kept \"\n".utf8))
        let tokenizer = try CSVTokenizer(path: path)
        _ = tokenizer.next()
        let row = try #require(tokenizer.next())
        #expect(row.count == 2)
        #expect(row[0] == "  padded  ")
        #expect(row.value(0) == "padded")
        #expect(row.value(1) == "kept")
        #expect(row.value(2) == "")
        #expect(row.value(nil) == "")
        #expect(row.isBlank(2))
        #expect(!row.isBlank(0))
    }

    /// Streaming: after the first record of a large file only the first chunk has been read,
    /// and the whole file comes through record by record.
    @Test func streamsLargeFilesChunkByChunk() throws {
        var text = "id,name,description\n"
        for index in 0..<20_000 { text += "\(index),Service \(index),\"A description, with a comma\"\n" }
        let path = try CSVFixtures.temporaryFile("large.csv", contents: Data(text.utf8))
        let tokenizer = try CSVTokenizer(path: path, chunkSize: 4096)
        _ = tokenizer.next()
        #expect(tokenizer.bytesRead == 4096)
        var count = 0, last = ""
        while let row = tokenizer.next() {
            count += 1
            last = row.value(1)
        }
        #expect(count == 20_000)
        #expect(last == "Service 19999")
        #expect(tokenizer.bytesRead == tokenizer.fileSize)
    }

    @Test func windows1252DecodesItsPrintableControls() {
        #expect(TextBytes.windows1252Scalar(0x80) == "€")
        #expect(TextBytes.windows1252Scalar(0x99) == "™")
        #expect(TextBytes.windows1252Scalar(0xF1) == "ñ")
        #expect(TextBytes.windows1252Scalar(0x41) == "A")
    }

    @Test func utf8ValidationRejectsOverlongAndTruncatedSequences() {
        func isValid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(TextBytes.isValidUTF8) }
        #expect(isValid(Array("Niños €".utf8)))
        #expect(!isValid([0xC3]))
        #expect(!isValid([0xC0, 0xAF]))
        #expect(!isValid([0xED, 0xA0, 0x80]))
        #expect(!isValid([0xF1]))
    }
}
