import Directory

/// A `<PhysicalAddress>` being read (`Line1`, `Line2`, `City`, `State`, `ZipCode`, `Country`).
struct AIRSAddressDraft {
    private var lines: [String] = []
    private var city = ""
    private var region = ""
    private var postalCode = ""
    private var country = ""
    /// `Confidential="true"`: the address must not be published (a shelter's location).
    private(set) var isConfidential = false

    /// Reads a field whose first path element is the address element.
    mutating func take(_ field: AIRSField) {
        if field.isDirectChild {
            isConfidential = field.flag("Confidential")
            return
        }
        guard field.path.count == 2, !field.text.isEmpty else { return }
        switch field.name {
        case "line1", "line2", "address1", "address2", "street", "streetline": lines.append(field.text)
        case "city": city = field.text
        case "state", "stateprovince", "province", "region": region = field.text
        case "zipcode", "postalcode", "zip": postalCode = field.text
        case "country": country = field.text
        default: break  // PreAddressLine, County, ReasonWithheld
        }
    }

    /// The address, or nil when it is confidential or names no street or city.
    var address: Address? {
        guard !isConfidential, !lines.isEmpty || !city.isEmpty else { return nil }
        return Address(
            address1: lines.joined(separator: ", "), city: city, region: region,
            postalCode: Self.zip(postalCode), country: Self.countryCode(country))
    }

    /// ZIP+4 is kept as the 5-digit ZIP the directory matches on.
    private static func zip(_ text: String) -> String {
        let digits = text.prefix { $0.isNumber }
        return digits.count == 5 ? String(digits) : text
    }

    /// AIRS writes countries as names or codes; the directory stores two-letter codes.
    private static func countryCode(_ text: String) -> String {
        switch text.lowercased() {
        case "", "us", "usa", "united states", "united states of america": "US"
        case "ca", "can", "canada": "CA"
        default: text
        }
    }
}
