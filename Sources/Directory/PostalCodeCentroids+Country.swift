import Foundation

extension PostalCodeCentroids {
    /// Whether a country as feeds write it is the United States or one of its inhabited territories
    /// ("US", "USA", "United States of America", "Puerto Rico", "GU"…), whose addresses have ZIP codes.
    public static func isUSCountry(_ country: String) -> Bool {
        let key = country.uppercased().filter { $0.isLetter || $0 == " " }
            .split(separator: " ").joined(separator: " ")
        return usCountryNames.contains(key) || USStatesAndTerritories.territoryAbbreviations.contains(key)
    }

    /// Whether a region (state) as feeds write it is a US state, DC or a territory: "IA", "Iowa", "ia.".
    public static func isUSStateOrTerritory(_ region: String) -> Bool {
        let trimmed = region.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: ".")))
        if USStatesAndTerritories.postalAbbreviations.contains(trimmed.uppercased()), trimmed.count == 2 { return true }
        let name = trimmed.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return USStatesAndTerritories.lowercasedNames.contains(name)
    }

    private static let usCountryNames: Set<String> = [
        "US", "USA", "U S", "U S A", "UNITED STATES", "UNITED STATES OF AMERICA",
        "PUERTO RICO", "GUAM", "VIRGIN ISLANDS", "US VIRGIN ISLANDS", "U S VIRGIN ISLANDS",
        "UNITED STATES VIRGIN ISLANDS", "AMERICAN SAMOA", "NORTHERN MARIANA ISLANDS",
    ]
}

extension USStatesAndTerritories {
    /// The territories' codes, which feeds also write in the country field.
    static let territoryAbbreviations: Set<String> = ["PR", "VI", "GU", "AS", "MP"]
}
