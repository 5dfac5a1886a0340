import Directory
import Foundation

/// Turns one closed `<Agency>` draft into directory records: the organization, then each site's
/// location followed by its services and the links joining them. Checks keys and names, and remembers
/// the keys already used in the file so a duplicate is reported instead of overwriting a record.
struct AIRSRecordAssembler {
    let source: String
    let mapping: TaxonomyMapping
    let importedAt: Date
    let log: AIRSImportLog
    /// Readings of repeated text (hours, languages, fees, taxonomy codes), worked out once per read.
    let memo: AIRSReadingMemo
    private var agencyKeys: Set<String> = []
    private var siteKeys: Set<String> = []
    private var serviceKeys: Set<String> = []

    init(source: String, mapping: TaxonomyMapping, importedAt: Date, log: AIRSImportLog) {
        self.source = source
        self.mapping = mapping
        self.importedAt = importedAt
        self.log = log
        memo = AIRSReadingMemo(mapping: mapping)
    }

    /// The agency's records in emission order; empty when the agency itself is skipped.
    mutating func records(for agency: AIRSAgencyDraft) -> [FeedRecord] {
        let agencyKey: String
        do {
            agencyKey = try Self.claim(agency.record, in: &agencyKeys, nameRequired: true)
        } catch {
            reject(agency.record, error, skipping: agency.recordsInside)
            return []
        }
        let organization = makeOrganization(agency.record, key: agencyKey)
        var records: [FeedRecord] = [.organization(organization)]
        for site in agency.sites {
            let siteKey: String
            do {
                // A site without a name is still a place services happen; it is named after its agency.
                siteKey = try Self.claim(site.record, in: &siteKeys, nameRequired: false)
            } catch {
                reject(site.record, error, skipping: site.services.count)
                continue
            }
            let location = makeLocation(site, key: siteKey, agency: agency.record, organizationID: organization.id)
            records.append(.location(location))
            for service in site.services {
                let serviceKey: String
                do {
                    serviceKey = try Self.claim(service.record, in: &serviceKeys, nameRequired: true)
                } catch {
                    reject(service.record, error)
                    continue
                }
                let built = makeService(
                    service, key: serviceKey, site: site, agency: agency.record, organizationID: organization.id,
                    siteIsTransitAccessible: location.transitAccessible == true)
                records.append(.service(built))
                records.append(.serviceAtLocation(ServiceAtLocation(
                    id: "\(source):\(siteKey):\(serviceKey)", serviceID: built.id, locationID: location.id)))
            }
        }
        return records
    }

    /// The directory id of a feed key: prefixed with the source so two feeds never collide.
    func directoryID(_ key: String) -> String { "\(source):\(key)" }

    /// The record's key, once it is known to be usable and unused. Static, so that `seen` (a property of
    /// the assembler) is the only thing borrowed: a method would hold a copy of `self`, and with it a
    /// second reference that makes every insert copy the whole set.
    private static func claim(
        _ draft: AIRSRecordDraft, in seen: inout Set<String>, nameRequired: Bool
    ) throws(AIRSRecordError) -> String {
        // Keys arrive trimmed (element text always is); Foundation's trimming is only needed when not.
        let key = Self.hasPlainEnds(draft.key) ? draft.key : draft.key.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw .missingKey(draft.kind) }
        guard !nameRequired || !draft.name.isEmpty else { throw .missingName(draft.kind) }
        guard seen.insert(key).inserted else { throw .duplicateKey(draft.kind, key: key) }
        return key
    }

    /// Whether the text starts and ends with an ASCII character that is not whitespace, so trimming
    /// it would change nothing.
    private static func hasPlainEnds(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && !(byte >= 0x09 && byte <= 0x0D) }
        return plain(first) && plain(last)
    }

    private func reject(_ draft: AIRSRecordDraft, _ error: AIRSRecordError, skipping inside: Int = 0) {
        log.error(line: draft.line, field: error.field, recordID: draft.key.isEmpty ? nil : draft.key,
                  error.message(skipping: inside))
    }

    private func makeOrganization(_ draft: AIRSRecordDraft, key: String) -> Organization {
        Organization(
            id: directoryID(key), name: draft.name, description: draft.description, url: draft.urls.first,
            email: draft.emails.first, phones: draft.phones, provenance: provenance(key: key, chain: [draft]))
    }

    private func makeLocation(_ site: AIRSSiteDraft, key: String, agency: AIRSRecordDraft, organizationID: String) -> Location {
        var name = site.record.name
        if name.isEmpty {
            name = agency.name
            log.warning(line: site.record.line, field: "Name", recordID: key, "<Site> has no <Name>; named after its agency, '\(name)'")
        }
        let address = site.address.address
        // A confidential address keeps its coordinates private too: they would show the same place.
        let coordinates = site.address.isConfidential ? nil : coordinates(site, recordID: key)
        let transit = site.transitTexts.compactMap(memo.transitStatement)
        return Location(
            id: directoryID(key), organizationID: organizationID, name: name, address: address,
            coordinates: coordinates, coordinatesPrecision: coordinates == nil ? nil : .stated,
            // A route named anywhere wins; a plain no is stated; nothing said leaves it unknown.
            transitAccessible: transit.contains(true) ? true : transit.first,
            provenance: provenance(key: key, chain: [site.record, agency]))
    }

    private func coordinates(_ site: AIRSSiteDraft, recordID: String) -> Coordinates? {
        guard let latitudeText = site.latitude, let longitudeText = site.longitude,
              !latitudeText.isEmpty || !longitudeText.isEmpty else { return nil }
        if let lat = Double(latitudeText), let lon = Double(longitudeText) {
            let point = Coordinates(lat: lat, lon: lon)
            // 0,0 is what geocoders write when they failed.
            if point.isValid && !(lat == 0 && lon == 0) { return point }
        }
        log.warning(line: site.record.line, field: "SpatialLocation", recordID: recordID,
                    "coordinates '\(latitudeText), \(longitudeText)' are not a valid point; dropped")
        return nil
    }

    /// Provenance with the first verification date along the chain (service → site → agency): AIRS
    /// records often carry `<ResourceInfo>` only at the agency. A last-update date stands in when no
    /// record says when it was verified.
    func provenance(key: String, chain: [AIRSRecordDraft]) -> Provenance {
        Provenance(source: source, externalID: key, importedAt: importedAt, lastVerifiedAt: lastVerified(chain, recordID: key))
    }

    private func lastVerified(_ chain: [AIRSRecordDraft], recordID: String) -> Date? {
        for draft in chain {
            guard let text = draft.verifiedDate ?? draft.updatedDate else { continue }
            if let date = FeedDate.parse(text) { return date }
            log.warnOnce("date:\(draft.kind):\(draft.key)", line: draft.line, field: "DateLastVerified", recordID: draft.key,
                         "'\(text)' is not a date (YYYY-MM-DD or MM/DD/YYYY); last verification unknown")
            return nil
        }
        return nil
    }
}
