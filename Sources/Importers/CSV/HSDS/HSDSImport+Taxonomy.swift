import Directory
import Foundation

/// Taxonomy terms and the links that tag services with them:
/// 1.1 `taxonomy` + `services_taxonomy.taxonomy_id`, 2.0 `taxonomy_terms.term` + `service_attributes.taxonomy_term_id`,
/// 3.0 `taxonomy_terms.code` + `attributes.link_id`/`taxonomy_term_id`.
extension HSDSImport {
    func loadTaxonomy() {
        withTable(.taxonomyTerms) { csv in
            let id = csv.column("id"), code = csv.column("code"), name = csv.column("term", "name")
            while let row = csv.next() {
                guard !row.isBlank(id) else { continue }
                let termID = row.value(id)
                if let termCode = Self.termCode(code: row.value(code), id: termID, name: row.value(name)) {
                    linked.termCodes[termID] = termCode
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

    /// The code a term contributes: 3.0's `code`; otherwise the id or the name when it has the shape of
    /// an AIRS code (211 exports often use the code as the id). A term with neither (e.g. "Food Pantry"
    /// with a UUID) cannot be mapped to barriers and contributes nothing.
    static func termCode(code: String, id: String, name: String) -> String? {
        if !code.isEmpty { return code }
        if FeedText.looksLikeTaxonomyCode(id) { return id }
        if FeedText.looksLikeTaxonomyCode(name) { return name }
        return nil
    }

    /// A service's taxonomy codes: its linked terms, then the deprecated 1.1 `taxonomy_ids` column
    /// (comma-separated term ids or codes). Terms without a code are warned about once each.
    func taxonomyCodes(serviceID: String, inlineIDs: String, file: String, line: Int) -> [String] {
        var termIDs = linked.serviceTermIDs[serviceID] ?? []
        termIDs += inlineIDs.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var codes: [String] = []
        for termID in termIDs {
            let code = linked.termCodes[termID] ?? (FeedText.looksLikeTaxonomyCode(termID) ? termID : nil)
            if let code {
                if !codes.contains(code) { codes.append(code) }
            } else if warnedTerms.insert(termID).inserted {
                let name = termsWithoutCode[termID].map { "'\($0)' (\(termID))" } ?? "'\(termID)'"
                log.warning(file, line: line, field: "taxonomy", recordID: serviceID,
                            "taxonomy term \(name) has no AIRS/211 code, so it cannot be mapped to barriers")
            }
        }
        return codes
    }
}
