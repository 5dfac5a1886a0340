import Foundation

/// Reads an RFC 4180 CSV file record by record, in fixed-size chunks, so memory stays flat however
/// large the file is (it holds one chunk and the record being built).
///
/// Beyond RFC 4180 it accepts what real exports contain: a UTF-8 byte order mark, LF or CR line ends
/// as well as CRLF, a missing final newline, a quote inside an unquoted field (kept as text), and text
/// after a closing quote (kept as text). Blank lines are skipped. Files that are not valid UTF-8 are
/// read as Windows-1252 (see `encoding`).
///
/// Problems (Latin-1 fallback, an unterminated quote, a read error) collect in `problems`;
/// the caller copies them into its summary.
public final class CSVTokenizer: IteratorProtocol, Sequence {
    public static let defaultChunkSize = 64 * 1024

    /// File name used in problems.
    public let fileName: String
    public let delimiter: UInt8
    /// Size of the file in bytes, for progress.
    public let fileSize: Int64
    /// Bytes consumed so far.
    public private(set) var bytesRead: Int64 = 0
    /// UTF-8 until the first record that is not valid UTF-8; Windows-1252 from then on.
    /// Records before the switch were valid UTF-8, so they already decoded correctly.
    public private(set) var encoding: CSVTextEncoding = .utf8
    public private(set) var problems: [ImportProblem] = []

    private enum State {
        /// Before the first byte of a field.
        case fieldStart
        case unquoted
        case quoted
        /// Just saw a quote inside a quoted field: it either closes the field or starts a doubled quote.
        case quoteInQuoted
    }

    private let descriptor: Int32
    private var chunk: [UInt8]
    private var chunkCount = 0
    private var position = 0
    private var isFinished = false
    private var isAtFileStart = true

    private var state = State.fieldStart
    private var line = 1
    /// A CR ended the last record; a LF right after it belongs to the same line end.
    private var skipsLineFeed = false
    /// The last byte of a quoted cell was a CR (which counted as a line end): a LF next is part of it.
    /// Kept across chunks, so a CRLF split between two reads counts once.
    private var quotedTextEndsWithCR = false
    private var recordBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var recordLine = 1
    private var quoteLine = 1

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// - Parameters:
    ///   - fileName: how problems name the file; defaults to the path's last component.
    ///   - delimiter: `,` by default; see `delimiter(forPath:)` for `.tsv`.
    /// - Throws: `ImportProblem` when the file cannot be opened.
    public init(
        path: String, fileName: String? = nil, delimiter: UInt8 = UInt8(ascii: ","),
        chunkSize: Int = CSVTokenizer.defaultChunkSize
    ) throws {
        let name = fileName ?? (path as NSString).lastPathComponent
        self.fileName = name
        self.delimiter = delimiter
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ImportProblem(file: name, message: "cannot open \(path): \(String(cString: strerror(errno)))", kind: .missingFile)
        }
        var info = stat()
        fileSize = fstat(descriptor, &info) == 0 ? Int64(info.st_size) : 0
        chunk = [UInt8](repeating: 0, count: Swift.max(chunkSize, 4))
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Tab for `.tsv` and `.tab` files, comma otherwise.
    public static func delimiter(forPath path: String) -> UInt8 {
        switch (path as NSString).pathExtension.lowercased() {
        case "tsv", "tab": UInt8(ascii: "\t")
        default: UInt8(ascii: ",")
        }
    }

    public func next() -> CSVRow? {
        while !isFinished {
            if position == chunkCount {
                guard refill() else { return finishAtEndOfFile() }
                continue
            }
            if let row = scanChunk() { return row }
        }
        return nil
    }

    // MARK: - Reading

    /// Reads the next chunk; false at end of file (or on a read error, which is recorded).
    private func refill() -> Bool {
        let count = chunk.withUnsafeMutableBytes { buffer -> Int in
            while true {
                let result = read(descriptor, buffer.baseAddress, buffer.count)
                if result < 0 && errno == EINTR { continue }
                return result
            }
        }
        if count < 0 {
            problems.append(ImportProblem(
                file: fileName, line: line, message: "read error: \(String(cString: strerror(errno)))", kind: .malformedFile))
            return false
        }
        chunkCount = count
        position = 0
        bytesRead += Int64(count)
        if isAtFileStart && count > 0 {
            isAtFileStart = false
            return skipByteOrderMark()
        }
        return count > 0
    }

    /// Skips a UTF-8 BOM; refuses UTF-16, which would otherwise read as garbage with NUL bytes.
    /// A BOM split across reads is not possible: the first read of a regular file fills the chunk.
    private func skipByteOrderMark() -> Bool {
        if chunkCount >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF {
            position = 3
        } else if chunkCount >= 2 && ((chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF)) {
            problems.append(ImportProblem(
                file: fileName, line: 1,
                message: "the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" and import it again", kind: .textEncoding))
            isFinished = true
            return false
        }
        return true
    }

    /// Runs the state machine over the current chunk until a record is complete or the chunk ends.
    /// Runs of ordinary bytes are copied in one call rather than byte by byte.
    private func scanChunk() -> CSVRow? {
        let delimiter = self.delimiter
        return chunk.withUnsafeBufferPointer { buffer -> CSVRow? in
            var index = position
            let end = chunkCount
            defer { position = index }
            while index < end {
                switch state {
                case .fieldStart:
                    let byte = buffer[index]
                    if skipsLineFeed {
                        skipsLineFeed = false
                        if byte == Self.lineFeed { index += 1; continue }
                    }
                    if fieldEnds.isEmpty { recordLine = line }
                    if byte == Self.quote {
                        state = .quoted
                        quoteLine = line
                        quotedTextEndsWithCR = false
                        index += 1
                    } else if byte == delimiter {
                        fieldEnds.append(recordBytes.count)
                        index += 1
                    } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                        index += 1
                        if let row = endLine(with: byte) { return row }
                    } else {
                        state = .unquoted
                    }

                case .unquoted:
                    var runEnd = index
                    while runEnd < end {
                        let byte = buffer[runEnd]
                        if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                        runEnd += 1
                    }
                    recordBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<runEnd]))
                    index = runEnd
                    guard runEnd < end else { break }
                    let byte = buffer[runEnd]
                    index += 1
                    state = .fieldStart
                    if byte == delimiter {
                        fieldEnds.append(recordBytes.count)
                    } else if let row = endLine(with: byte) {
                        return row
                    }

                case .quoted:
                    // Line ends inside the cell count as outside it: CRLF, LF or (old Mac exports) CR alone.
                    var runEnd = index
                    while runEnd < end {
                        let byte = buffer[runEnd]
                        if byte == Self.quote { quotedTextEndsWithCR = false; break }
                        if byte == Self.carriageReturn {
                            line += 1
                            quotedTextEndsWithCR = true
                        } else {
                            if byte == Self.lineFeed && !quotedTextEndsWithCR { line += 1 }
                            quotedTextEndsWithCR = false
                        }
                        runEnd += 1
                    }
                    recordBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<runEnd]))
                    index = runEnd
                    if runEnd < end {
                        state = .quoteInQuoted
                        index += 1
                    }

                case .quoteInQuoted:
                    let byte = buffer[index]
                    if byte == Self.quote {
                        recordBytes.append(Self.quote)
                        state = .quoted
                        index += 1
                    } else if byte == delimiter {
                        fieldEnds.append(recordBytes.count)
                        state = .fieldStart
                        index += 1
                    } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                        state = .fieldStart
                        index += 1
                        if let row = endLine(with: byte) { return row }
                    } else {
                        // `"abc"def`: not RFC 4180, but the author clearly meant the text; keep it.
                        state = .unquoted
                    }
                }
            }
            return nil
        }
    }

    /// A line end outside quotes ends the record.
    private func endLine(with byte: UInt8) -> CSVRow? {
        line += 1
        if byte == Self.carriageReturn { skipsLineFeed = true }
        return endRecord()
    }

    private func finishAtEndOfFile() -> CSVRow? {
        isFinished = true
        switch state {
        case .quoted:
            let opened = quoteLine == recordLine ? "" : " (the quote opens on line \(quoteLine))"
            problems.append(ImportProblem(
                file: fileName, line: recordLine,
                message: "a quoted field is never closed\(opened); the record starting here and everything after it were not read",
                kind: .malformedFile))
            return nil
        case .fieldStart where fieldEnds.isEmpty:
            return nil
        default:
            return endRecord()
        }
    }

    /// Closes the last field and hands the record out, unless the line was blank.
    private func endRecord() -> CSVRow? {
        fieldEnds.append(recordBytes.count)
        defer {
            recordBytes.removeAll(keepingCapacity: true)
            fieldEnds.removeAll(keepingCapacity: true)
        }
        if fieldEnds.count == 1 && recordBytes.isEmpty { return nil }
        if encoding == .utf8 { checkEncoding() }
        // Exact-size copies: the row may outlive this call, and the buffers here keep their capacity.
        let bytes = recordBytes.withUnsafeBufferPointer { Array($0) }
        let ends = fieldEnds.withUnsafeBufferPointer { Array($0) }
        return CSVRow(line: recordLine, encoding: encoding, bytes: bytes, fieldEnds: ends)
    }

    /// Switches the file to Windows-1252 at the first field that is not valid UTF-8. Checked per field
    /// so a multi-byte sequence cannot straddle two fields and pass by accident.
    private func checkEncoding() {
        let isValid = recordBytes.withUnsafeBufferPointer { buffer -> Bool in
            guard TextBytes.containsNonASCII(buffer) else { return true }
            var start = 0
            for end in fieldEnds {
                if !TextBytes.isValidUTF8(UnsafeBufferPointer(rebasing: buffer[start..<end])) { return false }
                start = end
            }
            return true
        }
        guard !isValid else { return }
        encoding = .windows1252
        problems.append(ImportProblem(
            file: fileName, line: recordLine,
            message: "the file is not valid UTF-8; it was read as Latin-1 (Windows-1252). Save it as \"CSV UTF-8\" to avoid this",
            severity: .warning, kind: .textEncoding))
    }
}
