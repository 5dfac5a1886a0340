import BenchSupport
import Directory
import Feeds
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The import fast paths of `closeloop-bench fastpaths`, each against the plain way on the texts a feed
/// really hands it: `FeedPlainText`'s shortcut for text that is already plain (against `rendered`),
/// `PhraseScreen` in `FreeTextFacts` (against cutting every description into words and running every
/// reader), and the HSDS memo of `application_process` statuses and `languages.code` codes (against
/// reading every row's value). The served work is reading that feed in process (`FeedReader.read`:
/// parse, plain text, vocabulary, records), with the fast paths; no store write.
struct ImportFastPathFeed {
    let name: String
    let reader: any FeedReader
    /// Names and descriptions as the feed holds them, before `FeedPlainText`.
    let names: [String]
    let descriptions: [String]
    /// The texts the import hands `FreeTextFacts`, as plain text: a site service's name and description
    /// (AIRS), a service's description (HSDS).
    let prose: [String]
    /// HSDS only: every services row's `application_process`, every non-blank `languages.code`.
    let processes: [String]
    let codes: [String]

    var isHSDS: Bool { reader is HSDSReader }

    /// One in-process read of the whole feed, in seconds.
    func readSeconds() throws -> Double {
        let start = BenchProcess.monotonicSeconds()
        var records = 0
        _ = try reader.read(emit: { _ in records += 1 }, progress: { _ in })
        blackHole(records)
        return BenchProcess.monotonicSeconds() - start
    }

    // MARK: The comparisons (hand: the fast path as the import runs it; plain: the way without it)

    func plainTextHand() {
        for name in names { blackHole(FeedPlainText.singleLine(name)) }
        for description in descriptions { blackHole(FeedPlainText.plainText(description)) }
    }

    func plainTextPlain() {
        for name in names { blackHole(FeedPlainText.rendered(name).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")) }
        for description in descriptions { blackHole(FeedPlainText.rendered(description)) }
    }

    /// Every screened fact of every prose text, as an import asks them when no field states them (the
    /// most an import asks: settings and transport are asked of every text, the others only when the
    /// fields are silent, so this is the largest saving the screen can make).
    func screenHand() {
        for text in prose {
            let facts = FreeTextFacts(text)
            blackHole(facts.settings)
            blackHole(facts.transportation)
            blackHole(facts.hours)
            blackHole(facts.cost)
            blackHole(facts.languages)
            blackHole(facts.enrollment)
        }
    }

    func screenPlain() {
        for text in prose {
            let tokens = VocabularyTokens(text)
            blackHole(StatedSetting.settings(in: tokens))
            blackHole(StatedSetting.transportation(in: tokens))
            blackHole(DescribedHours.weeklyHours(in: text))
            blackHole(StatedCost.fromFreeText(tokens))
            blackHole(StatedLanguages.fromFreeText(tokens))
            blackHole(StatedEnrollment.status(in: tokens))
        }
    }

    /// A fresh memo per read, as `HSDSImport` holds one per import.
    func memoHand() {
        var statuses = CSVValueMemo<StatedEnrollment?> { $0.isEmpty ? nil : StatedEnrollment.status(in: VocabularyTokens($0)) }
        var languages = CSVValueMemo(StatedLanguages.language)
        for process in processes { blackHole(statuses[process]) }
        for code in codes { blackHole(languages[code]) }
    }

    func memoPlain() {
        for process in processes { blackHole(process.isEmpty ? nil : StatedEnrollment.status(in: VocabularyTokens(process))) }
        for code in codes { blackHole(StatedLanguages.language(code)) }
    }

    // MARK: Feeds and their texts

    static func airs(name: String, path: String, mapping: TaxonomyMapping) throws -> ImportFastPathFeed {
        let texts = AIRSTexts()
        guard let parser = XMLParser(contentsOf: URL(fileURLWithPath: path)) else { throw BenchFailure("cannot open \(path)") }
        parser.delegate = texts
        parser.shouldProcessNamespaces = true  // "airs:Agency" reads as "Agency", as in the reader
        guard parser.parse() else { throw BenchFailure("cannot parse \(path): \(String(describing: parser.parserError))") }
        return ImportFastPathFeed(
            name: name, reader: AIRSReader(path: path, source: "bench", mapping: mapping, importedAt: Date()),
            names: texts.names, descriptions: texts.descriptions,
            prose: texts.services.map { FeedPlainText.singleLine($0.name) + "\n\n" + FeedPlainText.plainText($0.description) },
            processes: [], codes: [])
    }

    static func hsds(name: String, folder: String, mapping: TaxonomyMapping) throws -> ImportFastPathFeed {
        // Names of all three tables; descriptions of organizations and services (locations' are not read).
        var names: [String] = [], descriptions: [String] = []
        for table in ["organizations", "locations", "services"] { names += try column("name", of: table, in: folder) }
        for table in ["organizations", "services"] { descriptions += try column("description", of: table, in: folder) }
        return ImportFastPathFeed(
            name: name, reader: HSDSReader(path: folder, source: "bench", mapping: mapping, importedAt: Date()),
            names: names.filter { !$0.isEmpty }, descriptions: descriptions.filter { !$0.isEmpty },
            prose: try column("description", of: "services", in: folder).map(FeedPlainText.plainText),
            processes: try column("application_process", of: "services", in: folder),
            codes: try column("code", of: "languages", in: folder).filter { !$0.isEmpty })
    }

    /// Every row's cell of a column (none when the table or column is missing).
    private static func column(_ column: String, of table: String, in folder: String) throws -> [String] {
        let path = (folder as NSString).appendingPathComponent(table + ".csv")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let csv = try CSVTokenizer(path: path)
        guard let header = csv.next(), let index = header.fields.firstIndex(of: column) else { return [] }
        var cells: [String] = []
        while let row = csv.next() { cells.append(row.value(index)) }
        return cells
    }

    /// The text of a record's name and description elements (agency, site, site service), as the reader sees it.
    private final class AIRSTexts: NSObject, XMLParserDelegate {
        var names: [String] = [], descriptions: [String] = []
        /// Each site service's name and description, as written.
        var services: [(name: String, description: String)] = []
        private var service = (name: "", description: "")
        private static let records: Set<String> = [AIRSVocabulary.agency, AIRSVocabulary.site, AIRSVocabulary.siteService]
        /// The open elements, lower-cased, innermost last.
        private var elements: [String] = []
        private var current: String?

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let lower = element.lowercased()
            let inRecord = elements.last.map { Self.records.contains($0) } ?? false
            current = inRecord && (AIRSVocabulary.name.contains(lower) || AIRSVocabulary.description.contains(lower)) ? "" : nil
            elements.append(lower)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            current? += string
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            let lower = elements.removeLast()
            if let text = current, !text.isEmpty {
                let isName = AIRSVocabulary.name.contains(lower)
                if isName { names.append(text) } else { descriptions.append(text) }
                if elements.last == AIRSVocabulary.siteService {
                    if isName { service.name = text } else { service.description = text }
                }
            }
            if lower == AIRSVocabulary.siteService {
                services.append(service)
                service = (name: "", description: "")
            }
            current = nil
        }
    }
}

/// Keeps a value alive so the optimizer cannot drop the work that made it.
@_optimize(none)
func blackHole<T>(_ value: T) {}
