import Directory
import Foundation

/// Writes a directory as an AIRS 3.0-style XML export (`Source` → `Agency` → `Site` → `SiteService`), the
/// shape 211 software exports and `AIRSReader` reads: a synthetic 211 feed for benchmarks and large-feed
/// tests, or a directory handed to AIRS-speaking software.
///
/// - Streamed: elements go through a fixed-size buffer into the file; the document is never held in
///   memory, only an index of which service goes under which site (`AIRSExportLayout`).
/// - Agency: Key, Name, AgencyDescription, Phone, URL, Email, ResourceInfo/DateLastVerified. Site: Key,
///   Name, PhysicalAddress, SpatialLocation, BusServiceAccess (when transit accessible), ResourceInfo.
///   SiteService: Key, Name, Description, Phone, URL, Email, TimeOpen (one element per day), Languages,
///   InterpretationServices, Taxonomy/Code, AgeRequirements, FeeStructure (cost and insurance),
///   ApplicationProcess (intake methods, closed or waitlisted), GeographicAreaServed/ZipCode, ResourceInfo.
/// - What AIRS has no element for is worded as 211 exports word it (`AIRSExportWording`), so the reader
///   derives the same facet again. Domains and intensity are not written: the reader derives them from the
///   taxonomy codes through the seed's mapping. Settings and transportation the reader derives from the
///   name and description, which are written as they are (this writer does not invent wording).
///   Not expressible at all: phone languages, capacity, service-area radius, the `active` flag.
/// - What a record leaves empty the reader inherits from the enclosing site or agency (phones, URL,
///   email, verification date), as AIRS intends.
/// - A facet the directory does not know is left out (no `<AgeRequirements>`, `<FeeStructure>`,
///   `<Languages>`…), never written as a default; a stated "no" (no interpreter, no bus) is written as one.
public struct AIRSExporter {
    /// What becomes each record's `<Key>`.
    public enum Keys: Sendable {
        /// The directory id ("county-hsds:svc-1"): always unique; a re-import under source S gives "S:<id>".
        case directoryIDs
        /// The record's id in its original feed (`Provenance.externalID`), as a 211 export of that one
        /// source would carry it: importing with the same source name gives the same ids back. The
        /// external ids must be unique per kind of record (they are within one source).
        case externalIDs
    }

    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var agencies = 0
        public var sites = 0
        public var services = 0
        /// Service-at-location links beyond the one site each service is written under.
        public var linksNotWritten = 0
        /// Locations and services without an organization in the directory, or with a repeated id.
        public var skipped = 0
        public var bytes: Int64 = 0

        /// Agencies, sites and site services: what `AIRSReader` counts as records read.
        public var records: Int { agencies + sites + services }
    }

    public let directory: DirectorySnapshot
    public var sourceID: String
    public var keys: Keys

    public init(directory: DirectorySnapshot, sourceID: String = "closeloop", keys: Keys = .directoryIDs) {
        self.directory = directory
        self.sourceID = sourceID
        self.keys = keys
    }

    /// Writes the export to `url`, replacing any file there.
    @discardableResult
    public func write(to url: URL) throws -> Summary {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        return try write(to: handle)
    }

    /// Writes the export at the handle's current position.
    @discardableResult
    public func write(to handle: FileHandle) throws -> Summary {
        let layout = AIRSExportLayout(directory)
        let xml = XMLStreamWriter(handle: handle)
        var summary = Summary(linksNotWritten: layout.linksNotWritten, skipped: layout.skipped)
        try xml.declaration()
        try xml.start("Source", attributes: ["SchemaVersion": "3.0", "SourceID": sourceID])
        for agency in layout.agencies {
            try writeAgency(agency, xml, &summary)
        }
        try xml.end()
        try xml.flush()
        summary.bytes = xml.bytesWritten
        return summary
    }

    private func key(_ id: String, _ provenance: Provenance) -> String {
        switch keys {
        case .directoryIDs: id
        case .externalIDs: provenance.externalID
        }
    }

    private func writeAgency(_ agency: AIRSExportLayout.Agency, _ xml: XMLStreamWriter, _ summary: inout Summary) throws {
        let organization = directory.organizations[agency.organization]
        try xml.start("Agency", attributes: ["Status": organization.active ? "Active" : "Inactive"])
        try xml.element("Key", key(organization.id, organization.provenance))
        try xml.element("Name", organization.name)
        if !organization.description.isEmpty { try xml.element("AgencyDescription", organization.description) }
        try writeContacts(phones: organization.phones, url: organization.url, email: organization.email, xml)
        summary.agencies += 1
        for site in agency.sites {
            try writeSite(site, organization: organization, xml, &summary)
        }
        try writeResourceInfo(organization.provenance, xml)
        try xml.end()
    }

    private func writeSite(
        _ site: AIRSExportLayout.Site, organization: Organization, _ xml: XMLStreamWriter, _ summary: inout Summary
    ) throws {
        try xml.start("Site")
        if let index = site.location {
            let location = directory.locations[index]
            try xml.element("Key", key(location.id, location.provenance))
            try xml.element("Name", location.name)
            if let address = location.address {
                try xml.start("PhysicalAddress")
                try xml.element("Line1", address.address1)
                try xml.element("City", address.city)
                try xml.element("State", address.region)
                try xml.element("ZipCode", address.postalCode)
                try xml.element("Country", address.country)
                try xml.end()
            }
            if let point = location.coordinates {
                try xml.start("SpatialLocation")
                try xml.element("Latitude", String(point.lat))
                try xml.element("Longitude", String(point.lon))
                try xml.end()
            }
            if let transit = location.transitAccessible {
                try xml.element("BusServiceAccess", transit ? AIRSExportWording.transit : AIRSExportWording.noTransit)
            }
            for service in site.services { try writeService(directory.services[service], xml) }
            try writeResourceInfo(location.provenance, xml)
        } else {
            try xml.element("Key", key(organization.id, organization.provenance) + "-site")
            try xml.element("Name", organization.name)
            for service in site.services { try writeService(directory.services[service], xml) }
        }
        try xml.end()
        summary.sites += 1
        summary.services += site.services.count
    }

    private func writeService(_ service: Service, _ xml: XMLStreamWriter) throws {
        try xml.start("SiteService")
        try xml.element("Key", key(service.id, service.provenance))
        try xml.element("Name", service.name)
        if !service.description.isEmpty { try xml.element("Description", service.description) }
        try writeContacts(phones: service.phones, url: service.url, email: service.email, xml)
        let days = AIRSExportWording.days(service.hours)
        if !days.isEmpty {
            try xml.start("TimeOpen")
            for day in days { try xml.element(day.element, day.text) }
            try xml.end()
        }
        if !service.languages.isEmpty {
            try xml.start("Languages")
            for language in service.languages { try xml.element("Name", AIRSExportWording.languageName(language)) }
            try xml.end()
        }
        if let interpreter = service.interpreterAvailable {
            try xml.element("InterpretationServices", interpreter ? AIRSExportWording.interpretation : AIRSExportWording.noInterpretation)
        }
        for code in service.taxonomyCodes { try xml.element("Taxonomy", child: "Code", code) }
        if service.ages.isStated {
            try xml.start("AgeRequirements")
            if let min = service.ages.min { try xml.element("MinimumAge", String(min)) }
            if let max = service.ages.max { try xml.element("MaximumAge", String(max)) }
            try xml.end()
        }
        if let fees = AIRSExportWording.fees(service.cost) { try xml.element("FeeStructure", fees) }
        if let process = AIRSExportWording.applicationProcess(service.enrollment) {
            try xml.element("ApplicationProcess", process)
        }
        if !service.serviceArea.postalCodes.isEmpty {
            try xml.start("GeographicAreaServed")
            for code in service.serviceArea.postalCodes { try xml.element("ZipCode", code) }
            try xml.end()
        }
        try writeResourceInfo(service.provenance, xml)
        try xml.end()
    }

    private func writeContacts(phones: [Phone], url: String?, email: String?, _ xml: XMLStreamWriter) throws {
        for phone in phones {
            try xml.start("Phone")
            try xml.element("PhoneNumber", phone.number)
            try xml.element("Type", AIRSExportWording.phoneType(phone.kind))
            try xml.end()
        }
        if let url, !url.isEmpty { try xml.element("URL", child: "Address", url) }
        if let email, !email.isEmpty { try xml.element("Email", child: "Address", email) }
    }

    private func writeResourceInfo(_ provenance: Provenance, _ xml: XMLStreamWriter) throws {
        guard let verified = provenance.lastVerifiedAt else { return }
        try xml.element("ResourceInfo", child: "DateLastVerified", AIRSExportWording.date(verified))
    }
}
