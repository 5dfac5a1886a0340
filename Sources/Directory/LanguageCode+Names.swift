extension LanguageCode {
    /// The English name of a language school districts often meet, or nil for other codes. The one
    /// table of language names that the reasons, the pages and the AIRS export show (feeds are read
    /// through the importers' own table of spellings, which knows every name here).
    public var englishName: String? { Self.englishNames[rawValue] }

    /// The English name, or the code in capitals ("KU") for a language without one here, which a
    /// coordinator can still look up.
    public var displayName: String { englishName ?? rawValue.uppercased() }

    /// The languages families in a district most often speak (the seed directory's and the usual
    /// refugee-resettlement languages): the ones a form offers. Data may hold any ISO 639-1 code.
    public static let commonInDistricts: [LanguageCode] = [
        "am", "ar", "bs", "en", "es", "fa", "fr", "ht", "km", "ko", "my", "ne", "ps", "pt", "ru", "so", "sw", "ti", "uk",
        "vi", "zh",
    ].compactMap(LanguageCode.init(rawValue:))

    public static let englishNames: [String: String] = [
        "am": "Amharic", "ar": "Arabic", "bn": "Bengali", "bs": "Bosnian", "de": "German", "el": "Greek",
        "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French", "gu": "Gujarati", "he": "Hebrew",
        "hi": "Hindi", "ht": "Haitian Creole", "hy": "Armenian", "it": "Italian", "ja": "Japanese", "km": "Khmer",
        "ko": "Korean", "ku": "Kurdish", "lo": "Lao", "mh": "Marshallese", "mn": "Mongolian", "my": "Burmese",
        "ne": "Nepali", "nv": "Navajo", "om": "Oromo", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto",
        "pt": "Portuguese", "rn": "Kirundi", "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda", "sm": "Samoan",
        "so": "Somali", "sq": "Albanian", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai",
        "ti": "Tigrinya", "tl": "Tagalog", "to": "Tongan", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
        "uz": "Uzbek", "vi": "Vietnamese", "yo": "Yoruba", "zh": "Chinese",
    ]
}
