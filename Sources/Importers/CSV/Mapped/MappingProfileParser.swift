import Foundation
import Yams

/// Builds a `MappingProfile` from YAML. Works on Yams' node tree rather than `Decodable`, so that
/// spreadsheet words stay text ("No", "Y" and "Sí" are not turned into booleans) and every mistake is
/// reported with the profile's file name and line.
struct MappingProfileParser {
    let fileName: String

    private static let topLevelKeys: Set<String> = ["name", "delimiter", "list_separator", "columns", "values", "defaults"]

    func parse(_ yaml: String) throws -> MappingProfile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ImportProblem(file: fileName, message: "not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else {
            throw problem(at: root, "a mapping profile is a YAML mapping with name, columns, values and defaults")
        }
        for (key, _) in mapping where !Self.topLevelKeys.contains(key.string ?? "") {
            throw problem(at: key, "unknown key '\(key.string ?? "")' (expected \(Self.topLevelKeys.sorted().joined(separator: ", ")))")
        }

        let columns = try fieldMap(mapping["columns"], section: "columns") { node, field in
            guard let header = node.scalar?.string, !header.isEmpty else {
                throw problem(at: node, "columns.\(field.rawValue) must be a column header")
            }
            return header
        }
        let values = try fieldMap(mapping["values"], section: "values") { node, field in
            try wordMap(node, field: field)
        }
        let defaults = try fieldMap(mapping["defaults"], section: "defaults") { node, field in
            guard let value = node.scalar?.string else { throw problem(at: node, "defaults.\(field.rawValue) must be a single value") }
            return value
        }

        let profile = MappingProfile(
            name: mapping["name"]?.scalar?.string ?? (fileName as NSString).deletingPathExtension,
            fileName: fileName,
            delimiter: try delimiter(mapping["delimiter"]),
            listSeparator: try listSeparator(mapping["list_separator"]),
            columns: columns, values: values, defaults: defaults)
        try checkRequiredFields(profile, root: root)
        try checkVocabulary(profile, mapping: mapping)
        return profile
    }

    /// A section keyed by field name; unknown field names are errors (a typo would otherwise be ignored).
    private func fieldMap<Value>(
        _ node: Node?, section: String, _ value: (Node, MappingProfile.Field) throws -> Value
    ) throws -> [MappingProfile.Field: Value] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else { throw problem(at: node, "\(section) must be a mapping of field: value") }
        var result: [MappingProfile.Field: Value] = [:]
        for (key, entry) in mapping {
            let name = key.string ?? ""
            guard let field = MappingProfile.Field(rawValue: name) else {
                throw problem(at: key, "unknown field '\(name)' in \(section) (known fields: \(MappingProfile.Field.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            result[field] = try value(entry, field)
        }
        return result
    }

    private func wordMap(_ node: Node, field: MappingProfile.Field) throws -> [String: String] {
        guard let mapping = node.mapping else {
            throw problem(at: node, "values.\(field.rawValue) must map the sheet's words to vocabulary values")
        }
        var words: [String: String] = [:]
        for (word, meaning) in mapping {
            guard let word = word.string, let meaning = meaning.scalar?.string else {
                throw problem(at: meaning, "values.\(field.rawValue): each entry is word: value")
            }
            words[word] = meaning
        }
        return words
    }

    private func delimiter(_ node: Node?) throws -> UInt8? {
        guard let node else { return nil }
        let text = node.scalar?.string ?? ""
        switch text.lowercased() {
        case "tab", "\\t", "\t": return UInt8(ascii: "\t")
        case "comma": return UInt8(ascii: ",")
        case "semicolon": return UInt8(ascii: ";")
        default:
            guard text.utf8.count == 1, let byte = text.utf8.first, byte != UInt8(ascii: "\""), byte >= 0x20 || byte == 0x09 else {
                throw problem(at: node, "delimiter must be one character (',', ';', '|') or 'tab', not '\(text)'")
            }
            return byte
        }
    }

    private func listSeparator(_ node: Node?) throws -> String {
        guard let node else { return ";" }
        guard let text = node.scalar?.string, !text.isEmpty else { throw problem(at: node, "list_separator must not be empty") }
        return text
    }

    private func checkRequiredFields(_ profile: MappingProfile, root: Node?) throws {
        if profile.columns[.serviceName] == nil {
            throw problem(at: root, "columns.service_name is required: every row is a service")
        }
        if profile.columns[.organizationName] == nil && profile.defaults[.organizationName] == nil {
            throw problem(at: root, "columns.organization_name (or defaults.organization_name for a one-agency sheet) is required")
        }
    }

    /// Every value the profile itself supplies must be valid vocabulary, so a typo in the profile is
    /// reported once, here, instead of as an error on every row.
    private func checkVocabulary(_ profile: MappingProfile, mapping: Node.Mapping) throws {
        for (field, words) in profile.values {
            for meaning in Set(words.values) where !meaning.isEmpty {
                if let message = MappedFieldValue.check(meaning, for: field, listSeparator: profile.listSeparator) {
                    throw problem(at: mapping["values"], "values.\(field.rawValue): \(message)")
                }
            }
        }
        for (field, value) in profile.defaults where !value.isEmpty {
            let translated = MappedFieldValue.translateList(value, for: field, in: profile)
            if let message = MappedFieldValue.check(translated, for: field, listSeparator: profile.listSeparator) {
                throw problem(at: mapping["defaults"], "defaults.\(field.rawValue): \(message)")
            }
        }
    }

    private func problem(at node: Node?, _ message: String) -> ImportProblem {
        ImportProblem(file: fileName, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }
}
