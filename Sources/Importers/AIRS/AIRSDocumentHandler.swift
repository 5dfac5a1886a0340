import Directory
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Receives `XMLParser`'s events for one AIRS file. It keeps only the open element path and the
/// drafts of the agency being read (with its sites and services); when an `<Agency>` closes, its
/// records are assembled, handed to `emit` and dropped, so memory stays flat however large the file.
final class AIRSDocumentHandler: NSObject, XMLParserDelegate {
    private struct OpenElement {
        /// Lower-cased local name.
        let name: String
        let attributes: [String: String]
        /// The name as written and the line, when the element is unknown: it is counted once it closes,
        /// so an element cut off by a parse error is not reported as unknown.
        var unknown: (name: String, line: Int)?
    }

    /// A record draft with the depth (number of open elements) at which its element sits.
    private struct Open<Draft> {
        var draft: Draft
        let depth: Int
    }

    private let log: AIRSImportLog
    private var assembler: AIRSRecordAssembler
    private let stream: AIRSByteCountingStream
    private var pacer: AIRSProgressPacer
    /// Set for the duration of `XMLParser.parse()` only (see `AIRSReader.read`).
    private var emit: ((FeedRecord) throws -> Void)?
    private var progress: ((ReadProgress) -> Void)?

    /// What `emit` threw; reading stopped and the reader rethrows it.
    private(set) var emitFailure: (any Error)?
    /// Set by the first parse error or emit failure: libxml2 may keep calling back after an error
    /// (it recovers), and nothing it reports after that is trustworthy.
    private(set) var hasStopped = false
    private(set) var agenciesSeen = 0

    private var open: [OpenElement] = []
    /// The lower-cased names of `open`, kept apart so a field's path is a slice of it, not a new array.
    private var openNames: [String] = []
    /// Element name as reported → (local name, lower-cased local name): a file repeats a few dozen names.
    private var names: [String: (local: String, lowered: String)] = [:]
    private var text = ""
    /// Depth of an element whose whole subtree is being skipped (unknown, unused, or a rejected record).
    private var skippedFromDepth: Int?
    private var agencies: [Open<AIRSAgencyDraft>] = []
    private var site: Open<AIRSSiteDraft>?
    private var service: Open<AIRSServiceDraft>?

    init(
        log: AIRSImportLog, assembler: AIRSRecordAssembler, stream: AIRSByteCountingStream, totalBytes: Int64,
        emit: @escaping (FeedRecord) throws -> Void, progress: @escaping (ReadProgress) -> Void
    ) {
        self.log = log
        self.assembler = assembler
        self.stream = stream
        self.pacer = AIRSProgressPacer(totalBytes: totalBytes)
        self.emit = emit
        self.progress = progress
    }

    /// Reports the last progress and lets go of the caller's closures, which must not outlive `read`.
    func finish() {
        if emitFailure == nil, let report = pacer.finish(records: log.summary.recordsRead, bytesRead: stream.bytesRead) {
            progress?(report)
        }
        emit = nil
        progress = nil
    }

    /// Records a parse failure the parser reported only through `parserError`.
    func stopIfFailed(_ parser: XMLParser) {
        if let error = parser.parserError, !hasStopped, !AIRSXMLErrorText.isNamespaceError(error) { stop(parser, error) }
    }

    // MARK: XMLParserDelegate

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard !hasStopped else { return }
        let (localName, name) = self.names(of: elementName)
        open.append(OpenElement(name: name, attributes: attributes))
        openNames.append(name)
        text = ""
        guard skippedFromDepth == nil else { return }
        let depth = open.count, line = parser.lineNumber

        switch name {
        case AIRSVocabulary.agency where site == nil && service == nil:
            countRecord()
            agenciesSeen += 1
            agencies.append(Open(draft: AIRSAgencyDraft(line: line, attributes: attributes), depth: depth))
        case AIRSVocabulary.site where site == nil && service == nil:
            countRecord()
            if agencies.isEmpty {
                reject(.outsideParent(.site), line: line, depth: depth)
            } else {
                site = Open(draft: AIRSSiteDraft(line: line, attributes: attributes), depth: depth)
            }
        case AIRSVocabulary.siteService where service == nil:
            countRecord()
            if site == nil {
                reject(.outsideParent(.siteService), line: line, depth: depth)
            } else {
                service = Open(draft: AIRSServiceDraft(line: line, attributes: attributes), depth: depth)
            }
        default:
            checkKnown(localName, name: name, depth: depth, line: line)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !hasStopped, skippedFromDepth == nil else { return }
        text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !hasStopped, skippedFromDepth == nil else { return }
        text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard !hasStopped, let element = open.last else { return }
        // The element stays on the stacks while it is routed: its path is a slice of `openNames`.
        defer {
            open.removeLast()
            openNames.removeLast()
        }
        let content = Self.trimmed(text)
        text = ""
        let depth = open.count
        if let unknown = element.unknown { log.countUnknown(element: unknown.name, line: unknown.line) }
        if let skipped = skippedFromDepth {
            if depth == skipped { skippedFromDepth = nil }
            return
        }
        if service?.depth == depth, let closing = service {
            service = nil
            site?.draft.services.append(closing.draft)
        } else if site?.depth == depth, let closing = site {
            site = nil
            agencies[agencies.count - 1].draft.sites.append(closing.draft)
        } else if innermostAgencyDepth == depth, let closing = agencies.popLast() {
            emitRecords(of: closing.draft, parser: parser)
        } else {
            route(element, text: content)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard !hasStopped else { return }
        if AIRSXMLErrorText.isNamespaceError(parseError) {
            // Not a well-formedness error: the document is still read, by local names.
            log.warnOnce("namespace", line: parser.lineNumber, AIRSXMLErrorText.namespaceWarning)
            return
        }
        stop(parser, parseError)
    }

    // MARK: Records

    private func countRecord() {
        log.countRecordRead()
        if let report = pacer.tick(records: log.summary.recordsRead, bytesRead: stream.bytesRead) {
            progress?(report)
        }
    }

    /// Reports a record that cannot be read where it is and skips everything inside it.
    private func reject(_ error: AIRSRecordError, line: Int, depth: Int) {
        log.error(line: line, field: error.field, error.message())
        if !agencies.isEmpty { agencies[agencies.count - 1].draft.skippedInside += 1 }
        skippedFromDepth = depth
    }

    /// An element directly under a record (or the root) must be one AIRS defines. Unknown ones are
    /// marked for counting and skipped; known ones the directory has no use for are skipped silently. Under the
    /// root nothing is skipped, so agencies inside an unexpected wrapper are still found.
    private func checkKnown(_ localName: String, name: String, depth: Int, line: Int) {
        // Depths only: binding the drafts themselves would copy them for every element.
        let parent: (kind: AIRSRecordKind?, depth: Int) =
            if let depth = service?.depth { (.siteService, depth) }
            else if let depth = site?.depth { (.site, depth) }
            else if let depth = innermostAgencyDepth { (.agency, depth) }
            else { (nil, 1) }
        guard depth == parent.depth + 1 else { return }
        if !AIRSVocabulary.isKnown(name, under: parent.kind) {
            open[open.count - 1].unknown = (localName, line)
            if parent.kind != nil { skippedFromDepth = depth }
        } else if AIRSVocabulary.knownButUnused.contains(name) {
            skippedFromDepth = depth
        }
    }

    /// Read in place: `agencies.last` would copy the whole draft.
    private var innermostAgencyDepth: Int? {
        agencies.isEmpty ? nil : agencies[agencies.count - 1].depth
    }

    /// Hands a closed field element (still on top of the stacks) to the innermost open record,
    /// located relative to it.
    private func route(_ element: OpenElement, text: String) {
        func field(below depth: Int) -> AIRSField {
            AIRSField(path: openNames[depth...], text: text, attributes: element.attributes)
        }
        if let depth = service?.depth {
            service?.draft.take(field(below: depth))
        } else if let depth = site?.depth {
            site?.draft.take(field(below: depth))
        } else if let depth = innermostAgencyDepth {
            agencies[agencies.count - 1].draft.take(field(below: depth))
        }
    }

    private func emitRecords(of agency: AIRSAgencyDraft, parser: XMLParser) {
        let records = assembler.records(for: agency)
        guard let emit else { return }
        do {
            for record in records { try emit(record) }
        } catch {
            emitFailure = error
            hasStopped = true
            parser.abortParsing()
        }
    }

    private func stop(_ parser: XMLParser, _ error: any Error) {
        hasStopped = true
        let innermost: (name: String, line: Int)? =
            if let service { ("SiteService", service.draft.record.line) }
            else if let site { ("Site", site.draft.record.line) }
            else if let agency = agencies.last { ("Agency", agency.draft.record.line) }
            else { nil }
        log.stop(line: parser.lineNumber, column: parser.columnNumber,
                 AIRSXMLErrorText.message(for: error, openElement: innermost, atEndOfFile: stream.reachedEnd))
        parser.abortParsing()
    }

    /// The text without surrounding whitespace; by hand, because Foundation's trimming costs more on
    /// Linux than parsing the element, and every element's text passes through here. ASCII ends are
    /// checked on the bytes; a non-ASCII character at either end is judged as a `Character`.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start != end {
            let byte = utf8[start]
            if byte >= 0x80 { return characterTrimmed(text) }
            guard Self.isASCIIWhitespace(byte) else { break }
            start = utf8.index(after: start)
        }
        while start != end {
            let last = utf8.index(before: end)
            let byte = utf8[last]
            if byte >= 0x80 { return characterTrimmed(text) }
            guard Self.isASCIIWhitespace(byte) else { break }
            end = last
        }
        if start == utf8.startIndex && end == utf8.endIndex { return text }
        return String(text[start..<end])
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space: `Character.isWhitespace` in ASCII.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func characterTrimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }

    /// The local name and its lower-cased form, remembered per name as the parser reports it.
    private func names(of elementName: String) -> (local: String, lowered: String) {
        if let known = names[elementName] { return known }
        let local = Self.localName(elementName)
        let result = (local, local.lowercased())
        if names.count < 1_000 { names[elementName] = result }
        return result
    }

    /// `airs:SiteService` → `SiteService`: exports differ in prefixes, never in local names.
    private static func localName(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }
}
