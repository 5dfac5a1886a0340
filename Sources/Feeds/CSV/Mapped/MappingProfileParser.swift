import Directory
import Foundation
import Yams

/// Builds a `MappingProfile` from YAML. Works on Yams' node tree rather than `Decodable`, so that
/// spreadsheet words stay text ("No", "Y" and "Sí" are not turned into booleans) and every mistake is
/// reported with the profile's file name and line.
struct MappingProfileParser {
    let fileName: String

    private static let topLevelKeys: Set<String> = [
        "name", "delimiter", "list_separator", "list_separators", "columns", "value_columns", "marks", "phone_kinds",
        "inactive_when", "date_formats", "values", "defaults",
    ]

    /// Deeper than any profile needs by far; Yams builds its node tree recursively, so a file nested
    /// tens of thousands deep would overflow the stack and kill the import.
    static let deepestNesting = 64

    func parse(_ yaml: String) throws -> MappingProfile {
        if let line = Self.lineNestedTooDeeply(yaml) {
            throw ImportProblem(
                file: fileName, line: line,
                message: "nested more than \(Self.deepestNesting) levels deep (brackets, braces or indentation); a mapping profile needs a few",
                kind: .malformedFile)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ImportProblem(file: fileName, message: "not valid YAML: \(error)", kind: .malformedFile)
        }
        guard let mapping = root?.mapping else {
            throw problem(at: root, "a mapping profile is a YAML mapping with name, columns, values and defaults")
        }
        for (key, _) in mapping where !Self.topLevelKeys.contains(key.string ?? "") {
            throw problem(at: key, "unknown key '\(key.string ?? "")' (expected \(Self.topLevelKeys.sorted().joined(separator: ", ")))")
        }

        // One header, or a list of headers whose cells make the field together (address lines, phones).
        let headerLists = try fieldMap(mapping["columns"], section: "columns") { node, field in
            let headers = try textList(node)
            guard !headers.isEmpty, !headers.contains(where: \.isEmpty) else {
                throw problem(at: node, "columns.\(field.rawValue) must be a column header, or a list of headers")
            }
            return headers
        }
        let columns = headerLists.mapValues { $0[0] }
        let moreColumns = headerLists.filter { $0.value.count > 1 }.mapValues { Array($0.dropFirst()) }
        let valueColumns = try fieldMap(mapping["value_columns"], section: "value_columns") { node, field in
            guard field == .ages || MappedFieldValue.isList(field) else {
                throw problem(at: node, "value_columns.\(field.rawValue): only ages and list fields (languages, insurance, domains, setting, taxonomy_codes) take one column per value")
            }
            return try wordMap(node, field: field, section: "value_columns")
        }
        let listSeparators = try fieldMap(mapping["list_separators"], section: "list_separators") { node, field in
            guard MappedFieldValue.isList(field) else {
                throw problem(at: node, "list_separators.\(field.rawValue): \(field.rawValue) holds one value, not a list")
            }
            return try listSeparator(node)
        }
        let dateFormats = try fieldMap(mapping["date_formats"], section: "date_formats") { node, field in
            guard field == .lastVerified else { throw problem(at: node, "date_formats.\(field.rawValue): only last_verified is a date") }
            do {
                return try FeedDateFormat(node.scalar?.string ?? "").pattern
            } catch {
                throw problem(at: node, "date_formats.\(field.rawValue): \(error)")
            }
        }
        let values = try fieldMap(mapping["values"], section: "values") { node, field in
            try wordMap(node, field: field, section: "values")
        }
        let defaults = try fieldMap(mapping["defaults"], section: "defaults") { node, field in
            guard let value = node.scalar?.string else { throw problem(at: node, "defaults.\(field.rawValue) must be a single value") }
            return value
        }
        let marks = try mapping["marks"].map { node in
            let words = try textList(node)
            guard !words.isEmpty else { throw problem(at: node, "marks must list the words that mark a value column (X, Yes)") }
            return Set(words)
        } ?? MappingProfile.defaultMarks

        let profile = MappingProfile(
            name: mapping["name"]?.scalar?.string ?? (fileName as NSString).deletingPathExtension,
            fileName: fileName,
            delimiter: try delimiter(mapping["delimiter"]),
            listSeparator: try mapping["list_separator"].map(listSeparator) ?? ";",
            listSeparators: listSeparators, columns: columns, moreColumns: moreColumns, valueColumns: valueColumns,
            marks: marks, phoneKinds: try phoneKinds(mapping["phone_kinds"]), inactiveWhen: try inactiveWhen(mapping["inactive_when"]),
            dateFormats: dateFormats, values: values, defaults: defaults)
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

    private func wordMap(_ node: Node, field: MappingProfile.Field, section: String) throws -> [String: String] {
        guard let mapping = node.mapping else {
            throw problem(at: node, "\(section).\(field.rawValue) must map the sheet's words to vocabulary values")
        }
        var words: [String: String] = [:]
        for (word, meaning) in mapping {
            guard let word = word.string, let meaning = meaning.scalar?.string else {
                throw problem(at: meaning, "\(section).\(field.rawValue): each entry is word: value")
            }
            words[word] = meaning
        }
        return words
    }

    /// A scalar, or a sequence of scalars.
    private func textList(_ node: Node) throws -> [String] {
        if let text = node.scalar?.string { return [text] }
        guard let sequence = node.sequence else { throw problem(at: node, "expected a value or a list of values") }
        return try sequence.map { item in
            guard let text = item.scalar?.string else { throw problem(at: item, "expected a value, not a list or mapping") }
            return text
        }
    }

    /// `phone_kinds: {Crisis Line: hotline, Fax: fax}`: column header → kind of number.
    private func phoneKinds(_ node: Node?) throws -> [String: Phone.Kind] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else { throw problem(at: node, "phone_kinds must map phone column headers to kinds") }
        var kinds: [String: Phone.Kind] = [:]
        for (header, kindNode) in mapping {
            let word = kindNode.scalar?.string.lowercased() ?? ""
            guard let header = header.string, let kind = Phone.Kind(rawValue: word) else {
                throw problem(at: kindNode, "phone_kinds: '\(word)' is not a kind of phone (\(Phone.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            kinds[header] = kind
        }
        return kinds
    }

    /// `inactive_when: {"Show in directory": ["No", "N"], "Record status": Deleted}`.
    private func inactiveWhen(_ node: Node?) throws -> [String: Set<String>] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            throw problem(at: node, "inactive_when must map column headers to the words that mark a row inactive")
        }
        var filter: [String: Set<String>] = [:]
        for (header, words) in mapping {
            guard let header = header.string, !header.isEmpty else { throw problem(at: words, "inactive_when: each entry is column: words") }
            filter[header] = Set(try textList(words))
        }
        return filter
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

    private func listSeparator(_ node: Node) throws -> String {
        guard let text = node.scalar?.string, !text.isEmpty else { throw problem(at: node, "a list separator must not be empty") }
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
                if let message = MappedFieldValue.check(meaning, for: field, in: profile) {
                    throw problem(at: mapping["values"], "values.\(field.rawValue): \(message)")
                }
            }
        }
        for (field, columns) in profile.valueColumns {
            for meaning in Set(columns.values) where !meaning.isEmpty {
                if let message = MappedFieldValue.check(profile.translate(meaning, for: field), for: field, in: profile) {
                    throw problem(at: mapping["value_columns"], "value_columns.\(field.rawValue): \(message)")
                }
            }
        }
        for (field, value) in profile.defaults where !value.isEmpty {
            let translated = MappedFieldValue.translateList(value, for: field, in: profile)
            if let message = MappedFieldValue.check(translated, for: field, in: profile) {
                throw problem(at: mapping["defaults"], "defaults.\(field.rawValue): \(message)")
            }
        }
    }

    /// The first line where flow brackets or block indentation go deeper than `deepestNesting`: brackets
    /// are counted outside quotes and comments, indentation levels (steps of at least one space) on a
    /// stack, and a line indented more than four columns per level is too deep by itself.
    static func lineNestedTooDeeply(_ yaml: String) -> Int? {
        var depth = 0, line = 1
        var quote: UInt8? = nil, inComment = false, atLineStart = true, indent = 0
        var indents: [Int] = []
        for byte in yaml.utf8 {
            if byte == UInt8(ascii: "\n") {
                line += 1
                inComment = false
                // A quote still open is an apostrophe in plain text far more often than a quoted line break.
                quote = nil
                atLineStart = true
                indent = 0
                continue
            }
            if atLineStart {
                // "- - - x" nests a sequence per dash on one line: dashes count as indentation.
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                    indent += 1
                    if indent > 4 * deepestNesting { return line }
                    continue
                }
                atLineStart = false
                if byte != UInt8(ascii: "#") && depth == 0 {
                    while let last = indents.last, last >= indent { indents.removeLast() }
                    indents.append(indent)
                    if indents.count > deepestNesting { return line }
                }
            }
            if inComment { continue }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "#"): inComment = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > deepestNesting { return line }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private func problem(at node: Node?, _ message: String) -> ImportProblem {
        ImportProblem(file: fileName, line: node?.mark?.line, column: node?.mark?.column, message: message, kind: .malformedFile)
    }
}
