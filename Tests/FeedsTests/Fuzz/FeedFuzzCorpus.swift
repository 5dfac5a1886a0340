import BenchSupport
import Foundation
@testable import Feeds

/// The files mutated: the readers' test fixtures, the shipped samples and, when present, the real feeds
/// in /work/shared/feeds, all read where they are.
enum FeedFuzzCorpus {
    struct Seed {
        var name: String
        var bytes: [UInt8]
    }

    struct MappedSeed {
        var sheet: Seed
        var profile: MappingProfile
        var fileExtension: String
    }

    struct PackageSeed {
        var name: String
        /// The package folder (or a .zip).
        var path: String
    }

    static var fixtures: URL { CSVFixtures.root }

    static func load(_ path: String, name: String? = nil) -> Seed? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Seed(name: name ?? (path as NSString).lastPathComponent, bytes: Array(data))
    }

    static let airs: [Seed] = {
        let folder = fixtures.appendingPathComponent("airs")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
        var seeds = names.compactMap { load(folder.appendingPathComponent($0).path) }
        if let shared = SharedFeeds.folder {
            for name in ["bc211-airs-excerpt/BC211_data_one_agency.xml", "bc211-airs-excerpt/BC211_data_excerpt.xml"] {
                if let seed = load(shared.appendingPathComponent(name).path) { seeds.append(seed) }
            }
        }
        return seeds
    }()

    /// Each shipped sample with its profile, the fixture sheets with theirs, and the Latin-1 guide read
    /// through the Spanish guide's profile.
    static let mapped: [MappedSeed] = {
        var seeds: [MappedSeed] = []
        func add(sheet: String, profile: String) {
            guard let seed = load(sheet), let profile = try? MappingProfile.load(path: profile) else { return }
            seeds.append(MappedSeed(sheet: seed, profile: profile, fileExtension: (sheet as NSString).pathExtension))
        }
        for name in ["211-flat-export", "coordinator-spreadsheet", "county-resource-guide-es"] {
            add(sheet: CSVFixtures.importers("samples/\(name).csv"), profile: CSVFixtures.importers("profiles/\(name).yaml"))
        }
        add(sheet: CSVFixtures.path("csv/youth-programs-addresses.csv"), profile: CSVFixtures.path("csv/youth-programs-addresses.yaml"))
        add(sheet: CSVFixtures.path("csv/guia-latin1.csv"), profile: CSVFixtures.importers("profiles/county-resource-guide-es.yaml"))
        // The fixture sheets of the profile features, with profiles using those features.
        for (sheet, yaml) in featureProfiles {
            guard let seed = load(CSVFixtures.path("csv/\(sheet)")),
                  let profile = try? MappingProfile(yaml: yaml, fileName: "\(sheet).yaml") else { continue }
            seeds.append(MappedSeed(sheet: seed, profile: profile, fileExtension: "csv"))
        }
        return seeds
    }()

    static let featureProfiles: [(sheet: String, yaml: String)] = [
        ("mapped-dates.csv", """
            columns: {organization_name: Agency, service_name: Program, last_verified: Checked on}
            date_formats: {last_verified: dd.MM.yyyy}
            """),
        ("mapped-separators.csv", """
            list_separator: ";"
            list_separators: {languages: ","}
            columns: {organization_name: Agency, service_name: Program, languages: Languages, taxonomy_codes: Codes}
            """),
        ("mapped-value-columns.csv", """
            columns: {organization_name: Agency, service_name: Program}
            value_columns:
              ages: {"Ages 0-5": "0-5", "Ages 6-12": "6-12", "Ages 13-17": "13-17", "Ages 18+": "18+"}
              languages: {Spanish: es, Vietnamese: vi, Somali: Somali}
            """),
        ("mapped-status.csv", """
            columns: {organization_name: Agency, service_name: Program, status: Status}
            values:
              status: {Deleted: inactive}
            inactive_when:
              Show in directory: [No, N]
            """),
        ("mapped-joined-columns.csv", """
            columns:
              organization_name: Agency
              service_name: Program
              address: [Address 1, Address 2]
              city: City
              postal_code: Zip
              phone: [Main phone, Crisis line, Fax]
              eligibility: Eligibility
              description: Description
            phone_kinds: {Crisis line: hotline, Fax: fax}
            """),
        ("mapped-unreadable-cells.csv", """
            columns:
              organization_name: Agency
              service_name: Program
              languages: Languages
              interpreter: Interpreter?
              lat: Latitude
              lon: Longitude
              ages: Ages
              setting: Where
              cost: Fees
              last_verified: Last verified
            """),
    ]

    /// Every CSV of the fixtures and samples, as material to splice into another file.
    static let csvDonors: [[UInt8]] = {
        let folder = fixtures.appendingPathComponent("csv")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return names.compactMap { load(folder.appendingPathComponent($0).path)?.bytes } + mapped.map(\.sheet.bytes)
    }()

    static let hsdsPackages: [PackageSeed] = {
        var packages: [PackageSeed] = []
        for name in ["hsds20/valid", "hsds30/valid", "hsds30/linked-problems", "hsds30/in-subfolder",
                     "hsds30/open-eligibility", "hsds30/wrong-organization", "hsds20/valid.zip"] {
            let path = fixtures.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) { packages.append(PackageSeed(name: name, path: path)) }
        }
        // Closeloop's own export, for the x_closeloop_* columns only it writes.
        let export = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-fuzz-export-\(UUID().uuidString)")
        if (try? HSDSExporter(directory: SyntheticDirectory.make(services: 40, source: "fuzz")).write(to: export)) != nil {
            packages.append(PackageSeed(name: "closeloop-export", path: export.path))
        }
        if let shared = SharedFeeds.folder {
            let path = shared.appendingPathComponent("hsds-sample-datapackage").path
            if FileManager.default.fileExists(atPath: path) { packages.append(PackageSeed(name: "shared/hsds-sample-datapackage", path: path)) }
        }
        return packages
    }()

    /// The files of a package folder, relative to it, in name order.
    static func files(in folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let next = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = (folder as NSString).appendingPathComponent(next)
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(next) }
        }
        return files.sorted()
    }
}
