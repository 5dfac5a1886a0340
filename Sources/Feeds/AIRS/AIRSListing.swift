/// What an AIRS record says about being listed in a directory. 211 software marks records it keeps
/// but does not publish — `ExcludeFromDirectory="true"`, `AvailableForDirectory="false"` (on the record or
/// its `<ResourceInfo>`, as attribute or element), an AIRS 3.1 `<Status>` such as "Inactive", a `delete`
/// attribute — and such a record is imported inactive: kept, so a re-import finds it, but never offered.
struct AIRSListing: Hashable {
    /// A flag as the feed wrote it: the attribute or element name, and the whole of it for messages
    /// ("ExcludeFromDirectory=\"true\"", "<Status>Inactive</Status>").
    struct Flag: Hashable {
        let field: String
        let written: String
    }

    /// How the feed said the record is not to be listed; nil while nothing says so.
    private(set) var withdrawal: Flag?
    /// A status value that is neither a listed nor an unlisted one; the record stays listed, with a warning.
    private(set) var unknownStatus: Flag?

    var isListed: Bool { withdrawal == nil }

    /// Reads the flags among a record's (or its `<ResourceInfo>`'s) attributes.
    mutating func read(attributes: [String: String]) {
        for (name, value) in attributes {
            read(name: name.lowercased(), value: value, flag: Flag(field: name, written: "\(name)=\"\(value)\""))
        }
    }

    /// Reads a flag written as an element (`<Status>Inactive</Status>`); false when the name is not one.
    @discardableResult
    mutating func read(element name: String, text: String) -> Bool {
        guard let spelled = Self.spellings[name] else { return false }
        read(name: name, value: text, flag: Flag(field: spelled, written: "<\(spelled)>\(text)</\(spelled)>"))
        return true
    }

    /// Lower-cased names of the elements and attributes read here.
    static var names: Set<String> { Set(spellings.keys) }

    /// Each lower-cased name as AIRS spells it, for messages.
    private static let spellings: [String: String] = [
        "excludefromdirectory": "ExcludeFromDirectory", "availablefordirectory": "AvailableForDirectory", "status": "Status",
        "recordstatus": "RecordStatus", "delete": "Delete", "deleted": "Deleted",
    ]

    private mutating func read(name: String, value: String, flag: Flag) {
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !value.isEmpty else { return }
        let withdraws: Bool
        switch name {
        case "excludefromdirectory", "delete", "deleted":
            withdraws = Self.yes.contains(value)
        case "availablefordirectory":
            withdraws = Self.no.contains(value)
        case "status", "recordstatus":
            if Self.unlistedStatuses.contains(value) {
                withdraws = true
            } else {
                if !Self.listedStatuses.contains(value) && unknownStatus == nil { unknownStatus = flag }
                withdraws = false
            }
        default:
            return
        }
        if withdraws && withdrawal == nil { withdrawal = flag }
    }

    private static let yes: Set<String> = ["true", "1", "yes", "y"]
    private static let no: Set<String> = ["false", "0", "no", "n"]
    private static let unlistedStatuses: Set<String> = [
        "inactive", "deleted", "delete", "defunct", "closed", "permanently closed", "out of business", "archived",
        "suspended", "discontinued", "removed", "not active", "no longer operating", "hidden", "unpublished",
    ]
    private static let listedStatuses: Set<String> = ["active", "current", "open", "approved", "published", "new", "updated"]
}
