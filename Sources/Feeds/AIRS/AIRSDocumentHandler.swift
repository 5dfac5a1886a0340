import Directory

/// Receives the parser's events for one AIRS file (`AIRSSAXParser`) and hands them to its
/// `AIRSDocumentState`, which does the reading.
final class AIRSDocumentHandler: AIRSSAXEvents {
    /// All the handler keeps, in one value: an event costs one run-time exclusivity check on it, where
    /// the same stored properties on the class would be checked at every access.
    private var state: AIRSDocumentState

    init(
        log: AIRSImportLog, assembler: AIRSRecordAssembler, totalBytes: Int64,
        emit: @escaping (FeedRecord) throws -> Void, progress: @escaping (ReadProgress) -> Void
    ) {
        state = AIRSDocumentState(log: log, assembler: assembler, totalBytes: totalBytes, emit: emit, progress: progress)
    }

    /// What `emit` threw; reading stopped and the reader rethrows it.
    var emitFailure: (any Error)? { state.emitFailure }
    /// Set by the first parse error, emit failure or read failure.
    var hasStopped: Bool { state.hasStopped }
    var agenciesSeen: Int { state.agenciesSeen }

    /// Reports the last progress and lets go of the caller's closures, which must not outlive `read`.
    func finish(bytesRead: Int64) {
        state.finish(bytesRead: bytesRead)
    }

    /// Marks reading as stopped by something outside the XML (the file could not be read on).
    func stopReading() {
        state.hasStopped = true
    }

    func didStart(_ parser: AIRSSAXParser, name: AIRSSAXParser.ElementName, attributes: [String: String]) {
        state.didStart(parser, name: name, attributes: attributes)
    }

    func foundText(_ bytes: UnsafeBufferPointer<UInt8>) {
        state.foundText(bytes)
    }

    func didEnd(_ parser: AIRSSAXParser) {
        state.didEnd(parser)
    }

    func parseError(_ parser: AIRSSAXParser, code: Int, line: Int, column: Int) {
        state.parseError(parser, code: code, line: line, column: column)
    }

    func parseWarning(_ parser: AIRSSAXParser, code: Int, message: String, line: Int) {
        state.parseWarning(code: code, message: message, line: line)
    }
}

/// The reading of one AIRS file, event by event. It keeps only the open element path and the drafts
/// of the agency being read (with its sites and services); when an `<Agency>` closes, its records are
/// assembled, handed to `emit` and dropped, so memory stays flat however large the file.
struct AIRSDocumentState {
    private struct OpenElement {
        let attributes: [String: String]
        /// The name as written and the line, when the element is unknown: it is counted once it closes,
        /// so an element cut off by a parse error is not reported as unknown.
        var unknown: (name: String, line: Int)?
    }

    /// What the reader needs to know about an element name, worked out once per name in the file.
    private struct NameInfo {
        /// The record the name opens, if it is `Agency`, `Site` or `SiteService`.
        let record: AIRSRecordKind?
        let roles: AIRSVocabulary.Roles
        /// `AIRSVocabulary.isKnown` directly under the root, an agency, a site and a site service.
        let knownUnderRoot, knownUnderAgency, knownUnderSite, knownUnderService: Bool
        let knownButUnused: Bool

        init(lowered name: String) {
            record = switch name {
            case AIRSVocabulary.agency: .agency
            case AIRSVocabulary.site: .site
            case AIRSVocabulary.siteService: .siteService
            default: nil
            }
            roles = AIRSVocabulary.roles(of: name)
            knownUnderRoot = AIRSVocabulary.isKnown(name, under: nil)
            knownUnderAgency = AIRSVocabulary.isKnown(name, under: .agency)
            knownUnderSite = AIRSVocabulary.isKnown(name, under: .site)
            knownUnderService = AIRSVocabulary.isKnown(name, under: .siteService)
            knownButUnused = AIRSVocabulary.knownButUnused.contains(name)
        }

        func isKnown(under kind: AIRSRecordKind?) -> Bool {
            switch kind {
            case nil: knownUnderRoot
            case .agency: knownUnderAgency
            case .site: knownUnderSite
            case .siteService: knownUnderService
            }
        }
    }

    /// A record draft with the depth (number of open elements) at which its element sits.
    private struct Open<Draft> {
        var draft: Draft
        let depth: Int
    }

    private let log: AIRSImportLog
    private var assembler: AIRSRecordAssembler
    private var pacer: AIRSProgressPacer
    /// Set for the duration of the parse only (see `AIRSReader.read`).
    private var emit: ((FeedRecord) throws -> Void)?
    private var progress: ((ReadProgress) -> Void)?

    /// What `emit` threw; reading stopped and the reader rethrows it.
    private(set) var emitFailure: (any Error)?
    /// Set by the first parse error or emit failure: nothing the parser reports after that is trustworthy.
    var hasStopped = false
    private(set) var agenciesSeen = 0

    private var open: [OpenElement] = []
    /// The lower-cased names of `open`, kept apart so a field's path is a slice of it, not a new array.
    private var openNames: [String] = []
    /// The vocabulary roles of `openNames`, looked up once per name.
    private var openRoles: [AIRSVocabulary.Roles] = []
    /// By `ElementName.id`.
    private var names: [NameInfo?] = []
    /// UTF-8 text of the innermost open element since it (or its last child) opened or closed; made
    /// into a `String` only when a field element closes.
    private var text: [UInt8] = []
    /// Depth of an element whose whole subtree is being skipped (unknown, unused, or a rejected record).
    private var skippedFromDepth: Int?
    private var agencies: [Open<AIRSAgencyDraft>] = []
    private var site: Open<AIRSSiteDraft>?
    private var service: Open<AIRSServiceDraft>?

    init(
        log: AIRSImportLog, assembler: AIRSRecordAssembler, totalBytes: Int64,
        emit: @escaping (FeedRecord) throws -> Void, progress: @escaping (ReadProgress) -> Void
    ) {
        self.log = log
        self.assembler = assembler
        self.pacer = AIRSProgressPacer(totalBytes: totalBytes)
        self.emit = emit
        self.progress = progress
        text.reserveCapacity(4_096)
    }

    mutating func finish(bytesRead: Int64) {
        if emitFailure == nil, let report = pacer.finish(records: log.summary.recordsRead, bytesRead: bytesRead) {
            progress?(report)
        }
        emit = nil
        progress = nil
    }

    // MARK: Parser events

    mutating func didStart(_ parser: AIRSSAXParser, name elementName: AIRSSAXParser.ElementName, attributes: [String: String]) {
        guard !hasStopped else { return }
        let info = self.info(elementName)
        open.append(OpenElement(attributes: attributes))
        openNames.append(elementName.lowered)
        openRoles.append(info.roles)
        text.removeAll(keepingCapacity: true)
        guard skippedFromDepth == nil else { return }
        let depth = open.count, line = parser.lineNumber

        switch info.record {
        case .agency? where site == nil && service == nil:
            countRecord(parser)
            agenciesSeen += 1
            agencies.append(Open(draft: AIRSAgencyDraft(line: line, attributes: attributes), depth: depth))
        case .site? where site == nil && service == nil:
            countRecord(parser)
            if agencies.isEmpty {
                reject(.outsideParent(.site), line: line, depth: depth)
            } else {
                site = Open(draft: AIRSSiteDraft(line: line, attributes: attributes), depth: depth)
            }
        case .siteService? where service == nil:
            countRecord(parser)
            if site == nil {
                reject(.outsideParent(.siteService), line: line, depth: depth)
            } else {
                service = Open(draft: AIRSServiceDraft(line: line, attributes: attributes), depth: depth)
            }
        default:
            checkKnown(elementName.local, info: info, depth: depth, line: line)
        }
    }

    /// Character data and CDATA, as UTF-8 bytes in whatever pieces the parser delivers them.
    mutating func foundText(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !hasStopped, skippedFromDepth == nil else { return }
        text.append(contentsOf: bytes)
    }

    mutating func didEnd(_ parser: AIRSSAXParser) {
        guard !hasStopped, !open.isEmpty else { return }
        // The element stays on the stacks while it is routed: its path is a slice of `openNames`.
        defer {
            open.removeLast()
            openNames.removeLast()
            openRoles.removeLast()
            text.removeAll(keepingCapacity: true)
        }
        let depth = open.count
        if let unknown = open[depth - 1].unknown { log.countUnknown(element: unknown.name, line: unknown.line) }
        if let skipped = skippedFromDepth {
            if depth == skipped { skippedFromDepth = nil }
            return
        }
        // `take()` moves the closing draft out instead of copying it and then releasing the original.
        if service?.depth == depth, let closing = service.take() {
            site?.draft.services.append(closing.draft)
        } else if site?.depth == depth, let closing = site.take() {
            agencies[agencies.count - 1].draft.sites.append(closing.draft)
        } else if innermostAgencyDepth == depth, let closing = agencies.popLast() {
            emitRecords(of: closing.draft, parser: parser)
        } else {
            route(attributes: open[depth - 1].attributes, text: Self.trimmed(text))
        }
    }

    /// An error or warning libxml2 reported, with the parser's position when it did.
    mutating func parseError(_ parser: AIRSSAXParser, code: Int, line: Int, column: Int) {
        guard !hasStopped else { return }
        if AIRSXMLErrorText.isNamespaceError(code: code) {
            // Not a well-formedness error: the document is still read, by local names.
            log.warnOnce("namespace", line: line, kind: .malformedFile, AIRSXMLErrorText.namespaceWarning)
            return
        }
        stop(parser, code: code, line: line, column: column)
    }

    /// A warning from libxml2 is reported once per kind and reading goes on.
    mutating func parseWarning(code: Int, message: String, line: Int) {
        guard !hasStopped else { return }
        log.warnOnce("libxml2-warning-\(code)", line: line, kind: .malformedFile,
                     AIRSXMLErrorText.warning(code: code, message: message))
    }

    // MARK: Records

    private mutating func countRecord(_ parser: AIRSSAXParser) {
        log.countRecordRead()
        if let report = pacer.tick(records: log.summary.recordsRead, bytesRead: parser.bytesRead) {
            progress?(report)
        }
    }

    /// Reports a record that cannot be read where it is and skips everything inside it.
    private mutating func reject(_ error: AIRSRecordError, line: Int, depth: Int) {
        log.error(line: line, field: error.field, kind: error.kind, error.message())
        if !agencies.isEmpty { agencies[agencies.count - 1].draft.skippedInside += 1 }
        skippedFromDepth = depth
    }

    /// An element directly under a record (or the root) must be one AIRS defines. Unknown ones are
    /// marked for counting and skipped; known ones the directory has no use for are skipped silently. Under the
    /// root nothing is skipped, so agencies inside an unexpected wrapper are still found.
    private mutating func checkKnown(_ localName: String, info: NameInfo, depth: Int, line: Int) {
        // Depths only: binding the drafts themselves would copy them for every element.
        let parent: (kind: AIRSRecordKind?, depth: Int) =
            if let depth = service?.depth { (.siteService, depth) }
            else if let depth = site?.depth { (.site, depth) }
            else if let depth = innermostAgencyDepth { (.agency, depth) }
            else { (nil, 1) }
        guard depth == parent.depth + 1 else { return }
        if !info.isKnown(under: parent.kind) {
            open[open.count - 1].unknown = (localName, line)
            if parent.kind != nil { skippedFromDepth = depth }
        } else if info.knownButUnused {
            skippedFromDepth = depth
        }
    }

    /// Read in place: `agencies.last` would copy the whole draft.
    private var innermostAgencyDepth: Int? {
        agencies.isEmpty ? nil : agencies[agencies.count - 1].depth
    }

    /// Hands a closed field element (still on top of the stacks) to the innermost open record,
    /// located relative to it.
    private mutating func route(attributes: [String: String], text: String) {
        func field(below depth: Int) -> AIRSField {
            AIRSField(path: openNames[depth...], text: text, attributes: attributes,
                      firstRoles: openRoles[depth], nameRoles: openRoles[openRoles.count - 1])
        }
        if let depth = service?.depth {
            let field = field(below: depth)
            service?.draft.take(field)
        } else if let depth = site?.depth {
            let field = field(below: depth)
            site?.draft.take(field)
        } else if let depth = innermostAgencyDepth {
            let field = field(below: depth)
            agencies[agencies.count - 1].draft.take(field)
        }
    }

    private mutating func emitRecords(of agency: AIRSAgencyDraft, parser: AIRSSAXParser) {
        let records = assembler.records(for: agency)
        guard let emit else { return }
        do {
            for record in records { try emit(record) }
        } catch {
            emitFailure = error
            hasStopped = true
            parser.stop()
        }
    }

    private mutating func stop(_ parser: AIRSSAXParser, code: Int, line: Int, column: Int) {
        hasStopped = true
        let innermost: (name: String, line: Int)? =
            if let service { ("SiteService", service.draft.record.line) }
            else if let site { ("Site", site.draft.record.line) }
            else if let agency = agencies.last { ("Agency", agency.draft.record.line) }
            else { nil }
        log.stop(line: line, column: column,
                 AIRSXMLErrorText.message(forCode: code, openElement: innermost, atEndOfFile: parser.reachedEnd))
        parser.stop()
    }

    /// UTF-8 text without surrounding whitespace, as a `String`; by hand, because Foundation's trimming
    /// costs more on Linux than parsing the element, and every field's text passes through here. ASCII
    /// ends are trimmed on the bytes; a non-ASCII character at either end is judged as a `Character`.
    static func trimmed(_ text: [UInt8]) -> String {
        var start = 0, end = text.count
        while start != end {
            let byte = text[start]
            if byte >= 0x80 { return characterTrimmed(String(decoding: text, as: UTF8.self)) }
            guard Self.isASCIIWhitespace(byte) else { break }
            start += 1
        }
        while start != end {
            let byte = text[end - 1]
            if byte >= 0x80 { return characterTrimmed(String(decoding: text, as: UTF8.self)) }
            guard Self.isASCIIWhitespace(byte) else { break }
            end -= 1
        }
        if start == end { return "" }
        return String(decoding: text[start..<end], as: UTF8.self)
    }

    /// What is known about an element name, worked out the first time the file uses it.
    private mutating func info(_ name: AIRSSAXParser.ElementName) -> NameInfo {
        guard let id = name.id else { return NameInfo(lowered: name.lowered) }
        if id < names.count, let known = names[id] { return known }
        let info = NameInfo(lowered: name.lowered)
        if id >= names.count { names.append(contentsOf: repeatElement(nil, count: id + 1 - names.count)) }
        names[id] = info
        return info
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
}
