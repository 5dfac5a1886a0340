/// A site's free-text directions, as HSDS `location.transportation` holds them ("On the Number 41 bus
/// route", "a short walk from the Main Street Metro Station", "Parking lot behind the building").
extension StatedSetting {
    /// true when the text names public transit at the site; false when it opens by saying there is
    /// none ("No bus service", "Not on a bus line"); nil when it names none ("Parking lot behind the
    /// building", "business park").
    static func siteTransitNamed(in text: String) -> Bool? {
        let words = VocabularyTokens(text).tokens.filter(\.isWord).map(\.text)
        guard words.contains(where: transitWords.contains) else { return nil }
        return ["no", "not", "none", "sin"].contains(words.first ?? "") ? false : true
    }

    private static let transitWords: Set<String> = [
        "bus", "buses", "busline", "transit", "metro", "subway", "train", "trains", "rail", "light-rail", "streetcar",
        "tram", "trolley", "autobus", "tren",
    ]
}
