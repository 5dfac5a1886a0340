import Directory
import Foundation

/// The elements Agency, Site and SiteService share (key, name, description, phones, URL, email,
/// hours, languages, dates), as read so far. Kept as text until the record closes, because a record's
/// meaning depends on elements that may come in any order.
struct AIRSRecordDraft {
    let kind: AIRSRecordKind
    /// Line of the record's start tag, for problems.
    let line: Int
    var key = ""
    var name = ""
    var description = ""
    var phones: [Phone] = []
    var urls: [String] = []
    var emails: [String] = []
    var hours = AIRSHoursDraft()
    var languageTexts: [String] = []
    /// `<InterpretationServices>` and the like: any non-negative text means interpretation is offered.
    var interpretationTexts: [String] = []
    /// `DateLastVerified`, as an element or an attribute of the record or its `<ResourceInfo>`.
    var verifiedDate: String?
    /// Whether the feed lists the record or marks it not to be listed.
    var listing = AIRSListing()
    private var phone = AIRSPhoneDraft()

    init(kind: AIRSRecordKind, line: Int, attributes: [String: String]) {
        self.kind = kind
        self.line = line
        // Some exports carry the key as an attribute: `<Agency Key="A-1">`.
        key = attributes.first { $0.key.lowercased() == "key" }?.value.trimmingCharacters(in: .whitespaces) ?? ""
        takeRecordAttributes(attributes)
    }

    /// `<Agency ExcludeFromDirectory="true">`, `<SiteService Status="Inactive">`, and (iCarol's AIRS 3.0
    /// export) `<ResourceInfo AvailableForDirectory="true" DateLastVerified="2016-04-14" …>`.
    private mutating func takeRecordAttributes(_ attributes: [String: String]) {
        listing.read(attributes: attributes)
        for (name, value) in attributes where AIRSVocabulary.verifiedDate.contains(name.lowercased()) {
            let value = value.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { verifiedDate = value }
        }
    }

    /// Reads a shared field; false when the field is not one of them.
    mutating func take(_ field: AIRSField) -> Bool {
        var field = field
        // `<Phones><Phone>…` reads like `<Phone>…`.
        if field.firstRoles.contains(.wrapper), field.path.count > 1 {
            field = field.insideContainer
        }
        guard !field.path.isEmpty else { return false }
        let roles = field.firstRoles
        if field.isDirectChild && roles.contains(.resourceInfo) {
            // Its child elements were read as they closed; its attributes are read now.
            takeRecordAttributes(field.attributes)
        } else if roles.contains(.listing) || (field.path.count == 2 && roles.contains(.resourceInfo) && field.nameRoles.contains(.listing)) {
            if field.isDirectChild || field.path.count == 2 { listing.read(element: field.name, text: field.text) }
        } else if field.isDirectChild && roles.contains(.key) {
            if !field.text.isEmpty { key = field.text }
        } else if field.isDirectChild && roles.contains(.name) {
            name = field.text
        } else if field.isDirectChild && roles.contains(.description) {
            description = field.text
        } else if roles.contains(.phone) {
            takePhone(field)
        } else if roles.contains(.url) {
            if let address = Self.address(field) { urls.append(address) }
        } else if roles.contains(.email) {
            if let address = Self.address(field) { emails.append(address) }
        } else if roles.contains(.hours) {
            hours.take(field.insideContainer)
        } else if roles.contains(.languages) {
            if !field.text.isEmpty { languageTexts.append(field.text) }
        } else if roles.contains(.interpretation) {
            if !field.text.isEmpty { interpretationTexts.append(field.text) }
        } else if Self.isDate(field, .verifiedDate) {
            if !field.text.isEmpty { verifiedDate = field.text }
        } else if Self.isDate(field, .updatedDate) {
            // A last change is not a verification: read, and left out of `lastVerifiedAt`.
        } else {
            return false
        }
        return true
    }

    private mutating func takePhone(_ field: AIRSField) {
        if field.isDirectChild {
            // The phone element itself closed: its children are all read.
            phone.take(field.insideContainer)
            if let finished = phone.phone(attributes: field) { phones.append(finished) }
            phone = AIRSPhoneDraft()
        } else {
            phone.take(field.insideContainer)
        }
    }

    /// `<ResourceInfo><DateLastVerified>` (AIRS 3.0) or the date directly under the record.
    private static func isDate(_ field: AIRSField, _ role: AIRSVocabulary.Roles) -> Bool {
        guard field.nameRoles.contains(role) else { return false }
        return field.isDirectChild || (field.path.count == 2 && field.firstRoles.contains(.resourceInfo))
    }

    /// `<URL>https://…</URL>` or `<URL><Address>https://…</Address><Note/></URL>`: the address is
    /// taken when either closes.
    private static func address(_ field: AIRSField) -> String? {
        guard !field.text.isEmpty else { return nil }
        if field.isDirectChild { return field.text }
        return field.path.count == 2 && ["address", "url", "email"].contains(field.name) ? field.text : nil
    }
}
