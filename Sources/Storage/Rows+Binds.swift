// The write side of the row types: each lists its columns in table order and its values in the same
// order. `RowBindingTests` checks every list against the Codable keys, so the two cannot drift apart.

extension OrganizationRow: BindableRow {
    static let columns = [
        "id", "name", "description", "url", "email", "phones",
        "source", "external_id", "imported_at", "last_verified_at", "active",
    ]

    func appendValues(to values: inout [any Encodable & Sendable]) {
        values.append(id); values.append(name); values.append(description); values.append(url)
        values.append(email); values.append(phones)
        values.append(source); values.append(external_id); values.append(imported_at)
        values.append(last_verified_at); values.append(active)
    }
}

extension LocationRow: BindableRow {
    static let columns = [
        "id", "organization_id", "name", "address_1", "city", "region", "postal_code", "country",
        "lat", "lon", "transit_accessible",
        "source", "external_id", "imported_at", "last_verified_at", "active",
    ]

    func appendValues(to values: inout [any Encodable & Sendable]) {
        values.append(id); values.append(organization_id); values.append(name); values.append(address_1)
        values.append(city); values.append(region); values.append(postal_code); values.append(country)
        values.append(lat); values.append(lon); values.append(transit_accessible)
        values.append(source); values.append(external_id); values.append(imported_at)
        values.append(last_verified_at); values.append(active)
    }
}

extension ServiceRow: BindableRow {
    static let columns = [
        "id", "organization_id", "name", "description", "url", "email",
        "intensity", "age_min", "age_max", "transportation", "interpreter_available", "cost_kind",
        "enrollment_status", "waitlist_weeks", "capacity", "intake_methods",
        "hours", "service_area", "phones", "search_text",
        "domains", "settings", "languages", "insurance", "taxonomy_codes",
        "source", "external_id", "imported_at", "last_verified_at", "active",
    ]

    func appendValues(to values: inout [any Encodable & Sendable]) {
        values.append(id); values.append(organization_id); values.append(name); values.append(description)
        values.append(url); values.append(email)
        values.append(intensity); values.append(age_min); values.append(age_max); values.append(transportation)
        values.append(interpreter_available); values.append(cost_kind)
        values.append(enrollment_status); values.append(waitlist_weeks); values.append(capacity)
        values.append(intake_methods)
        values.append(hours); values.append(service_area); values.append(phones); values.append(search_text)
        values.append(domains); values.append(settings); values.append(languages); values.append(insurance)
        values.append(taxonomy_codes)
        values.append(source); values.append(external_id); values.append(imported_at)
        values.append(last_verified_at); values.append(active)
    }
}

extension ServiceAtLocationRow: BindableRow {
    static let columns = ["id", "service_id", "location_id"]

    func appendValues(to values: inout [any Encodable & Sendable]) {
        values.append(id); values.append(service_id); values.append(location_id)
    }
}

extension BarrierRow: BindableRow {
    static let columns = ["id", "label", "description", "domains", "intensities", "taxonomy_prefixes"]

    func appendValues(to values: inout [any Encodable & Sendable]) {
        values.append(id); values.append(label); values.append(description); values.append(domains)
        values.append(intensities); values.append(taxonomy_prefixes)
    }
}

extension SchoolRow: BindableRow {
    static let columns = ["id", "name", "level", "grade_min", "grade_max", "address", "lat", "lon"]

    func appendValues(to values: inout [any Encodable & Sendable]) {
        values.append(id); values.append(name); values.append(level); values.append(grade_min)
        values.append(grade_max); values.append(address); values.append(lat); values.append(lon)
    }
}

/// One value of a multi-valued facet, as its table (`service_domains`, …) stores it; the value's
/// column is named after the facet, so writers pass the table's own column names.
struct FacetRow: BindableRow {
    static let columns = ["service_id", "value"]
    let serviceID: String
    let value: String

    func appendValues(to values: inout [any Encodable & Sendable]) {
        values.append(serviceID); values.append(value)
    }
}
