import Foundation

/// One element that closed inside a record, located relative to that record. Drafts read only these,
/// so they never see XML parser state.
struct AIRSField {
    /// Lower-cased local names from the record's child down to this element,
    /// e.g. `["physicaladdress", "zipcode"]` for `<Site><PhysicalAddress><ZipCode>`.
    let path: ArraySlice<String>
    /// The element's own text, trimmed (text of child elements is not included).
    let text: String
    /// The element's attributes as written (names keep their case).
    let attributes: [String: String]
    /// `AIRSVocabulary` roles of the first path element and of the element itself, looked up once.
    let firstRoles: AIRSVocabulary.Roles
    let nameRoles: AIRSVocabulary.Roles

    /// With the roles of the path's first and last names already looked up (`AIRSVocabulary.roles(of:)`;
    /// the reader keeps them per open element).
    init(path: ArraySlice<String>, text: String, attributes: [String: String],
         firstRoles: AIRSVocabulary.Roles, nameRoles: AIRSVocabulary.Roles) {
        self.path = path
        self.text = text
        self.attributes = attributes
        self.firstRoles = firstRoles
        self.nameRoles = nameRoles
    }

    /// The field with its first path element removed: how a container hands a field to its part.
    var insideContainer: AIRSField {
        let inner = path.dropFirst()
        let firstRoles = AIRSVocabulary.roles(of: inner.first)
        // The closing element is the same one, and so are its roles (unless nothing is left of the path).
        return AIRSField(path: inner, text: text, attributes: attributes,
                         firstRoles: firstRoles, nameRoles: inner.isEmpty ? firstRoles : nameRoles)
    }

    /// The closing element's name.
    var name: String { path.last ?? "" }

    var isDirectChild: Bool { path.count == 1 }

    /// An attribute by name, ignoring case ("Confidential", "confidential").
    func attribute(_ name: String) -> String? {
        attributes.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Whether the attribute says true ("true", "1", "yes").
    func flag(_ name: String) -> Bool {
        guard let value = attribute(name)?.lowercased() else { return false }
        return value == "true" || value == "1" || value == "yes"
    }
}
