import Directory
import Foundation
import Testing
@testable import Feeds

/// What the C boundary of the AIRS reader (libxml2's SAX2 push parser, fed in chunks) could get wrong:
/// text, names and characters split across chunks, attribute escapes, CDATA, prefixes, error
/// positions, a throwing `emit`, and entities a file declares (never expanded, never fetched).
private enum Robustness {
    static let importedAt = Date(timeIntervalSince1970: 1_717_200_000)
    static let mapping = TaxonomyMapping(barriers: [
        Barrier(id: "food_insecurity", label: "Food insecurity", domains: [.health, .family], intensities: [.prevention],
                taxonomyPrefixes: ["BD-1800"]),
    ])

    typealias Read = AIRSRead

    static var fixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("airs")
    }

    static func read(path: String, chunkSize: Int = AIRSSAXParser.defaultChunkSize) throws -> Read {
        var result = Read()
        let reader = AIRSReader(path: path, source: "s", mapping: mapping, importedAt: importedAt, chunkSize: chunkSize)
        result.summary = try reader.read(emit: { result.records.append($0) }, progress: { result.progress.append($0) })
        return result
    }

    static func read(_ xml: String, chunkSize: Int = AIRSSAXParser.defaultChunkSize) throws -> Read {
        try withFile(Data(xml.utf8)) { try read(path: $0, chunkSize: chunkSize) }
    }

    static func withFile<Result>(_ contents: Data, name: String = "airs-\(UUID().uuidString).xml",
                                 _ body: (String) throws -> Result) throws -> Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try contents.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try body(file.path)
    }

    /// One agency with one site and one service, named as given.
    static func feed(agency: String, service: String = "Pantry", extra: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Source>
          <Agency><Key>A-1</Key><Name>\(agency)</Name>\(extra)
            <Site><Key>S-1</Key><Name>Main Site</Name>
              <SiteService><Key>SS-1</Key><Name>\(service)</Name><Taxonomy><Code>BD-1800.2000</Code></Taxonomy></SiteService>
            </Site>
          </Agency>
        </Source>

        """
    }
}

/// Records the parser's events as they come, for checks below the reader.
private final class EventRecorder: AIRSSAXEvents {
    struct Element: Equatable {
        var local: String
        var lowered: String
        var attributes: [String: String]
        var line: Int
        var text: String = ""
    }

    var elements: [Element] = []
    var errors: [(code: Int, line: Int, column: Int)] = []
    var warnings: [Int] = []
    private var open: [Int] = []
    private var text: [UInt8] = []

    func didStart(_ parser: AIRSSAXParser, name: AIRSSAXParser.ElementName, attributes: [String: String]) {
        open.append(elements.count)
        elements.append(Element(local: name.local, lowered: name.lowered, attributes: attributes, line: parser.lineNumber))
        text = []
    }

    func foundText(_ bytes: UnsafeBufferPointer<UInt8>) {
        text.append(contentsOf: bytes)
    }

    func didEnd(_ parser: AIRSSAXParser) {
        elements[open.removeLast()].text = String(decoding: text, as: UTF8.self)
        text = []
    }

    func parseError(_ parser: AIRSSAXParser, code: Int, line: Int, column: Int) {
        errors.append((code, line, column))
        if !AIRSXMLErrorText.isNamespaceError(code: code) { parser.stop() }
    }

    func parseWarning(_ parser: AIRSSAXParser, code: Int, message: String, line: Int) {
        warnings.append(code)
    }

    static func parse(_ xml: String, chunkSize: Int = AIRSSAXParser.defaultChunkSize) throws -> EventRecorder {
        let recorder = EventRecorder()
        try Robustness.withFile(Data(xml.utf8)) { path in
            try AIRSSAXParser(handler: recorder, chunkSize: chunkSize).parse(path: path)
        }
        return recorder
    }

    func element(_ local: String) -> Element? { elements.first { $0.local == local } }
}

@Suite("AIRS reader: chunk boundaries")
struct AIRSChunkBoundaryTests {
    /// Every AIRS fixture, read in 1- and 7-byte chunks, gives what the default chunk gives: the same
    /// records, problems (with lines and columns) and progress counts.
    @Test func everyFixtureReadsTheSameInTinyChunks() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Robustness.fixtures.path).sorted()
        #expect(names.count >= 6)
        for name in names {
            let path = Robustness.fixtures.appendingPathComponent(name).path
            let whole = try Robustness.read(path: path)
            #expect(!whole.records.isEmpty, "\(name)")
            for chunkSize in [1, 7] {
                let chunked = try Robustness.read(path: path, chunkSize: chunkSize)
                #expect(chunked.records == whole.records, "\(name), chunk size \(chunkSize)")
                #expect(chunked.summary == whole.summary, "\(name), chunk size \(chunkSize)")
                #expect(chunked.progress.map(\.records) == whole.progress.map(\.records), "\(name)")
            }
        }
    }

    @Test func multiByteCharactersSplitAtEveryOffset() throws {
        // Two-, three- and four-byte UTF-8 sequences: some chunk size in 1...9 cuts each of them.
        let name = "Niños — 日本語 Ελληνικά 🎉 Café"
        let xml = Robustness.feed(agency: name, service: "Apoyo 🎉 ñ")
        for chunkSize in 1...9 {
            let read = try Robustness.read(xml, chunkSize: chunkSize)
            #expect(read.errors.isEmpty, "chunk size \(chunkSize)")
            #expect(read.organizations.map(\.name) == [name], "chunk size \(chunkSize)")
            #expect(read.services.map(\.name) == ["Apoyo 🎉 ñ"], "chunk size \(chunkSize)")
        }
        let events = try EventRecorder.parse(xml, chunkSize: 1)
        #expect(events.elements.filter { $0.local == "Name" }.map(\.text) == [name, "Main Site", "Apoyo 🎉 ñ"])
    }

    @Test func longTextSplitIntoManyPiecesIsOneField() throws {
        let description = String(repeating: "Food boxes for families; ", count: 2_000) + "call first."
        let xml = Robustness.feed(agency: "Big Text", extra: "<AgencyDescription>\n  \(description)\n</AgencyDescription>")
        for chunkSize in [7, 4_096, AIRSSAXParser.defaultChunkSize] {
            let read = try Robustness.read(xml, chunkSize: chunkSize)
            #expect(read.organizations.first?.description == description, "chunk size \(chunkSize)")
        }
    }

    @Test func latin1TextIsHandedOverAsUTF8() throws {
        let latin1 = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<Source><Agency><Key>L</Key><Name>Ni\u{F1}os</Name></Agency></Source>\n"
            .unicodeScalars.map { UInt8($0.value) })
        for chunkSize in [1, 3, 7, 64] {
            let read = try Robustness.withFile(latin1) { try Robustness.read(path: $0, chunkSize: chunkSize) }
            #expect(read.organizations.map(\.name) == ["Niños"], "chunk size \(chunkSize)")
        }
    }
}

@Suite("AIRS reader: what libxml2 hands over")
struct AIRSParserBoundaryTests {
    @Test func attributeEscapesAndCharacterReferencesAreDecoded() throws {
        let xml = """
            <?xml version="1.0"?>
            <Source xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Phone Type="Fax &amp; Voice" Note="caf&#233; &#x263A; &lt;b&gt; &quot;x&quot; &apos;y&apos; &#38;amp; &amp;#38; a&amp;&amp;b"
                     xsi:type="PhoneType" Empty=""/>
            </Source>
            """
        for chunkSize in [1, 7, AIRSSAXParser.defaultChunkSize] {
            let events = try EventRecorder.parse(xml, chunkSize: chunkSize)
            #expect(events.errors.isEmpty)
            let phone = try #require(events.element("Phone"))
            #expect(phone.attributes == [
                "Type": "Fax & Voice",
                "Note": "café ☺ <b> \"x\" 'y' &amp; &#38; a&&b",
                // Prefixed attributes keep their prefix; namespace declarations are not attributes.
                "xsi:type": "PhoneType",
                "Empty": "",
            ], "chunk size \(chunkSize)")
            #expect(events.element("Source")?.attributes == [:])
        }
    }

    @Test func decodesAttributeValuesAsLibxml2LeavesThem() {
        func decoded(_ text: String) -> String {
            Array(text.utf8).withUnsafeBufferPointer { AIRSSAXParser.attributeValue($0) }
        }
        #expect(decoded("plain") == "plain")
        #expect(decoded("a &#38; b") == "a & b")
        #expect(decoded("&#38;#38;") == "&#38;")
        #expect(decoded("x &declared; y") == "x  y")
        #expect(decoded("trailing &") == "trailing &")
    }

    @Test func attributesReachTheRecords() throws {
        let extra = """
            <Phone Confidential="&#116;rue"><PhoneNumber>515-555-0001</PhoneNumber></Phone>
            <Phone Type="F&#97;x &amp; more"><PhoneNumber>515-555-0002</PhoneNumber></Phone>
            """
        for chunkSize in [7, AIRSSAXParser.defaultChunkSize] {
            let read = try Robustness.read(Robustness.feed(agency: "Escapes", extra: extra), chunkSize: chunkSize)
            #expect(read.organizations.first?.phones == [Phone(number: "515-555-0002", kind: .fax)])
        }
    }

    @Test func cdataAndTextAndEntitiesMakeOneField() throws {
        let xml = Robustness.feed(
            agency: "A &amp; <![CDATA[B & <C> ]] ]]> D &#233;",
            service: "<![CDATA[Fish & Loaves]]>",
            extra: "<AgencyDescription><![CDATA[  first ]]><![CDATA[second  ]]></AgencyDescription>")
        for chunkSize in [1, 7, AIRSSAXParser.defaultChunkSize] {
            let read = try Robustness.read(xml, chunkSize: chunkSize)
            #expect(read.errors.isEmpty)
            // Names are single-line plain text (`FeedPlainText.singleLine`): the run of spaces collapses.
            #expect(read.organizations.first?.name == "A & B & <C> ]] D é", "chunk size \(chunkSize)")
            #expect(read.organizations.first?.description == "first second", "chunk size \(chunkSize)")
            #expect(read.services.map(\.name) == ["Fish & Loaves"], "chunk size \(chunkSize)")
        }
    }

    @Test func prefixedNamesAreReadByTheirLocalName() throws {
        let xml = """
            <?xml version="1.0"?>
            <airs:Source xmlns:airs="urn:airs" xmlns="urn:default">
              <airs:Agency><airs:Key>P-1</airs:Key><AIRS:NAME xmlns:AIRS="urn:other">Prefixed</AIRS:NAME>
                <Site><Key>P-1-S</Key><Name>Site</Name></Site>
              </airs:Agency>
            </airs:Source>
            """
        for chunkSize in [1, 7, AIRSSAXParser.defaultChunkSize] {
            let events = try EventRecorder.parse(xml, chunkSize: chunkSize)
            #expect(events.elements.map(\.local) == ["Source", "Agency", "Key", "NAME", "Site", "Key", "Name"])
            #expect(events.elements.map(\.lowered) == ["source", "agency", "key", "name", "site", "key", "name"])
            #expect(events.elements.map(\.line) == [2, 3, 3, 3, 4, 4, 4])
            let read = try Robustness.read(xml, chunkSize: chunkSize)
            #expect(read.organizations.map(\.name) == ["Prefixed"])
            #expect(read.locations.map(\.id) == ["s:P-1-S"])
            #expect(read.summary.problems.isEmpty)
        }
    }

    @Test func undeclaredPrefixIsAWarningInAnyChunkSize() throws {
        let xml = Robustness.feed(agency: "Loose", extra: "\n<x:Email>help@loose.example</x:Email>")
        for chunkSize in [1, 7, AIRSSAXParser.defaultChunkSize] {
            let read = try Robustness.read(xml, chunkSize: chunkSize)
            #expect(read.errors.isEmpty)
            #expect(read.summary.readToEnd)
            #expect(read.organizations.first?.email == "help@loose.example")
            #expect(read.summary.problems.map(\.line) == [4], "chunk size \(chunkSize)")
        }
    }

    /// libxml2 only warns about an XML 1.1 declaration and a relative namespace URI: the file is
    /// well-formed, so it is read to the end with one warning of each kind.
    @Test(arguments: [
        ("<?xml version=\"1.1\" encoding=\"UTF-8\"?>", "<Source>", 97),
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<Source xmlns=\"airs-export\">", 100),
    ])
    func libxml2WarningsAreWarningsAndTheFileIsRead(declaration: String, root: String, code: Int) throws {
        let xml = Robustness.feed(agency: "Warned").replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: declaration)
            .replacingOccurrences(of: "<Source>", with: root)
        for chunkSize in [7, AIRSSAXParser.defaultChunkSize] {
            let read = try Robustness.read(xml, chunkSize: chunkSize)
            #expect(read.errors.isEmpty)
            #expect(read.summary.readToEnd)
            #expect(read.organizations.map(\.name) == ["Warned"])
            #expect(read.services.count == 1)
            let warnings = read.summary.problems.filter { $0.severity == .warning }
            #expect(warnings.count == 1)
            #expect(warnings.first?.message.contains("libxml2 warning \(code)") == true, "\(warnings)")
        }
    }
}

@Suite("AIRS reader: stopping")
struct AIRSStoppingTests {
    /// `count` agencies of four lines each after two header lines, then one malformed line.
    private static func feedWithErrorAfter(_ count: Int) -> (xml: String, errorLine: Int) {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Source>\n"
        for index in 0..<count {
            xml += "<Agency><Key>G-\(index)</Key><Name>Agency \(index)</Name>\n"
            xml += "  <Site><Key>G-\(index)-S</Key><Name>Site \(index)</Name>\n"
            xml += "    <SiteService><Key>G-\(index)-A</Key><Name>Pantry \(index)</Name></SiteService>\n"
            xml += "</Site></Agency>\n"
        }
        xml += "<Agency><Key>BAD</Key><Name>Broken</Nmae></Agency>\n</Source>\n"
        return (xml, 2 + 4 * count + 1)
    }

    @Test func errorAfterManyRecordsHasItsLineAndColumn() throws {
        let (xml, line) = Self.feedWithErrorAfter(3_000)
        let (short, shortLine) = Self.feedWithErrorAfter(1)
        #expect(shortLine == 7)
        for chunkSize in [7, 4_096, AIRSSAXParser.defaultChunkSize] {
            let read = try Robustness.read(xml, chunkSize: chunkSize)
            #expect(read.organizations.count == 3_000)
            #expect(read.services.count == 3_000)
            #expect(!read.summary.readToEnd)
            let error = try #require(read.errors.first)
            #expect(read.errors.count == 1)
            #expect(error.line == line, "chunk size \(chunkSize)")
            // libxml2 reports the mismatched end tag once it has read it: after `</Nmae>`.
            #expect(error.column == 42, "chunk size \(chunkSize)")
            #expect(error.message.contains("a closing tag that does not match the open element (libxml2 error 76)"))

            let small = try Robustness.read(short, chunkSize: chunkSize)
            #expect(small.errors.map(\.line) == [shortLine])
            #expect(small.errors.map(\.column) == [42])
        }
    }

    /// Old Mac (CR only) and Windows (CR LF) line ends give the lines a Unix file gives: libxml2 counts
    /// LF only, so a CR-only file once put every problem on line 1. Chunk sizes that split a CR LF pair
    /// (1, 2, 7) read the same records as the whole file.
    @Test(arguments: ["\r", "\r\n"])
    func lineEndsOtherThanLFGiveTheSameLines(lineEnd: String) throws {
        let (xml, line) = Self.feedWithErrorAfter(40)
        let converted = xml.replacingOccurrences(of: "\n", with: lineEnd)
        let unix = try Robustness.read(xml)
        for chunkSize in [1, 2, 7, AIRSSAXParser.defaultChunkSize] {
            let read = try Robustness.read(converted, chunkSize: chunkSize)
            #expect(read.errors.map(\.line) == [line], "chunk size \(chunkSize)")
            #expect(read.errors.map(\.column) == unix.errors.map(\.column), "chunk size \(chunkSize)")
            #expect(read.records == unix.records, "chunk size \(chunkSize)")
        }
    }

    @Test func throwingEmitStopsTheReadAndIsRethrown() throws {
        struct Full: Error, Equatable { let after: Int }
        let (xml, _) = Self.feedWithErrorAfter(2_000)
        for chunkSize in [7, AIRSSAXParser.defaultChunkSize] {
            var emitted = 0
            var progressAfterThrow = 0
            try Robustness.withFile(Data(xml.utf8)) { path in
                let reader = AIRSReader(path: path, source: "s", mapping: Robustness.mapping, importedAt: Robustness.importedAt,
                                        chunkSize: chunkSize)
                #expect(throws: Full(after: 1_234)) {
                    _ = try reader.read(emit: { _ in
                        emitted += 1
                        if emitted == 1_234 { throw Full(after: emitted) }
                    }, progress: { _ in if emitted >= 1_234 { progressAfterThrow += 1 } })
                }
            }
            #expect(emitted == 1_234, "chunk size \(chunkSize)")
            #expect(progressAfterThrow == 0)
        }
    }

    @Test func undeclaredEntityStillStopsWithItsPosition() throws {
        let read = try Robustness.read(Robustness.feed(agency: "Smith &amp; Sons &nbsp; Co"))
        #expect(!read.summary.readToEnd)
        #expect(read.records.isEmpty)
        let error = try #require(read.errors.first)
        #expect(error.line == 3)
        #expect(error.column == 54)
        #expect(error.message.contains("an undeclared entity (escape '&' as '&amp;') (libxml2 error 26)"))
    }
}

@Suite("AIRS reader: entities a file declares")
struct AIRSEntityTests {
    private static let marker = "SECRET-\(UUID().uuidString)"

    /// A file outside the feed that an entity points at; its text must never reach the records.
    private static func withSecret<Result>(_ body: (_ secret: String, _ dtd: String) throws -> Result) throws -> Result {
        try Robustness.withFile(Data(marker.utf8), name: "secret-\(UUID().uuidString).txt") { secret in
            try Robustness.withFile(Data("<!ENTITY leak \"\(marker)\">".utf8), name: "secret-\(UUID().uuidString).dtd") { dtd in
                try body(secret, dtd)
            }
        }
    }

    private static func everything(_ read: Robustness.Read) -> String {
        "\(read.records) \(read.summary)"
    }

    @Test func declaredEntitiesAreDroppedNotExpandedOrFetched() throws {
        try Self.withSecret { secret, _ in
            let xml = """
                <?xml version="1.0"?>
                <!DOCTYPE Source [
                  <!ENTITY org "Internal Org">
                  <!ENTITY xxe SYSTEM "file://\(secret)">
                  <!ENTITY lol "lol">
                  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                ]>
                <Source>
                  <Agency><Key>E-1</Key><Name>A &org; B &xxe; C</Name>
                    <AgencyDescription>&lol3;&lol3;</AgencyDescription>
                    <Phone Type="x &xxe; &org; y"><PhoneNumber>515-555-0100</PhoneNumber></Phone>
                  </Agency>
                  <Agency><Key>E-2</Key><Name>Second</Name></Agency>
                </Source>
                """
            for chunkSize in [7, AIRSSAXParser.defaultChunkSize] {
                let read = try Robustness.read(xml, chunkSize: chunkSize)
                #expect(!Self.everything(read).contains(Self.marker))
                #expect(!Self.everything(read).contains("Internal Org"))
                // The dropped references leave spaces, which a single-line name collapses.
                #expect(read.organizations.map(\.name) == ["A B C", "Second"])
                #expect(read.organizations.first?.description == "")
                #expect(read.organizations.first?.phones == [Phone(number: "515-555-0100")])
                #expect(read.summary.readToEnd)
                #expect(read.summary.problems.isEmpty)
            }
        }
    }

    @Test func externalDTDIsNotLoaded() throws {
        try Self.withSecret { _, dtd in
            let xml = """
                <?xml version="1.0"?>
                <!DOCTYPE Source SYSTEM "file://\(dtd)">
                <Source>
                  <Agency><Key>E-1</Key><Name>Before</Name></Agency>
                  <Agency><Key>E-2</Key><Name>A &leak; B</Name></Agency>
                </Source>
                """
            let read = try Robustness.read(xml)
            #expect(!Self.everything(read).contains(Self.marker))
            // `leak` is declared only in the DTD, which is never read: an undeclared entity (a warning in
            // libxml2's terms when a DTD is referenced, but the text is incomplete, so reading stops).
            #expect(read.organizations.map(\.name) == ["Before"])
            #expect(!read.summary.readToEnd)
            #expect(read.errors.map(\.line) == [5])
            #expect(read.errors.first?.message.contains("libxml2 error 27") == true)
        }
    }

    @Test func externalParameterEntityIsNotLoaded() throws {
        try Self.withSecret { _, dtd in
            let xml = """
                <?xml version="1.0"?>
                <!DOCTYPE Source [
                  <!ENTITY % remote SYSTEM "file://\(dtd)">
                  %remote;
                ]>
                <Source><Agency><Key>E-1</Key><Name>A &leak; B</Name></Agency></Source>
                """
            let read = try Robustness.read(xml)
            #expect(!Self.everything(read).contains(Self.marker))
            #expect(read.records.isEmpty)
            #expect(!read.summary.readToEnd)
            #expect(read.errors.map(\.line) == [4])
        }
    }
}
