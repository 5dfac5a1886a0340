// How an AIRS 3.0/3.1 XML export (211 software: `Source` → `Agency` → `Site` → `SiteService`)
// becomes directory records.
//
// Reading
// - The file is streamed through libxml2's SAX2 push parser (`AIRSSAXParser`, in chunks of 256 KiB):
//   no document tree is built. Each
//   `<Agency>`'s records are emitted when the agency closes — `.organization`, then per `<Site>` a
//   `.location` followed by, per `<SiteService>`, a `.service` and the `.serviceAtLocation` joining
//   them — and then dropped. Child agencies (an `<Agency>` inside an `<Agency>`, as AIRS nests them)
//   close first and are emitted first.
// - Element names are matched without case or namespace prefix; AIRS 3.0 names and the 3.1/vendor
//   spellings in `AIRSVocabulary` are both read. An element directly under a record (or the root) that
//   the vocabulary does not know is ignored and counted: one warning per element name at the end.
// - The encoding is the one the XML declaration names (libxml2 honours `encoding="ISO-8859-1"`);
//   a UTF-8 BOM and CRLF line ends are fine.
// - Nothing outside the file is read: no external DTD or entity, no network. A reference to an entity
//   the file's own DOCTYPE declares is dropped (its text is not substituted, in text or attributes); an
//   undeclared one is malformed XML.
// - `ReadSummary.recordsRead` counts every Agency, Site and SiteService seen, imported or not.
//   Progress is reported at most every 1,000 of them, with the bytes the parser has pulled so far.
//
// Ids and provenance
// - Agency `<Key>` → organization id "<source>:<key>"; Site key → location id; SiteService key →
//   service id; the link is "<source>:<site key>:<service key>". `Provenance.externalID` is the key,
//   `lastVerifiedAt` the first `<ResourceInfo><DateLastVerified>` (else a last-update date) along
//   service → site → agency.
//
// Facets
// - Nothing is invented: a facet the feed does not state is left unknown (nil, or an empty list).
// - domains / intensity: `mapping.domains(for:)` / `mapping.intensity(for:)` of the `<Taxonomy><Code>`s.
//   A service no barrier covers still imports, with domains [] and no intensity; its codes are
//   counted in `unmappedTaxonomyCodes` and each code is warned about once. Target codes (Y…) name who
//   is served and are kept but not mapped.
// - ages: `<AgeRequirements>` min/max elements, else its sentence ("Ages 5-18", "18+", "teens"), else an
//   `<Eligibility>` sentence mentioning age; a min or max element alone leaves the other end unknown.
//   None → unknown. Unreadable text → warning, unknown.
// - languages: `<Languages>` names or lists of the service, else its site, else its agency → ISO 639-1;
//   "Chinese"/"Mandarin"/"Cantonese" → zh, "Burmese" → my, "Pashto" → ps; "Dari" (639-3 prs) is
//   dropped with a warning; ASL/sign language is not listed but sets interpreterAvailable.
//   "interpreter"/"translation services" wording → interpreterAvailable; `<InterpretationServices>` "No"
//   → false; nothing said → unknown. No languages stated → [] (not English).
// - cost (`<FeeStructure>`, payment elements): sliding scale > fee > "free"/"no fee" (the safe mistake);
//   insurance words there or in `<Eligibility>`: Medicaid, CHIP/Hawki, private insurance, uninsured.
//   Coverage alone, or nothing, leaves the cost kind unknown.
// - enrollment: intake methods from `<ApplicationProcess>` (walk-in, call/phone, online/URL, school
//   referral); closed / waitlist (weeks when a number of weeks or months is given) / open ("accepting
//   new clients") from that and the description; otherwise unknown.
// - hours: `<TimeOpen>` day elements (`<Monday>9:00am-5:00pm</Monday>`, or Open/Close children), else its
//   notes ("Mon-Fri 9:00am-5:00pm"); of the service, else its site. Unreadable text → warning, no hours.
// - service area: 5-digit ZIP codes in `<GeographicAreaServed>`/`<ServiceArea>`.
// - location: `<PhysicalAddress>` (none when `Confidential="true"`, and then no coordinates either),
//   `<SpatialLocation>` latitude/longitude (precision `stated`), transit access from `<BusServiceAccess>`
//   ("Routes 7 and 12" yes, "None" no, absent unknown).
// - settings: what the name/description says: online/telehealth/virtual (.virtual), home visit/in-home
//   (.homeVisit), school-based/at school (.schoolBased); none named → [] (unknown).
// - transportation: rides or fares named in the name/description → provided; a site on a bus line →
//   transit accessible; otherwise unknown.
//
// Problems
// - Malformed XML (including a truncated file or bytes invalid in the declared encoding): one `.error`
//   with line and column, reading stops and `readToEnd` is false. So does a file that cannot be read on. Agencies that closed before the error
//   were already emitted; the import pipeline decides whether to keep them.
// - A namespace prefix the file never declares is a warning: names are matched without prefix anyway.
// - What libxml2 itself only warns about (an XML 1.1 declaration, a relative namespace URI) is a
//   warning, once per kind, in libxml2's words; the file is read on.
// - A file without any `<Agency>` is an error too (`readToEnd` false), so a wrong file never withdraws
//   a whole source's records.
// - Agency without Key or Name → error, skipped with everything inside it. Site without Key → error,
//   skipped with its services. SiteService without Key or Name, or with a key already used → error
//   ("duplicate id"), skipped; the rest of the agency still imports.

import Directory
import Foundation

/// Reads an AIRS 3.0/3.1 XML export; see the mapping rules at the top of this file.
public struct AIRSReader: FeedReader {
    public let path: String
    public let source: String
    public let mapping: TaxonomyMapping
    public let importedAt: Date

    /// Bytes handed to the parser at a time; tests make it tiny to split text and characters.
    let chunkSize: Int

    public init(path: String, source: String, mapping: TaxonomyMapping, importedAt: Date) {
        self.init(path: path, source: source, mapping: mapping, importedAt: importedAt, chunkSize: AIRSSAXParser.defaultChunkSize)
    }

    init(path: String, source: String, mapping: TaxonomyMapping, importedAt: Date, chunkSize: Int) {
        self.path = path
        self.source = source
        self.mapping = mapping
        self.importedAt = importedAt
        self.chunkSize = chunkSize
    }

    public func read(emit: (FeedRecord) throws -> Void, progress: (ReadProgress) -> Void) throws -> ReadSummary {
        let log = AIRSImportLog(file: (path as NSString).lastPathComponent)
        guard let size = Self.fileSize(path) else {
            log.stop(line: nil, column: nil, "the file cannot be opened")
            return log.finish()
        }
        let assembler = AIRSRecordAssembler(source: source, mapping: mapping, importedAt: importedAt, log: log)
        // The handler holds the caller's closures only while the parser runs, and lets go before returning.
        let handler = try withoutActuallyEscaping(emit) { emit in
            try withoutActuallyEscaping(progress) { progress in
                let handler = AIRSDocumentHandler(log: log, assembler: assembler, totalBytes: size, emit: emit, progress: progress)
                let parser = AIRSSAXParser(handler: handler, chunkSize: chunkSize)
                do throws(AIRSSAXParser.ReadFailure) {
                    try parser.parse(path: path)
                } catch {
                    switch error {
                    case .cannotOpen:
                        log.stop(line: nil, column: nil, "the file cannot be opened")
                    case .readFailed(let code, let offset) where !handler.hasStopped:
                        log.stop(line: nil, column: nil,
                                 "the file could not be read after byte \(offset): \(String(cString: strerror(code))); reading stopped here")
                    case .readFailed:
                        break
                    }
                    handler.stopReading()
                }
                handler.finish(bytesRead: parser.bytesRead)
                if let failure = handler.emitFailure { throw failure }
                return handler
            }
        }
        if !handler.hasStopped && handler.agenciesSeen == 0 {
            log.stop(line: nil, column: nil, "no <Agency> element found: this does not look like an AIRS export")
        }
        return log.finish()
    }

    private static func fileSize(_ path: String) -> Int64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.type] as? FileAttributeType) != .typeDirectory else { return nil }
        return (attributes[.size] as? NSNumber)?.int64Value
    }
}
