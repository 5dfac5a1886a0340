import Foundation

/// Where the tables of an HSDS package are: a folder, or a `.zip` unpacked into a temporary folder.
/// Tables are found through `datapackage.json` and, failing that, by their conventional file names.
struct HSDSPackage {
    /// Folder holding `datapackage.json`.
    let folder: String
    /// Path of each table present.
    let tables: [HSDSTable: String]
    /// Folder to delete after reading, when the package was a zip.
    let temporaryFolder: String?

    /// Opens the package, recording problems in `log`; nil when nothing can be read.
    static func open(path: String, log: CSVImportLog) -> HSDSPackage? {
        let name = (path as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            log.stop(ImportProblem(file: name, message: "no such file or folder: \(path)", kind: .missingFile))
            return nil
        }
        var folder = path
        var temporaryFolder: String?
        if !isDirectory.boolValue {
            guard (path as NSString).pathExtension.lowercased() == "zip" else {
                log.stop(ImportProblem(
                    file: name, message: "an HSDS package is a folder or a .zip holding datapackage.json and CSV tables",
                    kind: .malformedFile))
                return nil
            }
            guard let unpacked = HSDSZipArchive.extract(path, log: log) else { return nil }
            temporaryFolder = unpacked
            folder = unpacked
        }
        // A folder (or zip) made of the package's own folder holds datapackage.json one level down.
        folder = packageRoot(in: folder)
        let tables = locateTables(in: folder, confinedTo: temporaryFolder, log: log)
        for table in HSDSTable.allCases where table.isRequired && tables[table] == nil {
            log.error(table.fileNames[0], kind: .missingFile,
                      "the package has no \(table.fileNames[0]) (looked for datapackage.json's '\(table.resourceNames[0])' resource, \(table.fileNames.joined(separator: ", ")) in \((folder as NSString).lastPathComponent) and its subfolders); an HSDS package needs organizations and services")
        }
        if HSDSTable.allCases.contains(where: { $0.isRequired && tables[$0] == nil }) {
            log.stop()
            if let temporaryFolder { try? FileManager.default.removeItem(atPath: temporaryFolder) }
            return nil
        }
        return HSDSPackage(folder: folder, tables: tables, temporaryFolder: temporaryFolder)
    }

    func removeTemporaryFiles() {
        if let temporaryFolder { try? FileManager.default.removeItem(atPath: temporaryFolder) }
    }

    /// Whether `folder` reads as a package the way `open` reads one: datapackage.json in it or one
    /// level down, or the required tables under their usual file names in it or its subfolders.
    static func looksLikePackage(_ folder: String) -> Bool {
        let root = packageRoot(in: folder)
        let manager = FileManager.default
        if manager.fileExists(atPath: (root as NSString).appendingPathComponent("datapackage.json")) { return true }
        let tableFolders = [root] + subfolders(of: root)
        return HSDSTable.allCases.filter(\.isRequired).allSatisfy { table in
            tableFolders.contains { tableFolder in
                table.fileNames.contains { manager.fileExists(atPath: (tableFolder as NSString).appendingPathComponent($0)) }
            }
        }
    }

    /// Zips are often made of the folder itself, so datapackage.json may sit one level down.
    private static func packageRoot(in folder: String) -> String {
        let manager = FileManager.default
        if manager.fileExists(atPath: (folder as NSString).appendingPathComponent("datapackage.json")) { return folder }
        let children = (try? manager.contentsOfDirectory(atPath: folder))?.filter { !$0.hasPrefix(".") && $0 != "__MACOSX" } ?? []
        for child in children.sorted() {
            let candidate = (folder as NSString).appendingPathComponent(child)
            if manager.fileExists(atPath: (candidate as NSString).appendingPathComponent("datapackage.json")) { return candidate }
        }
        return folder
    }

    /// Resource paths from datapackage.json first, conventional file names second: in the package's
    /// folder, then in its subfolders (exports often keep the tables in `data/` or `csv/`).
    ///
    /// A table must be a regular file: a link to a pipe or a device (`/dev/zero`) would be read for
    /// ever. In an unpacked zip it must also stay inside the package: a zip can hold a link to any file
    /// of the machine importing it.
    private static func locateTables(in folder: String, confinedTo unpacked: String?, log: CSVImportLog) -> [HSDSTable: String] {
        let resources = readResources(in: folder, confinedTo: unpacked, log: log)
        let manager = FileManager.default
        let tableFolders = [folder] + subfolders(of: folder)
        var tables: [HSDSTable: String] = [:]
        var taken: Set<String> = []
        for table in HSDSTable.allCases {
            let listed = table.resourceNames.compactMap { resources.byName[$0] }
                + table.fileNames.compactMap { resources.byFileName[$0] }
            let conventional = tableFolders.flatMap { tableFolder in
                table.fileNames.map { (tableFolder as NSString).appendingPathComponent($0) }
            }
            // One file serves one table: 1.1's taxonomy.csv must not also be read as 3.0's taxonomies.
            if let path = (listed + conventional).first(where: { manager.fileExists(atPath: $0) && !taken.contains($0) }) {
                taken.insert(path)
                if let refusal = refusal(of: path, confinedTo: unpacked) {
                    log.error((path as NSString).lastPathComponent, kind: .malformedFile, "\(refusal); it was not read")
                    continue
                }
                tables[table] = path
            }
        }
        return tables
    }

    /// Why a table's file cannot be read safely, or nil when it can.
    private static func refusal(of path: String, confinedTo unpacked: String?) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if let unpacked {
            let root = URL(fileURLWithPath: unpacked).resolvingSymlinksInPath().path
            guard resolved.hasPrefix(root + "/") else { return "the zip's \((path as NSString).lastPathComponent) is a link to a file outside the package" }
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType
        guard type == .typeRegular else { return "\((path as NSString).lastPathComponent) is not a regular file (a link to a pipe, a device or a folder)" }
        return nil
    }

    /// Folders inside the package, two levels deep, in name order ("data", "data/csv").
    private static func subfolders(of folder: String) -> [String] {
        let manager = FileManager.default
        func children(_ parent: String) -> [String] {
            let names = (try? manager.contentsOfDirectory(atPath: parent))?.filter { !$0.hasPrefix(".") && $0 != "__MACOSX" } ?? []
            return names.sorted().map { (parent as NSString).appendingPathComponent($0) }.filter { path in
                var isDirectory: ObjCBool = false
                return manager.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            }
        }
        let first = children(folder)
        return first + first.flatMap(children)
    }

    /// Where datapackage.json says each resource is: by resource name and by the file name of its
    /// path (a resource named "hsds_services" at "data/services.csv" is still the services table).
    struct Resources {
        var byName: [String: String] = [:]
        var byFileName: [String: String] = [:]
    }

    /// `resources[].name → path` from datapackage.json; missing or unreadable is a warning, not fatal,
    /// because the tables can still be found by name. A `path` may be a list (a table in parts): the
    /// first part is read.
    private static func readResources(in folder: String, confinedTo unpacked: String?, log: CSVImportLog) -> Resources {
        let descriptorPath = (folder as NSString).appendingPathComponent("datapackage.json")
        if FileManager.default.fileExists(atPath: descriptorPath), let refusal = refusal(of: descriptorPath, confinedTo: unpacked) {
            log.warning("datapackage.json", kind: .malformedFile, "\(refusal); tables were found by their usual file names")
            return Resources()
        }
        guard let data = FileManager.default.contents(atPath: descriptorPath) else {
            log.warning("datapackage.json", kind: .missingFile,
                        "the package has no datapackage.json; tables were found by their usual file names")
            return Resources()
        }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let resources = json["resources"] as? [[String: Any]] else {
            log.warning("datapackage.json", kind: .malformedFile,
                        "datapackage.json is not a data package descriptor (no \"resources\" list); tables were found by their usual file names")
            return Resources()
        }
        var found = Resources()
        for resource in resources {
            let listedPath = (resource["path"] as? String) ?? (resource["path"] as? [String])?.first
            guard var path = listedPath?.replacingOccurrences(of: "\\", with: "/"),
                  !path.hasPrefix("/"), !path.contains("://"), !path.contains("..") else { continue }
            while path.hasPrefix("./") { path.removeFirst(2) }
            let fullPath = (folder as NSString).appendingPathComponent(path)
            if let name = (resource["name"] as? String)?.lowercased() { found.byName[name] = fullPath }
            found.byFileName[(path as NSString).lastPathComponent.lowercased()] = fullPath
        }
        return found
    }
}
