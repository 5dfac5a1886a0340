/// Why an AIRS record cannot be imported. Each becomes one `.error` problem and the record is skipped
/// (for an agency or site, with everything inside it); the rest of the feed still imports.
enum AIRSRecordError: Error, Equatable {
    /// No `<Key>`: without the feed's id a re-import could not find the record again.
    case missingKey(AIRSRecordKind)
    /// No `<Name>`: the directory cannot show a nameless organization or service.
    case missingName(AIRSRecordKind)
    /// A key already used by an earlier record of the same kind in this file.
    case duplicateKey(AIRSRecordKind, key: String)
    /// A `<Site>` outside any `<Agency>`, or a `<SiteService>` outside any `<Site>`.
    case outsideParent(AIRSRecordKind)

    /// The element at fault, for `ImportProblem.field`.
    var field: String {
        switch self {
        case .missingKey: "Key"
        case .missingName: "Name"
        case .duplicateKey: "Key"
        case .outsideParent(let kind): kind.elementName
        }
    }

    /// How the import's summary counts it.
    var kind: ImportProblem.Kind {
        switch self {
        case .missingKey: .missingID
        case .missingName: .missingName
        case .duplicateKey: .duplicateRecord
        case .outsideParent: .brokenReference
        }
    }

    func message(skipping inside: Int = 0) -> String {
        let skipped = inside > 0 ? "; skipped with the \(inside) site/service record(s) inside it" : "; skipped"
        switch self {
        case .missingKey(let kind): return "<\(kind.elementName)> has no <Key>" + skipped
        case .missingName(let kind): return "<\(kind.elementName)> has no <Name>" + skipped
        case .duplicateKey(let kind, let key): return "duplicate id: <\(kind.elementName)> key '\(key)' was already used in this file" + skipped
        case .outsideParent(.site): return "<Site> is not inside an <Agency>" + skipped
        case .outsideParent(let kind): return "<\(kind.elementName)> is not inside a <Site>" + skipped
        }
    }
}
