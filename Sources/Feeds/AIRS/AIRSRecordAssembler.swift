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
        let agencyListed = listed(agency.record, recordID: agencyKey, inside: agency.recordsInside)
        let organization = makeOrganization(agency.record, key: agencyKey, active: agencyListed)
        var records: [FeedRecord] = [.organization(organization)]
        // Services of this agency already emitted, by key: the same key under another of its sites is
        // the same service offered there too (AIRS repeats a `<SiteService>` under every site).
        var servicesHere: [String: String] = [:]
        for site in agency.sites {
            let siteKey: String
            do {
                // A site without a name is still a place services happen; it is named after its agency.
                siteKey = try Self.claim(site.record, in: &siteKeys, nameRequired: false)
            } catch {
                reject(site.record, error, skipping: site.services.count)
                continue
            }
            let siteListed = listed(site.record, recordID: siteKey, inside: site.services.count) && agencyListed
            let location = makeLocation(site, key: siteKey, agency: agency.record, organizationID: organization.id, active: siteListed)
            records.append(.location(location))
            var keysAtThisSite: Set<String> = []
            for service in site.services {
                let serviceKey: String
                let written = Self.trimmedKey(service.record)
                // Twice under one site is a duplicate, and is claimed (and refused) below.
                if let sameService = servicesHere[written], keysAtThisSite.insert(written).inserted {
                    records.append(.serviceAtLocation(ServiceAtLocation(
                        id: "\(source):\(siteKey):\(written)", serviceID: sameService, locationID: location.id)))
                    continue
                }
                do {
                    serviceKey = try Self.claim(service.record, in: &serviceKeys, nameRequired: true)
                } catch {
                    reject(service.record, error)
                    continue
                }
                let serviceListed = listed(service.record, recordID: serviceKey) && siteListed
                let built = makeService(
                    service, key: serviceKey, site: site, agency: agency.record, organizationID: organization.id,
                    siteIsTransitAccessible: location.transitAccessible == true, active: serviceListed)
                servicesHere[serviceKey] = built.id
                keysAtThisSite.insert(serviceKey)
                records.append(.service(built))
                records.append(.serviceAtLocation(ServiceAtLocation(
                    id: "\(source):\(siteKey):\(serviceKey)", serviceID: built.id, locationID: location.id)))
            }
        }
        return records
    }

    /// Whether the record is to be listed; one warning for a record the feed marks not to be listed
    /// (it is imported inactive, with what is inside it) and one for a status this reader does not know.
    private func listed(_ draft: AIRSRecordDraft, recordID: String, inside: Int = 0) -> Bool {
        if let status = draft.listing.unknownStatus {
            log.warning(line: draft.line, field: status.field, recordID: recordID, kind: .unreadableValue,
                        "<\(draft.kind.elementName)> has \(status.written), not a status this reader knows; imported as listed")
        }
        guard let withdrawal = draft.listing.withdrawal else { return true }
        let with = inside > 0 ? ", with the \(inside) site/service record(s) inside it" : ""
        log.warning(line: draft.line, field: withdrawal.field, recordID: recordID, kind: .inactiveRecord,
                    "<\(draft.kind.elementName)> is marked \(withdrawal.written): imported inactive\(with), so it is kept but never offered")
        return false
    }

    /// The directory id of a feed key: prefixed with the source so two feeds never collide.
    func directoryID(_ key: String) -> String { "\(source):\(key)" }

    /// The record's key, once it is known to be usable and unused. Static, so that `seen` (a property of
    /// the assembler) is the only thing borrowed: a method would hold a copy of `self`, and with it a
    /// second reference that makes every insert copy the whole set.
    private static func claim(
        _ draft: AIRSRecordDraft, in seen: inout Set<String>, nameRequired: Bool
    ) throws(AIRSRecordError) -> String {
        let key = trimmedKey(draft)
        guard !key.isEmpty else { throw .missingKey(draft.kind) }
        guard !nameRequired || !draft.name.isEmpty else { throw .missingName(draft.kind) }
        guard seen.insert(key).inserted else { throw .duplicateKey(draft.kind, key: key) }
        return key
    }

    /// Keys arrive trimmed (element text always is); Foundation's trimming is only needed when not.
    private static func trimmedKey(_ draft: AIRSRecordDraft) -> String {
        Self.hasPlainEnds(draft.key) ? draft.key : draft.key.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the text starts and ends with an ASCII character that is not whitespace, so trimming
    /// it would change nothing.
    private static func hasPlainEnds(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && !(byte >= 0x09 && byte <= 0x0D) }
        return plain(first) && plain(last)
    }

    private func reject(_ draft: AIRSRecordDraft, _ error: AIRSRecordError, skipping inside: Int = 0) {
        log.error(line: draft.line, field: error.field, recordID: draft.key.isEmpty ? nil : draft.key, kind: error.kind,
                  error.message(skipping: inside))
    }

    private func makeOrganization(_ draft: AIRSRecordDraft, key: String, active: Bool) -> Organization {
        Organization(
            id: directoryID(key), name: plainName(draft), description: plainDescription(draft, recordID: key),
            url: draft.urls.first, email: draft.emails.first, phones: draft.phones,
            provenance: provenance(key: key, chain: [draft]), active: active)
    }

    private func makeLocation(
        _ site: AIRSSiteDraft, key: String, agency: AIRSRecordDraft, organizationID: String, active: Bool
    ) -> Location {
        var name = plainName(site.record)
        if name.isEmpty {
            name = plainName(agency)
            log.warning(line: site.record.line, field: "Name", recordID: key, kind: .missingName,
                        "<Site> has no <Name>; named after its agency, '\(name)'")
        }
        let address = site.address.address
        if site.address.isConfidential {
            log.warning(line: site.record.line, field: "PhysicalAddress", recordID: key, kind: .addressWithheld,
                        "the address is marked confidential; the site is kept without its address or coordinates")
        }
        // A confidential address keeps its coordinates private too: they would show the same place.
        let coordinates = site.address.isConfidential ? nil : coordinates(site, recordID: key)
        let transit = site.transitTexts.compactMap(memo.transitStatement)
        return Location(
            id: directoryID(key), organizationID: organizationID, name: name, address: address,
            coordinates: coordinates, coordinatesPrecision: coordinates == nil ? nil : .stated,
            // A route named anywhere wins; a plain no is stated; nothing said leaves it unknown.
            transitAccessible: transit.contains(true) ? true : transit.first,
            provenance: provenance(key: key, chain: [site.record, agency]), active: active)
    }

    /// A record's name as plain text on one line (names carry entities and mojibake too).
    func plainName(_ draft: AIRSRecordDraft) -> String {
        FeedPlainText.singleLine(draft.name)
    }

    /// A record's description as plain text with paragraphs: 211 exports write HTML, escaped once or
    /// twice, and UTF-8 that went through Windows-1252 or CP-437 somewhere. A repair is worth a warning.
    func plainDescription(_ draft: AIRSRecordDraft, recordID: String) -> String {
        if draft.description.utf8.contains(where: { $0 >= 0x80 }), MojibakeRepair.needsRepair(draft.description) {
            log.warning(line: draft.line, field: "Description", recordID: recordID, kind: .textEncoding,
                        "the description holds UTF-8 read as Windows-1252 or CP-437 (\"â€™\", \"GÇÖ\"); repaired")
        }
        return FeedPlainText.isAlreadyPlain(draft.description) ? draft.description : memo.plainText(draft.description)
    }

    private func coordinates(_ site: AIRSSiteDraft, recordID: String) -> Coordinates? {
        guard let latitudeText = site.latitude, let longitudeText = site.longitude,
              !latitudeText.isEmpty || !longitudeText.isEmpty else { return nil }
        if let lat = Double(latitudeText), let lon = Double(longitudeText) {
            let point = Coordinates(lat: lat, lon: lon)
            // 0,0 is what geocoders write when they failed.
            if point.isValid && !(lat == 0 && lon == 0) { return point }
        }
        log.warning(line: site.record.line, field: "SpatialLocation", recordID: recordID, kind: .unreadableCoordinates,
                    "coordinates '\(latitudeText), \(longitudeText)' are not a valid point; dropped")
        return nil
    }

    /// Provenance with the first verification date along the chain (service → site → agency): AIRS
    /// records often carry `<ResourceInfo>` only at the agency. A last-update date (`DateOfLastAction`)
    /// is not a verification and never stands in for one.
    func provenance(key: String, chain: [AIRSRecordDraft], inferred: Set<InferredFact> = []) -> Provenance {
        Provenance(source: source, externalID: key, importedAt: importedAt, lastVerifiedAt: lastVerified(chain, recordID: key),
                   inferred: inferred.sorted())
    }

    private func lastVerified(_ chain: [AIRSRecordDraft], recordID: String) -> Date? {
        for draft in chain {
            guard let text = draft.verifiedDate else { continue }
            switch memo.date(text) {
            case .success(let date?): return date
            case .success(nil): continue
            case .failure(let error):
                log.warnOnce("date:\(draft.kind):\(draft.key)", line: draft.line, field: "DateLastVerified", recordID: draft.key,
                             kind: .unreadableDate, "\(error); last verification unknown")
                return nil
            }
        }
        return nil
    }
}
