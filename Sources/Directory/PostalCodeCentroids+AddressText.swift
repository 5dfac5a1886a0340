import Foundation

extension PostalCodeCentroids {
    /// The five-digit ZIP of a US address written as free text, for records that have only an address
    /// string: "1200 Grand Ave, Des Moines, IA 50316" or "Des Moines, Iowa 50316-1234" give "50316".
    ///
    /// A ZIP counts only where it follows a state or territory (postal abbreviation or name), as in
    /// every US address line. A number after anything else — a house number, a PO box, a suite, a
    /// ZIP with no state — is not taken for one, since a wrong ZIP puts a site in the wrong town.
    /// Two different ZIPs in one text give nil: which is the site's cannot be told.
    public static func zipCode(inAddressText text: String) -> String? {
        let characters = Array(text)
        var zipCodes: Set<String> = []
        var index = 0
        while index < characters.count {
            guard isASCIIDigit(characters[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < characters.count, isASCIIDigit(characters[index]) { index += 1 }
            let standsAlone = start == 0 || !isLetterOrNumber(characters[start - 1])
            if index - start == 5, standsAlone, endsZIP(characters, at: index),
               followsStateOrTerritory(String(characters[..<start])) {
                zipCodes.insert(String(characters[start..<index]))
            }
        }
        return zipCodes.count == 1 ? zipCodes.first : nil
    }

    /// Whether a five-digit run ending at `index` ends there as a ZIP: at the end of the text, before
    /// a space or punctuation, or before a "-" and the four digits of a ZIP+4.
    private static func endsZIP(_ characters: [Character], at index: Int) -> Bool {
        guard index < characters.count else { return true }
        if isLetterOrNumber(characters[index]) { return false }
        guard characters[index] == "-" else { return true }
        var end = index + 1
        while end < characters.count, isASCIIDigit(characters[end]) { end += 1 }
        let plusFourDigits = end - index - 1
        if plusFourDigits == 0 { return true }
        return plusFourDigits == 4 && (end == characters.count || !isLetterOrNumber(characters[end]))
    }

    private static let separatorsBeforeZIP = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ",."))

    private static func followsStateOrTerritory(_ textBefore: String) -> Bool {
        let trimmed = textBefore.trimmingCharacters(in: separatorsBeforeZIP)
        let lastWord = trimmed.reversed().prefix(while: { $0.isLetter || $0 == "." }).reversed()
        if USStatesAndTerritories.postalAbbreviations.contains(String(lastWord.filter { $0 != "." })) {
            return true
        }
        let lowercased = trimmed.lowercased()
        return USStatesAndTerritories.lowercasedNames.contains { name in
            guard lowercased.hasSuffix(name) else { return false }
            let nameStart = lowercased.index(lowercased.endIndex, offsetBy: -name.count)
            return nameStart == lowercased.startIndex || !lowercased[lowercased.index(before: nameStart)].isLetter
        }
    }

    private static func isLetterOrNumber(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}

/// The states, the District of Columbia and the inhabited territories that have US ZIP codes.
enum USStatesAndTerritories {
    /// USPS abbreviations, matched in capitals only: in lower case many are words ("in", "or", "me").
    static let postalAbbreviations: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
        "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
        "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "PR", "VI", "GU", "AS", "MP",
    ]

    static let lowercasedNames: [String] = [
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
        "district of columbia", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
        "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
        "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
        "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
        "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
        "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
        "puerto rico", "virgin islands", "guam", "american samoa", "northern mariana islands",
    ]
}
