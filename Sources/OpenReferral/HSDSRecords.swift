/// HSDS 3.1 records as the spec's JSON schemas name them (`schema/*.json` in the shared spec),
/// with its snake_case keys. Every optional is a fact that may be unknown: nil leaves the key out
/// (the schemas type these fields as plain strings and numbers, so `null` would not validate), and
/// a list that is nil is one this form of the record does not carry (list pages carry only
/// one-to-one fields). Ids are UUID strings from `HSDSIdentifier`.

/// `service.json`.
public struct HSDSService: Codable, Sendable, Hashable {
    public var id: String
    public var organizationID: String?
    public var name: String
    public var description: String?
    public var url: String?
    public var email: String?
    /// "active" or "inactive" (a record its feed no longer carries).
    public var status: String
    public var interpretationServices: String?
    public var applicationProcess: String?
    public var waitTime: String?
    public var minimumAge: Int?
    public var maximumAge: Int?
    /// ISO 8601: when the partner last confirmed it, or else when it was imported.
    public var lastModified: String?
    public var phones: [HSDSPhone]?
    public var schedules: [HSDSSchedule]?
    public var serviceAreas: [HSDSServiceArea]?
    public var serviceAtLocations: [HSDSServiceAtLocation]?
    public var languages: [HSDSLanguage]?
    public var organization: HSDSOrganization?
    public var costOptions: [HSDSCostOption]?
    public var capacities: [HSDSServiceCapacity]?
    public var attributes: [HSDSAttribute]?

    enum CodingKeys: String, CodingKey {
        case id, name, description, url, email, status, phones, schedules, languages, organization, capacities, attributes
        case organizationID = "organization_id"
        case interpretationServices = "interpretation_services"
        case applicationProcess = "application_process"
        case waitTime = "wait_time"
        case minimumAge = "minimum_age"
        case maximumAge = "maximum_age"
        case lastModified = "last_modified"
        case serviceAreas = "service_areas"
        case serviceAtLocations = "service_at_locations"
        case costOptions = "cost_options"
    }

    /// The one-to-one fields only: what a list page carries (`compiled/service_list.json`).
    public var listForm: HSDSService {
        var copy = self
        copy.phones = nil
        copy.schedules = nil
        copy.serviceAreas = nil
        copy.serviceAtLocations = nil
        copy.languages = nil
        copy.organization = nil
        copy.costOptions = nil
        copy.capacities = nil
        copy.attributes = nil
        return copy
    }

    /// `minimal=true`: the id and when it changed, with the two fields the schema requires.
    public var minimalForm: HSDSService {
        HSDSService(id: id, name: name, status: status, lastModified: lastModified)
    }

    public init(
        id: String, organizationID: String? = nil, name: String, description: String? = nil, url: String? = nil,
        email: String? = nil, status: String, interpretationServices: String? = nil, applicationProcess: String? = nil,
        waitTime: String? = nil, minimumAge: Int? = nil, maximumAge: Int? = nil, lastModified: String? = nil,
        phones: [HSDSPhone]? = nil, schedules: [HSDSSchedule]? = nil, serviceAreas: [HSDSServiceArea]? = nil,
        serviceAtLocations: [HSDSServiceAtLocation]? = nil, languages: [HSDSLanguage]? = nil,
        organization: HSDSOrganization? = nil, costOptions: [HSDSCostOption]? = nil,
        capacities: [HSDSServiceCapacity]? = nil, attributes: [HSDSAttribute]? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.description = description
        self.url = url
        self.email = email
        self.status = status
        self.interpretationServices = interpretationServices
        self.applicationProcess = applicationProcess
        self.waitTime = waitTime
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.lastModified = lastModified
        self.phones = phones
        self.schedules = schedules
        self.serviceAreas = serviceAreas
        self.serviceAtLocations = serviceAtLocations
        self.languages = languages
        self.organization = organization
        self.costOptions = costOptions
        self.capacities = capacities
        self.attributes = attributes
    }
}

/// `organization.json`; `services` is the API's nesting (`examples/organization_full.json`).
public struct HSDSOrganization: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    /// Required by the schema: our empty description is written as "" (the feed stated none).
    public var description: String
    public var email: String?
    public var website: String?
    public var phones: [HSDSPhone]?
    public var locations: [HSDSLocation]?
    public var services: [HSDSService]?

    enum CodingKeys: String, CodingKey { case id, name, description, email, website, phones, locations, services }

    /// The one-to-one fields only (`compiled/organization_list.json`).
    public var listForm: HSDSOrganization {
        HSDSOrganization(id: id, name: name, description: description, email: email, website: website)
    }

    public init(
        id: String, name: String, description: String, email: String? = nil, website: String? = nil,
        phones: [HSDSPhone]? = nil, locations: [HSDSLocation]? = nil, services: [HSDSService]? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.email = email
        self.website = website
        self.phones = phones
        self.locations = locations
        self.services = services
    }
}

/// `location.json`.
public struct HSDSLocation: Codable, Sendable, Hashable {
    public var id: String
    /// "physical": every location we keep is a site families go to.
    public var locationType: String
    public var organizationID: String?
    public var name: String?
    public var transportation: String?
    public var latitude: Double?
    public var longitude: Double?
    public var addresses: [HSDSAddress]?

    enum CodingKeys: String, CodingKey {
        case id, name, transportation, latitude, longitude, addresses
        case locationType = "location_type"
        case organizationID = "organization_id"
    }

    public init(
        id: String, locationType: String = "physical", organizationID: String? = nil, name: String? = nil,
        transportation: String? = nil, latitude: Double? = nil, longitude: Double? = nil, addresses: [HSDSAddress]? = nil
    ) {
        self.id = id
        self.locationType = locationType
        self.organizationID = organizationID
        self.name = name
        self.transportation = transportation
        self.latitude = latitude
        self.longitude = longitude
        self.addresses = addresses
    }
}

/// `address.json`.
public struct HSDSAddress: Codable, Sendable, Hashable {
    public var id: String
    public var locationID: String?
    public var address1: String
    public var city: String
    public var stateProvince: String
    public var postalCode: String
    public var country: String
    public var addressType: String

    enum CodingKeys: String, CodingKey {
        case id, city, country
        case locationID = "location_id"
        case address1 = "address_1"
        case stateProvince = "state_province"
        case postalCode = "postal_code"
        case addressType = "address_type"
    }

    public init(
        id: String, locationID: String?, address1: String, city: String, stateProvince: String, postalCode: String,
        country: String, addressType: String = "physical"
    ) {
        self.id = id
        self.locationID = locationID
        self.address1 = address1
        self.city = city
        self.stateProvince = stateProvince
        self.postalCode = postalCode
        self.country = country
        self.addressType = addressType
    }
}

/// `phone.json`.
public struct HSDSPhone: Codable, Sendable, Hashable {
    public var id: String
    public var organizationID: String?
    public var serviceID: String?
    public var number: String
    public var type: String?
    public var description: String?
    public var languages: [HSDSLanguage]?

    enum CodingKeys: String, CodingKey {
        case id, number, type, description, languages
        case organizationID = "organization_id"
        case serviceID = "service_id"
    }

    public init(
        id: String, organizationID: String? = nil, serviceID: String? = nil, number: String, type: String? = nil,
        description: String? = nil, languages: [HSDSLanguage]? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.serviceID = serviceID
        self.number = number
        self.type = type
        self.description = description
        self.languages = languages
    }
}

/// `schedule.json`: one weekly opening (RFC 5545 terms, as the spec uses them).
public struct HSDSSchedule: Codable, Sendable, Hashable {
    public var id: String
    public var serviceID: String?
    public var freq: String
    public var byday: String
    public var opensAt: String
    public var closesAt: String

    enum CodingKeys: String, CodingKey {
        case id, freq, byday
        case serviceID = "service_id"
        case opensAt = "opens_at"
        case closesAt = "closes_at"
    }

    public init(id: String, serviceID: String?, freq: String = "WEEKLY", byday: String, opensAt: String, closesAt: String) {
        self.id = id
        self.serviceID = serviceID
        self.freq = freq
        self.byday = byday
        self.opensAt = opensAt
        self.closesAt = closesAt
    }
}

/// `service_at_location.json`; `service` is the API's nesting (`compiled/service_at_location_list.json`).
public struct HSDSServiceAtLocation: Codable, Sendable, Hashable {
    public var id: String
    public var serviceID: String?
    public var locationID: String?
    public var location: HSDSLocation?
    public var service: HSDSService?

    enum CodingKeys: String, CodingKey {
        case id, location, service
        case serviceID = "service_id"
        case locationID = "location_id"
    }

    public init(id: String, serviceID: String?, locationID: String?, location: HSDSLocation? = nil, service: HSDSService? = nil) {
        self.id = id
        self.serviceID = serviceID
        self.locationID = locationID
        self.location = location
        self.service = service
    }
}

/// `language.json`.
public struct HSDSLanguage: Codable, Sendable, Hashable {
    public var id: String
    public var serviceID: String?
    public var phoneID: String?
    public var name: String?
    /// ISO 639-1, as our records keep it.
    public var code: String

    enum CodingKeys: String, CodingKey {
        case id, name, code
        case serviceID = "service_id"
        case phoneID = "phone_id"
    }

    public init(id: String, serviceID: String? = nil, phoneID: String? = nil, name: String?, code: String) {
        self.id = id
        self.serviceID = serviceID
        self.phoneID = phoneID
        self.name = name
        self.code = code
    }
}

/// `cost_option.json`.
public struct HSDSCostOption: Codable, Sendable, Hashable {
    public var id: String
    public var serviceID: String?
    public var option: String?
    public var amount: Double?
    public var amountDescription: String?

    enum CodingKeys: String, CodingKey {
        case id, option, amount
        case serviceID = "service_id"
        case amountDescription = "amount_description"
    }

    public init(id: String, serviceID: String?, option: String?, amount: Double? = nil, amountDescription: String? = nil) {
        self.id = id
        self.serviceID = serviceID
        self.option = option
        self.amount = amount
        self.amountDescription = amountDescription
    }
}

/// `service_area.json`.
public struct HSDSServiceArea: Codable, Sendable, Hashable {
    public var id: String
    public var serviceID: String?
    public var name: String?
    public var description: String?
    public var extent: String?
    public var extentType: String?

    enum CodingKeys: String, CodingKey {
        case id, name, description, extent
        case serviceID = "service_id"
        case extentType = "extent_type"
    }

    public init(id: String, serviceID: String?, name: String? = nil, description: String? = nil, extent: String? = nil, extentType: String? = nil) {
        self.id = id
        self.serviceID = serviceID
        self.name = name
        self.description = description
        self.extent = extent
        self.extentType = extentType
    }
}

/// `service_capacity.json`: what the partner reported about room, with its unit.
public struct HSDSServiceCapacity: Codable, Sendable, Hashable {
    public var id: String
    public var serviceID: String?
    public var unit: HSDSUnit
    public var unitID: String?
    public var available: Int
    public var description: String?
    /// ISO 8601: when the partner reported it.
    public var updated: String

    enum CodingKeys: String, CodingKey {
        case id, unit, available, description, updated
        case serviceID = "service_id"
        case unitID = "unit_id"
    }

    public init(id: String, serviceID: String?, unit: HSDSUnit, available: Int, description: String?, updated: String) {
        self.id = id
        self.serviceID = serviceID
        self.unit = unit
        self.unitID = unit.id
        self.available = available
        self.description = description
        self.updated = updated
    }
}

/// `unit.json`.
public struct HSDSUnit: Codable, Sendable, Hashable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// `taxonomy.json`.
public struct HSDSTaxonomy: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String

    public init(id: String, name: String, description: String) {
        self.id = id
        self.name = name
        self.description = description
    }
}

/// `taxonomy_term.json`.
public struct HSDSTaxonomyTerm: Codable, Sendable, Hashable {
    public var id: String
    public var code: String?
    public var name: String
    public var description: String
    public var parentID: String?
    public var taxonomy: String?
    public var taxonomyID: String?
    public var taxonomyDetail: HSDSTaxonomy?

    enum CodingKeys: String, CodingKey {
        case id, code, name, description, taxonomy
        case parentID = "parent_id"
        case taxonomyID = "taxonomy_id"
        case taxonomyDetail = "taxonomy_detail"
    }

    public init(
        id: String, code: String?, name: String, description: String, parentID: String? = nil, taxonomy: String? = nil,
        taxonomyID: String? = nil, taxonomyDetail: HSDSTaxonomy? = nil
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.description = description
        self.parentID = parentID
        self.taxonomy = taxonomy
        self.taxonomyID = taxonomyID
        self.taxonomyDetail = taxonomyDetail
    }
}

/// `attribute.json`: a record tagged with a taxonomy term (a service with its AIRS codes).
public struct HSDSAttribute: Codable, Sendable, Hashable {
    public var id: String
    public var linkID: String
    public var linkEntity: String
    public var taxonomyTermID: String
    public var value: String?
    /// The term itself, when its name and description are known.
    public var taxonomyTerm: HSDSTaxonomyTerm?

    enum CodingKeys: String, CodingKey {
        case id, value
        case linkID = "link_id"
        case linkEntity = "link_entity"
        case taxonomyTermID = "taxonomy_term_id"
        case taxonomyTerm = "taxonomy_term"
    }

    public init(id: String, linkID: String, linkEntity: String, taxonomyTermID: String, value: String? = nil, taxonomyTerm: HSDSTaxonomyTerm? = nil) {
        self.id = id
        self.linkID = linkID
        self.linkEntity = linkEntity
        self.taxonomyTermID = taxonomyTermID
        self.value = value
        self.taxonomyTerm = taxonomyTerm
    }
}

/// The spec's `Page` (`schema/openapi.json`, components.schemas.Page) with its `contents`.
public struct HSDSPage<Item: Encodable & Sendable>: Encodable, Sendable {
    public var totalItems: Int
    public var totalPages: Int
    public var pageNumber: Int
    public var size: Int
    public var firstPage: Bool
    public var lastPage: Bool
    public var empty: Bool
    public var contents: [Item]

    enum CodingKeys: String, CodingKey {
        case contents, size, empty
        case totalItems = "total_items"
        case totalPages = "total_pages"
        case pageNumber = "page_number"
        case firstPage = "first_page"
        case lastPage = "last_page"
    }

    /// Page `pageNumber` (from 1) of `perPage` items out of `totalItems`; a page past the last is
    /// empty, not an error (the totals tell the client where the end is).
    public init(contents: [Item], totalItems: Int, pageNumber: Int, perPage: Int) {
        self.contents = contents
        self.totalItems = totalItems
        self.totalPages = totalItems == 0 ? 0 : (totalItems + perPage - 1) / perPage
        self.pageNumber = pageNumber
        self.size = contents.count
        self.firstPage = pageNumber == 1
        self.lastPage = pageNumber >= totalPages
        self.empty = contents.isEmpty
    }
}
