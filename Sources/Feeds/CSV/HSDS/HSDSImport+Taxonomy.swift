import Directory
import Foundation

/// Taxonomy terms and the links that tag services with them:
/// 1.1 `taxonomy` + `services_taxonomy.taxonomy_id`, 2.0 `taxonomy_terms.term` + `service_attributes.taxonomy_term_id`,
/// 3.0 `taxonomy_terms.code` + `attributes.link_id`/`taxonomy_term_id`.
/// A term's code comes from `TaxonomyMapping.code(forTerm:)`: an AIRS/211 code in `code`, `id` or
/// `name`, or an Open Eligibility term (by its name, or any term of a taxonomy called Open Eligibility)
/// as an "OE:" code.
extension HSDSImport {
    func loadTaxonomy() {
        // 3.0 names a term's taxonomy by id; 2.0/3.0 also by name (`taxonomy`), 1.1 as `vocabulary`.
        var taxonomyNames: [String: String] = [:]
        withTable(.taxonomies) { csv in
            let id = csv.column("id"), name = csv.column("name")
            while let row = csv.next() {
                if !row.isBlank(id) { taxonomyNames[row.value(id)] = row.value(name) }
            }
        }
        withTable(.taxonomyTerms) { csv in
            let id = csv.column("id"), code = csv.column("code"), name = csv.column("term", "name")
            let taxonomy = csv.column("taxonomy", "vocabulary"), taxonomyID = csv.column("taxonomy_id")
            let description = csv.column("description")
            while let row = csv.next() {
                guard !row.isBlank(id) else { continue }
                let termID = row.value(id)
                let taxonomyName = row.isBlank(taxonomy) ? taxonomyNames[row.value(taxonomyID)] ?? "" : row.value(taxonomy)
                if let termCode = mapping.code(forTerm: row.value(name), id: termID, code: row.value(code), taxonomy: taxonomyName) {
                    linked.termCodes[termID] = termCode
                    // Kept as the feed words it (`TaxonomyTerm`): the import stores names and descriptions.
                    log.describe(TaxonomyTerm(
                        source: source, code: termCode, feedName: FeedPlainText.plainText(row.value(name)),
                        feedDescription: FeedPlainText.plainText(row.value(description)), taxonomy: taxonomyName))
                } else {
                    termsWithoutCode[termID] = row.value(name)
                }
            }
        }
        withTable(.serviceTaxonomy) { csv in
            let serviceID = csv.column("service_id"), termID = csv.column("taxonomy_term_id", "taxonomy_id")
            while let row = csv.next() {
                guard !row.isBlank(serviceID), !row.isBlank(termID) else { continue }
                linked.serviceTermIDs[row.value(serviceID), default: []].append(row.value(termID))
            }
        }
        withTable(.attributes) { csv in
            let linkID = csv.column("link_id"), termID = csv.column("taxonomy_term_id"), entity = csv.column("link_entity")
            while let row = csv.next() {
                // Attributes also describe locations, organizations, phones…; only services carry taxonomy codes here.
                let linkEntity = row.value(entity).lowercased()
                guard !row.isBlank(linkID), !row.isBlank(termID), linkEntity.isEmpty || linkEntity == "service" else { continue }
                linked.serviceTermIDs[row.value(linkID), default: []].append(row.value(termID))
            }
        }
    }

    /// A service's taxonomy codes: its linked terms, then the deprecated 1.1 `taxonomy_ids` column
    /// (comma-separated term ids, codes or Open Eligibility terms). Terms without a code are warned
    /// about once each.
    func taxonomyCodes(serviceID: String, inlineIDs: String, file: String, line: Int) -> [String] {
        var termIDs = linked.serviceTermIDs[serviceID] ?? []
        termIDs += inlineIDs.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var codes: [String] = []
        for termID in termIDs {
            let code = linked.termCodes[termID] ?? (termsWithoutCode[termID] == nil ? mapping.code(forTerm: termID, id: termID) : nil)
            if let code {
                if !codes.contains(code) { codes.append(code) }
            } else if warnedTerms.insert(termID).inserted {
                let name = termsWithoutCode[termID].map { "'\($0)' (\(termID))" } ?? "'\(termID)'"
                log.warning(file, line: line, field: "taxonomy", recordID: serviceID, kind: .unmappedTaxonomy,
                            "taxonomy term \(name) has no AIRS/211 code and is no Open Eligibility term the barriers name, so it cannot be mapped to barriers")
            }
        }
        return codes
    }
}
