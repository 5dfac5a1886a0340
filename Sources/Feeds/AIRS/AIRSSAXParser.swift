import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `AIRSSAXParser` reports, in document order. `AIRSDocumentHandler` in the reader; tests record.
protocol AIRSSAXEvents: AnyObject {
    /// An element opened; attribute keys keep their prefix ("xsi:type"), values are decoded.
    func didStart(_ parser: AIRSSAXParser, name: AIRSSAXParser.ElementName, attributes: [String: String])
    /// Character data or CDATA as UTF-8, in whatever pieces libxml2 delivers (a piece may end inside a
    /// character only if the next one continues it).
    func foundText(_ bytes: UnsafeBufferPointer<UInt8>)
    func didEnd(_ parser: AIRSSAXParser)
    /// libxml2's error number, with the parser's position when it came. Call `parser.stop()` to end
    /// reading; namespace errors (200–209) leave the document readable.
    func parseError(_ parser: AIRSSAXParser, code: Int, line: Int, column: Int)
    /// Something libxml2 only warns about (an XML 1.1 declaration, a relative namespace URI…): the
    /// document is well-formed and parsing goes on.
    func parseWarning(_ parser: AIRSSAXParser, code: Int, message: String, line: Int)
}

/// Feeds one AIRS file to libxml2's SAX2 push parser, chunk by chunk, and hands its events to an
/// `AIRSSAXEvents` handler. The only place the reader meets C: names, attributes and text arrive as
/// UTF-8 bytes (libxml2 converts from the declared encoding) and leave as Swift values.
///
/// Safety: external DTDs and entities are never fetched (no `XML_PARSE_NOENT`, `XML_PARSE_DTDLOAD`,
/// no `externalSubset` callback, `XML_PARSE_NONET`). Entities the document declares itself are
/// answered with an empty placeholder, so a reference to one is dropped without expanding anything
/// (what Foundation's `XMLParser` did) instead of stopping the read as an undeclared entity.
final class AIRSSAXParser {
    static let defaultChunkSize = 256 * 1024

    /// An element's local name as written and lower-cased, the form the reader matches.
    struct ElementName {
        /// The same small number (0, 1, 2…) for every element of the file with this name, so a handler
        /// can keep what it knows about a name in an array; nil for names past the first thousand.
        let id: Int?
        let local: String
        let lowered: String
    }

    /// Why the file could not be read to its end, apart from what the XML says.
    enum ReadFailure: Error {
        case cannotOpen
        case readFailed(errno: Int32, afterBytes: Int64)
    }

    private let handler: any AIRSSAXEvents
    private let chunkSize: Int
    /// Set only while `parse` runs.
    private var context: xmlParserCtxtPtr?
    /// Bytes handed to the parser so far (the chunk being parsed included).
    private(set) var bytesRead: Int64 = 0
    /// Set once the file returned end-of-file: a parse error after that means the file was cut short.
    private(set) var reachedEnd = false
    private var isStopped = false

    /// Element names by the parser's dictionary pointer. libxml2 interns every name in the context's
    /// dictionary, which lives as long as the context, and this cache lives no longer than that; the
    /// bytes are compared as well, so a reused pointer could only cost a lookup.
    private var names: [UnsafeRawPointer: (bytes: [CChar], name: ElementName)] = [:]
    /// Ids by name, for a name met again at another pointer.
    private var ids: [String: Int] = [:]
    private static let maximumCachedNames = 1_000
    /// Placeholders for the entities the document declares, by name (see the type's comment).
    private var declaredEntities: [String: UnsafeMutablePointer<xmlEntity>] = [:]

    init(handler: any AIRSSAXEvents, chunkSize: Int = defaultChunkSize) {
        self.handler = handler
        self.chunkSize = max(chunkSize, 1)
    }

    deinit {
        for entity in declaredEntities.values {
            closeloop_xml_free(entity.pointee.name.map { UnsafeMutableRawPointer(mutating: $0) })
            closeloop_xml_free(entity.pointee.content)
            closeloop_xml_free(entity.pointee.orig)
            if let children = entity.pointee.children { xmlFreeNodeList(children) }
            entity.deinitialize(count: 1)
            entity.deallocate()
        }
    }

    /// The line the parser has reached (1-based), as libxml2 counts it.
    var lineNumber: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }
    var columnNumber: Int { context.map { Int(xmlSAX2GetColumnNumber($0)) } ?? 0 }

    /// Ends parsing: no event follows, and `parse` returns after the current chunk.
    func stop() {
        guard !isStopped else { return }
        isStopped = true
        if let context { xmlStopParser(context) }
    }

    private static let initialize: Void = xmlInitParser()

    /// Reads the file at `path` through the parser, to its end or until stopped.
    func parse(path: String) throws(ReadFailure) {
        _ = Self.initialize
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw .cannotOpen }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else { throw .cannotOpen }

        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 4), alignment: 16)
        defer { buffer.deallocate() }
        let bytes = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)

        // libxml2 detects the encoding (BOM, UTF-16) from the first four bytes, given with the context.
        var filled = 0
        repeat {
            let count = try readChunk(file, into: buffer, at: filled)
            if count == 0 { break }
            filled += count
        } while filled < 4
        let head = min(filled, 4)
        var lineEnds = LoneCarriageReturns(head: UnsafeRawBufferPointer(rebasing: buffer[..<head]))
        _ = lineEnds.normalize(bytes, count: filled)  // a first chunk has no pair split before it
        var sax = Self.saxHandler()
        guard let context = xmlCreatePushParserCtxt(
            &sax, Unmanaged.passUnretained(self).toOpaque(), bytes, Int32(head), nil) else { throw .cannotOpen }
        self.context = context
        defer {
            self.context = nil
            xmlFreeParserCtxt(context)
        }
        // Never touch the network; no entity substitution and no DTD loading (neither option is set, and
        // the fields they would set are cleared in case libxml2's process-wide defaults say otherwise).
        _ = xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        context.pointee.validate = 0

        var offset = head
        while !isStopped {
            if filled > offset {
                feed(bytes + offset, count: filled - offset, terminate: false)
                if isStopped { break }
            }
            filled = try readChunk(file, into: buffer, at: 0)
            offset = lineEnds.normalize(bytes, count: filled)
            if filled == 0 {
                reachedEnd = true
                feed(nil, count: 0, terminate: true)
                break
            }
        }
    }

    /// Reads up to `chunkSize` bytes (fewer if the buffer ends first) into `buffer` from `offset`.
    private func readChunk(_ file: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(ReadFailure) -> Int {
        while true {
            let count = read(file, buffer.baseAddress! + offset, min(chunkSize, buffer.count - offset))
            if count >= 0 {
                bytesRead += Int64(count)
                return count
            }
            if errno != EINTR { throw .readFailed(errno: errno, afterBytes: bytesRead) }
        }
    }

    private func feed(_ bytes: UnsafePointer<CChar>?, count: Int, terminate: Bool) {
        guard let context else { return }
        let result = Int(xmlParseChunk(context, bytes, Int32(count), terminate ? 1 : 0))
        // Errors come through `serror`; this catches one that reached only libxml2's generic handler.
        if result != 0, !isStopped, result != Int(XML_ERR_USER_STOP.rawValue),
           !AIRSXMLErrorText.isNamespaceError(code: result),
           context.pointee.wellFormed == 0 || context.pointee.disableSAX != 0 {
            handler.parseError(self, code: result, line: lineNumber, column: columnNumber)
        }
    }

    // MARK: Events

    fileprivate func startElement(
        _ localName: UnsafePointer<xmlChar>, attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let name = elementName(localName)
        var values: [String: String] = [:]
        if attributeCount > 0, let attributes {
            values.reserveCapacity(attributeCount)
            // Five pointers per attribute: local name, prefix, URI, value start, value end.
            for index in 0..<attributeCount {
                let attribute = attributes + index * 5
                guard let local = attribute[0], let start = attribute[3], let end = attribute[4] else { continue }
                var key = String(cString: local)
                // Keys keep their prefix, as `XMLParser` gave them ("xsi:type").
                if let prefix = attribute[1], prefix.pointee != 0 { key = String(cString: prefix) + ":" + key }
                values[key] = Self.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
            }
        }
        handler.didStart(self, name: name, attributes: values)
    }

    fileprivate func endElement() {
        handler.didEnd(self)
    }

    fileprivate func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        handler.foundText(UnsafeBufferPointer(start: bytes, count: count))
    }

    fileprivate func error(_ error: UnsafePointer<xmlError>) {
        guard !isStopped else { return }
        if error.pointee.level == XML_ERR_WARNING {
            let message = error.pointee.message.map { String(cString: $0) } ?? ""
            handler.parseWarning(self, code: Int(error.pointee.code), message: message, line: lineNumber)
            return
        }
        // libxml2 puts the context's position in the error; read from the context, as `XMLParser` did.
        handler.parseError(self, code: Int(error.pointee.code), line: lineNumber, column: columnNumber)
    }

    fileprivate func declareEntity(_ name: UnsafePointer<xmlChar>, type: Int32) {
        // General entities only: parameter entities are looked up through another callback, left unset.
        guard type == Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue) || type == Int32(XML_EXTERNAL_GENERAL_PARSED_ENTITY.rawValue)
            || type == Int32(XML_EXTERNAL_GENERAL_UNPARSED_ENTITY.rawValue) else { return }
        let key = String(cString: name)
        guard declaredEntities[key] == nil else { return }
        let entity = UnsafeMutablePointer<xmlEntity>.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.name = UnsafePointer(xmlStrdup(name))
        // An internal entity whose text is empty: a reference parses "" and adds nothing. Never an
        // external one, which libxml2 could be asked to load.
        entity.pointee.etype = XML_INTERNAL_GENERAL_ENTITY
        entity.pointee.content = xmlCharStrdup("")
        entity.pointee.length = 0
        declaredEntities[key] = entity
    }

    fileprivate func entity(_ name: UnsafePointer<xmlChar>) -> UnsafeMutablePointer<xmlEntity>? {
        declaredEntities.isEmpty ? nil : declaredEntities[String(cString: name)]
    }

    private func elementName(_ localName: UnsafePointer<xmlChar>) -> ElementName {
        let key = UnsafeRawPointer(localName)
        let characters = UnsafeRawPointer(localName).assumingMemoryBound(to: CChar.self)
        if let known = names[key], known.bytes.withUnsafeBufferPointer({ strcmp($0.baseAddress!, characters) == 0 }) {
            return known.name
        }
        let local = String(cString: localName)
        guard names.count < Self.maximumCachedNames || names[key] != nil else {
            return ElementName(id: nil, local: local, lowered: local.lowercased())
        }
        let id = ids[local] ?? ids.count
        ids[local] = id
        let name = ElementName(id: id, local: local, lowered: local.lowercased())
        names[key] = (Array(UnsafeBufferPointer(start: characters, count: strlen(characters) + 1)), name)
        return name
    }

    /// An attribute value as libxml2 hands it without entity substitution: every `&` written in the
    /// file (as `&amp;` or `&#38;`) arrives as `&#38;`, other references are decoded, and a reference
    /// to an entity the document declares arrives as written (`&name;`); those are dropped, as in text.
    static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let ampersand: [UInt8] = Array("&#38;".utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&") else {
                decoded.append(byte)
                index += 1
                continue
            }
            if bytes.count - index >= ampersand.count, bytes[index..<index + ampersand.count].elementsEqual(ampersand) {
                decoded.append(byte)
                index += ampersand.count
            } else if let semicolon = bytes[index...].firstIndex(of: UInt8(ascii: ";")) {
                index = semicolon + 1
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    // MARK: Callbacks

    /// The SAX2 callbacks: C function pointers, which find this object through `user_data`.
    private static func saxHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
            guard let context, let localName else { return }
            saxParser(context).startElement(localName, attributeCount: Int(attributeCount), attributes: attributes)
        }
        sax.endElementNs = { context, _, _, _ in
            guard let context else { return }
            saxParser(context).endElement()
        }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let context, let bytes, count > 0 else { return }
            saxParser(context).characters(bytes, count: Int(count))
        }
        sax.characters = characters
        sax.cdataBlock = characters
        // The same function as `characters`: libxml2 then does not try to tell blanks apart.
        sax.ignorableWhitespace = characters
        sax.serror = { context, error in
            guard let context, let error else { return }
            saxParser(context).error(error)
        }
        sax.entityDecl = { context, name, type, _, _, _ in
            guard let context, let name else { return }
            saxParser(context).declareEntity(name, type: type)
        }
        sax.getEntity = { context, name in
            guard let context, let name else { return nil }
            return saxParser(context).entity(name)
        }
        return sax
    }

}

/// The parser a callback's `user_data` points at (a free function: C callbacks capture nothing).
private func saxParser(_ context: UnsafeMutableRawPointer) -> AIRSSAXParser {
    Unmanaged<AIRSSAXParser>.fromOpaque(context).takeUnretainedValue()
}
