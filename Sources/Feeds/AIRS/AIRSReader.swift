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
//   service id; the link is "<source>:<site key>:<service key>". `Provenance.externalID` is the key.
// - `lastVerifiedAt`: the first `DateLastVerified` along service → site → agency, written as an element
//   (`<ResourceInfo><DateLastVerified>`, or directly under the record) or as an attribute of the record or
//   of its `<ResourceInfo>` (iCarol: `<ResourceInfo DateLastVerified="2016-04-14" …>`). Read by the shared
//   `FeedDateText`; an unreadable date is a warning and leaves it unknown. A last-action or last-update
//   date is not a verification and is never used.
// - One SiteService key under two Sites of the same agency is one service at two locations: the
//   service is emitted once (from its first site) and linked to each site. The same key twice under one
//   site, or under another agency, is a duplicate (see Problems).
// - `Provenance.inferred` names each facet read from the name or description rather than a field.
//
// Listing
// - A record the feed marks not to be listed is imported inactive (`active` false) — kept, so a
//   re-import finds it, never offered — with one `inactive_record` warning: `ExcludeFromDirectory="true"`,
//   `AvailableForDirectory="false"` (attribute of the record or its `<ResourceInfo>`, or an element),
//   `<Status>`/`Status=` inactive, deleted, defunct, closed…, or a `delete`/`deleted` attribute that is
//   true. An agency's mark makes its sites and services inactive; a site's, its services. A status this
//   reader does not know is a warning and the record stays listed.
//
// Text
// - Names and descriptions pass through the shared `FeedPlainText`: HTML, escaped or double-escaped
//   (`&amp;lt;b&amp;gt;`), becomes plain text with paragraph breaks; mojibake of UTF-8 read as
//   Windows-1252/CP-437 is repaired where unambiguous (a `text_encoding` warning says so); a literal
//   "\n" becomes a line break.
//
// Facets — one shared reader per fact (Sources/Feeds/Vocabulary), fields first, then the service's
// plain name and description (`FreeTextFacts`), which only fill what the fields leave unstated and
// are marked inferred.
// - Nothing is invented: a facet the feed does not state is left unknown (nil, or an empty list).
// - domains / intensity: `mapping.domains(for:)` / `mapping.intensity(for:)` of the `<Taxonomy><Code>`s.
//   A service no barrier covers still imports, with domains [] and no intensity; its codes are
//   counted in `unmappedTaxonomyCodes` and each code is warned about once. Target codes (Y…) name who
//   is served and are kept but not mapped.
// - ages (`StatedAges`): `<AgeRequirements>` min/max elements (`fromBounds`), else its text
//   (`fromAgeField`: "Ages 5-18", "18+", grades by the US convention: "6th - 8th grade" → 11–14,
//   "K-5" → 5–11, "grades 9-12" → 14–18), else an `<Eligibility>` sentence, else the description
//   (`fromFreeText`, inferred: "birth to 19", "youth ages 13 to 24"). An end not stated stays open.
//   Unreadable age elements → `unreadable_ages` warning.
// - languages (`StatedLanguages`): `<Languages>` of the service, else its site, else its agency →
//   ISO 639-1 ("Haitian Creole", "Kreyòl" → ht); names without a code are dropped with a
//   `dropped_language_name` warning. Interpretation ("Language line available", "Interpreters available
//   in 150 languages", `<InterpretationServices>`) sets interpreterAvailable; a plain "No" there is a stated
//   no. The description adds languages only when no field names any. No languages stated → [].
// - cost (`StatedCost`): `<FeeStructure>`/payment elements ("Sliding scale, $0.00 - $120.00", "no
//   charge", "Medicaid accepted"); coverage also from `<Eligibility>`; a sliding scale wins over a fee,
//   a fee over free. Fee text that states nothing → `unreadable_cost` warning, cost unknown.
// - enrollment (`StatedEnrollment`): intake methods, status and wait from `<ApplicationProcess>`; a status
//   only the description states is inferred; otherwise unknown.
// - hours: `<TimeOpen>` day elements (`<Monday>9:00am-5:00pm</Monday>`, or Open/Close children), else its
//   notes ("Mon-Fri 9:00am-5:00pm"); of the service, else its site. Unreadable text → warning, no hours.
// - service area: 5-digit ZIP codes in `<GeographicAreaServed>`/`<ServiceArea>`.
// - location: `<PhysicalAddress>` (none when `Confidential="true"`, and then no coordinates either; an
//   `address_withheld` warning), `<SpatialLocation>` latitude/longitude (precision `stated`), transit
//   access from `<BusServiceAccess>` (`StatedSetting.siteOnTransit`: "Routes 7 and 12" yes, "None" no,
//   absent unknown).
// - settings / transportation (`StatedSetting`, inferred): what the name/description says (telehealth,
//   home visits, school-based; rides or bus passes provided, or not); else a site on a bus line makes
//   the service transit accessible; otherwise unknown.
//
// Problems — every one carries its `ImportProblem.Kind`, so `--rejects` and the summary count by kind.
// - Malformed XML (including a truncated file or bytes invalid in the declared encoding): one
//   `malformed_file` error with line and column, reading stops and `readToEnd` is false. So does a file
//   that cannot be read on. The import then refuses the whole file (nothing written, with or without
//   --strict), even though agencies that closed before the error were already emitted.
// - A namespace prefix the file never declares is a warning: names are matched without prefix anyway.
// - What libxml2 itself only warns about (an XML 1.1 declaration, a relative namespace URI) is a
//   warning, once per kind, in libxml2's words; the file is read on.
// - A file without any `<Agency>` is an error too (`readToEnd` false), so a wrong file never withdraws
//   a whole source's records.
// - Agency without Key or Name → error, skipped with everything inside it. Site without Key → error,
//   skipped with its services. SiteService without Key or Name, or with a key already used (other than
//   under another site of the same agency) → error ("duplicate id"), skipped; the rest of the agency
//   still imports.

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
            log.stop(line: nil, column: nil, kind: .missingFile, "the file cannot be opened")
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
                        log.stop(line: nil, column: nil, kind: .missingFile, "the file cannot be opened")
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
