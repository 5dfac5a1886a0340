import Directory
import Foundation
import OpenReferral
import TextFormats

/// Writes a directory as an Open Referral HSDS 3.1 tabular package: every table of the spec's
/// datapackage.json under the spec's file name and columns (`HSDSExportSchema.tables`), then
/// Closeloop's own tables (`HSDSExportSchema.closeloopTables`) and the export's datapackage.json.
///
/// The rows are the HSDS 3.1 records of `OpenReferral` (`HSDSDirectory`, the one mapping the
/// `/hsds/` API serves too), flattened: each record's scalar fields become its table's cells, each
/// nested list becomes rows of the child's table, a child's reference to its parent is filled from
/// the parent when the record leaves it out (a location listed under its organization), and a nested
/// object's id fills the `<name>_id` column (`service_capacity.unit_id`). Ids are UUIDs
/// (`HSDSIdentifier`): stable across re-imports of the same feed.
///
/// Taxonomy terms are the store's (`DirectoryStore.taxonomyTerms()`), named and described by the
/// one rule of `TaxonomyTerm` (publishedName / publishedDescription): every code a service carries
/// has its term row, so every attribute's `taxonomy_term_id` resolves.
///
/// What Closeloop knows beyond HSDS (its own ids and provenance, the facets HSDS has no field for,
/// exact ages, phones and codes) goes into the `x_closeloop_*` tables, row for row in the order of
/// the HSDS table they extend, which Closeloop's reader reads in step (`HSDSCloseloopExtensions`),
/// so export → import gives back the same directory. Extra columns in the HSDS tables would fail a
/// frictionless check against the spec's package (`extra-label`).
///
/// A website written without a scheme gets `http://` and a value the package's format refuses is
/// left out (`HSDSCellFormat`); an address lacking a part HSDS requires is left out of addresses.csv.
/// Closeloop's tables keep both exactly.
///
/// The tables are for machines, so values are written exactly, with no spreadsheet-safety quote.
public struct HSDSExporter {
    public let directory: DirectorySnapshot
    public let terms: [TaxonomyTerm]

    /// `terms`: what the store knows of the taxonomy codes; a code with no term here gets one with
    /// nothing but its code (and the services' source), as `taxonomyTerms()` would give it.
    public init(directory: DirectorySnapshot, terms: [TaxonomyTerm] = []) {
        self.directory = directory
        self.terms = terms
    }

    /// The tables, file name → CSV text.
    public func tables() -> [String: String] {
        var rows = HSDSFlatRows()
        let published = HSDSDirectory(snapshot: directory, terms: termNames())
        for organization in published.organizations { rows.add(organization, as: "organization") }
        for entry in published.services { rows.add(entry.record, as: "service") }
        for term in published.terms.all { rows.add(term, as: "taxonomy_term") }
        for taxonomy in published.terms.taxonomies { rows.add(taxonomy, as: "taxonomy") }
        var tables: [String: String] = [:]
        for table in HSDSExportSchema.tables {
            var writer = CSVWriter(columns: table.columns, for: .machine)
            for row in rows.rows(of: table.resource) { writer.append(row) }
            tables[table.file] = writer.text
        }
        for (file, text) in HSDSCloseloopTables(directory: directory).tables(inOrderOf: rows) { tables[file] = text }
        return tables
    }

    /// Writes datapackage.json and every table into `folder` (created if missing).
    public func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, text) in tables() {
            try Data(text.utf8).write(to: folder.appendingPathComponent(file))
        }
        try HSDSExportSchema.datapackage().write(to: folder.appendingPathComponent("datapackage.json"))
    }

    /// The store's terms, and a term of its code alone for every code a service carries that its
    /// source did not describe: each attribute's term (by the service's source and code) exists.
    private func termNames() -> HSDSTermNames {
        var all = terms
        var known = Set(terms.map { $0.source + "\u{1F}" + $0.code.uppercased() })
        for service in directory.services {
            for code in service.taxonomyCodes
            where known.insert(service.provenance.source + "\u{1F}" + code.uppercased()).inserted {
                all.append(TaxonomyTerm(source: service.provenance.source, code: code))
            }
        }
        return HSDSTermNames(all)
    }
}

/// HSDS records flattened into table rows (see `HSDSExporter`), each record once per table.
struct HSDSFlatRows {
    private var rowsByResource: [String: [[String: String]]] = [:]
    private var seen: [String: Set<String>] = [:]

    /// Nested lists and the table their records go to; a nested key not listed here is not a table
    /// of its own in this walk (a service's organization and its sites' locations are written from
    /// the organization; a term from the terms list).
    static let children: [String: KeyValuePairs<String, String>] = [
        "organization": ["phones": "phone", "locations": "location"],
        "location": ["addresses": "address"],
        "service": [
            "phones": "phone", "schedules": "schedule", "service_areas": "service_area",
            "service_at_locations": "service_at_location", "languages": "language", "cost_options": "cost_option",
            "capacities": "service_capacity", "attributes": "attribute",
        ],
        "phone": ["languages": "language"],
        "service_capacity": ["unit": "unit"],
    ]

    /// Records every export has in full (their required fields always known); other records missing
    /// a required field are left out of their HSDS table (see `HSDSExportSchema.required`).
    static let core: Set<String> = ["organization", "service", "location", "service_at_location", "taxonomy_term", "taxonomy"]

    /// The column of a child's table naming its parent, by parent table.
    static let parentColumn: [String: String] = [
        "organization": "organization_id", "location": "location_id", "service": "service_id", "phone": "phone_id",
    ]

    func rows(of resource: String) -> [[String: String]] { rowsByResource[resource] ?? [] }

    /// The ids of a table's rows, in order.
    func ids(of resource: String) -> [String] { rows(of: resource).compactMap { $0["id"] } }

    mutating func add(_ record: some Encodable, as resource: String) {
        guard let data = try? JSONEncoder().encode(record),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        add(object, as: resource, parent: nil)
    }

    private mutating func add(_ object: [String: Any], as resource: String, parent: (column: String, id: String)?) {
        guard let id = object["id"] as? String, seen[resource, default: []].insert(id).inserted else { return }
        var row: [String: String] = [:]
        for (key, value) in object {
            if let text = Self.cell(value) {
                row[key] = text
            } else if let nested = value as? [String: Any], let nestedID = nested["id"] as? String {
                row[key + "_id"] = row[key + "_id"] ?? nestedID
            }
        }
        if let parent, (row[parent.column] ?? "").isEmpty { row[parent.column] = parent.id }
        for (column, format) in HSDSExportSchema.formats[resource] ?? [:] {
            row[column] = row[column].flatMap(format.cell)
        }
        if !Self.core.contains(resource),
           (HSDSExportSchema.required[resource] ?? []).contains(where: { (row[$0] ?? "").isEmpty }) {
            return
        }
        rowsByResource[resource, default: []].append(row)

        let childColumn = Self.parentColumn[resource].map { (column: $0, id: id) }
        for (key, table) in Self.children[resource] ?? [:] {
            if let list = object[key] as? [[String: Any]] {
                for child in list { add(child, as: table, parent: childColumn) }
            } else if let single = object[key] as? [String: Any] {
                add(single, as: table, parent: nil)
            }
        }
    }

    /// A scalar as a cell: text as is, a number as written (HSDS records hold no booleans).
    private static func cell(_ value: Any) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}
