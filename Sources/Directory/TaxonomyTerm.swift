import Foundation

/// A term of a taxonomy that a feed tags services with, as the feed described it.
///
/// Services carry only the code (`Service.taxonomyCodes`); the term says what the code means when
/// the feed said so: an HSDS `taxonomy_terms.csv` row gives a name, often a description and the
/// taxonomy; an AIRS XML `<Taxonomy><Code>` gives the code alone (the real BC 211 excerpt has no
/// name anywhere), its taxonomy being AIRS/211 by the format. Terms are kept per source: two feeds
/// may word the same code differently.
///
/// **What HSDS 3.1 shows when the feed gave no name or description** (`publishedName`,
/// `publishedDescription`; the one rule, used by the HSDS API and the CSV export):
/// HSDS 3.1 requires both on every taxonomy_term (schema `required: [id, name, description]`), and a
/// frictionless check of the CSV counts an empty cell as missing, so "" does not meet it. Nothing may
/// be invented, so the name falls back to the code itself (a term's code is its name in the
/// taxonomy), and the description to the name shown (it repeats what is known, adds nothing).
/// Reading a term back undoes the rule (`init(source:code:feedName:feedDescription:taxonomy:)`):
/// a name that only repeats the code, or a description that only repeats the name, states nothing.
/// A taxonomy (HSDS `taxonomy`, also name + description required) follows the same rule
/// (`publishedDescription(ofTaxonomy:)`).
public struct TaxonomyTerm: Codable, Sendable, Hashable {
    /// The feed (import source) that described the term.
    public var source: String
    /// The code as services carry it, e.g. "BD-1800.2000" or "OE:food pantry".
    public var code: String
    /// The name the feed gave, nil when it gave none.
    public var name: String?
    /// The description the feed gave, nil when it gave none.
    public var description: String?
    /// The taxonomy (vocabulary) the term belongs to as the feed named it ("AIRS/211",
    /// "Open Eligibility"), nil when not stated.
    public var taxonomy: String?

    public init(source: String, code: String, name: String? = nil, description: String? = nil, taxonomy: String? = nil) {
        self.source = source
        self.code = code
        self.name = name
        self.description = description
        self.taxonomy = taxonomy
    }

    /// A term as a feed's cells give it: blank cells, a name that only repeats the code and a
    /// description that only repeats the name state nothing (the last two are how
    /// `publishedName`/`publishedDescription` fill what a feed left out, so an export reads back
    /// as the directory it came from).
    public init(source: String, code: String, feedName: String, feedDescription: String, taxonomy: String) {
        func stated(_ text: String) -> String? {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        let name = stated(feedName).flatMap { $0.caseInsensitiveCompare(code) == .orderedSame ? nil : $0 }
        let description = stated(feedDescription).flatMap { $0 == (name ?? code) ? nil : $0 }
        self.init(source: source, code: code, name: name, description: description, taxonomy: stated(taxonomy))
    }

    /// The name HSDS 3.1 shows: the feed's, else the code.
    public var publishedName: String { name ?? code }

    /// The description HSDS 3.1 shows: the feed's, else the name shown.
    public var publishedDescription: String { description ?? publishedName }

    /// The description HSDS 3.1 shows for a taxonomy: feeds name taxonomies but never describe them,
    /// so it is the name again (see the type's comment).
    public static func publishedDescription(ofTaxonomy name: String) -> String { name }

    /// The taxonomy of AIRS XML `<Taxonomy><Code>`s: the format names it.
    public static let airsTaxonomy = "AIRS/211"
}
