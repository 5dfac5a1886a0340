extension Address {
    enum CodingKeys: String, CodingKey {
        case address1 = "address_1"
        case city, region, country
        case postalCode = "postal_code"
    }
}

extension ServiceArea {
    enum CodingKeys: String, CodingKey {
        case postalCodes = "postal_codes"
        case radiusKm = "radius_km"
    }
}
