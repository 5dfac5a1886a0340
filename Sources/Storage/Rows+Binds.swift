// The write side of the row types: each lists its columns in table order and its values in the same
// order. `RowBindingTests` checks every list against the Codable keys, so the two cannot drift apart.

extension OrganizationRow: BindableRow {
    static let columns = [
        "id", "name", "description", "url", "email", "phones",
        "source", "external_id", "imported_at", "last_verified_at", "active",
    ]

    func appendValues(to values: inout [ColumnValue]) {
        values.append(.init(id)); values.append(.init(name)); values.append(.init(description)); values.append(.init(url))
        values.append(.init(email)); values.append(.init(phones))
        values.append(.init(source)); values.append(.init(external_id)); values.append(.init(imported_at))
        values.append(.init(last_verified_at)); values.append(.init(active))
    }
}

extension LocationRow: BindableRow {
    static let columns = [
        "id", "organization_id", "name", "address_1", "city", "region", "postal_code", "country",
        "lat", "lon", "transit_accessible",
        "source", "external_id", "imported_at", "last_verified_at", "active", "coordinates_precision",
    ]

    func appendValues(to values: inout [ColumnValue]) {
        values.append(.init(id)); values.append(.init(organization_id)); values.append(.init(name)); values.append(.init(address_1))
        values.append(.init(city)); values.append(.init(region)); values.append(.init(postal_code)); values.append(.init(country))
        values.append(.init(lat)); values.append(.init(lon)); values.append(.init(transit_accessible))
        values.append(.init(source)); values.append(.init(external_id)); values.append(.init(imported_at))
        values.append(.init(last_verified_at)); values.append(.init(active)); values.append(.init(coordinates_precision))
    }
}

extension ServiceRow: BindableRow {
    static let columns = [
        "id", "organization_id", "name", "description", "url", "email",
        "intensity", "age_min", "age_max", "transportation", "interpreter_available", "cost_kind",
        "enrollment_status", "waitlist_weeks", "capacity", "intake_methods",
        "hours", "service_area", "phones", "search_text",
        "domains", "settings", "languages", "insurance", "taxonomy_codes",
        "source", "external_id", "imported_at", "last_verified_at", "active", "inferred",
    ]

    func appendValues(to values: inout [ColumnValue]) {
        values.append(.init(id)); values.append(.init(organization_id)); values.append(.init(name)); values.append(.init(description))
        values.append(.init(url)); values.append(.init(email))
        values.append(.init(intensity)); values.append(.init(age_min)); values.append(.init(age_max)); values.append(.init(transportation))
        values.append(.init(interpreter_available)); values.append(.init(cost_kind))
        values.append(.init(enrollment_status)); values.append(.init(waitlist_weeks)); values.append(.init(capacity))
        values.append(.init(intake_methods))
        values.append(.init(hours)); values.append(.init(service_area)); values.append(.init(phones)); values.append(.init(search_text))
        values.append(.init(domains)); values.append(.init(settings)); values.append(.init(languages)); values.append(.init(insurance))
        values.append(.init(taxonomy_codes))
        values.append(.init(source)); values.append(.init(external_id)); values.append(.init(imported_at))
        values.append(.init(last_verified_at)); values.append(.init(active)); values.append(.init(inferred))
    }
}

extension ServiceAtLocationRow: BindableRow {
    static let columns = ["id", "service_id", "location_id"]

    func appendValues(to values: inout [ColumnValue]) {
        values.append(.init(id)); values.append(.init(service_id)); values.append(.init(location_id))
    }
}

extension BarrierRow: BindableRow {
    static let columns = ["id", "label", "description", "domains", "intensities", "taxonomy_prefixes"]

    func appendValues(to values: inout [ColumnValue]) {
        values.append(.init(id)); values.append(.init(label)); values.append(.init(description)); values.append(.init(domains))
        values.append(.init(intensities)); values.append(.init(taxonomy_prefixes))
    }
}

extension SchoolRow: BindableRow {
    static let columns = ["id", "name", "level", "grade_min", "grade_max", "address", "lat", "lon"]

    func appendValues(to values: inout [ColumnValue]) {
        values.append(.init(id)); values.append(.init(name)); values.append(.init(level)); values.append(.init(grade_min))
        values.append(.init(grade_max)); values.append(.init(address)); values.append(.init(lat)); values.append(.init(lon))
    }
}

/// One value of a multi-valued facet, as its table (`service_domains`, …) stores it; the value's
/// column is named after the facet, so writers pass the table's own column names.
struct FacetRow: BindableRow {
    static let columns = ["service_id", "value"]
    let serviceID: String
    let value: String

    func appendValues(to values: inout [ColumnValue]) {
        values.append(.init(serviceID)); values.append(.init(value))
    }
}
