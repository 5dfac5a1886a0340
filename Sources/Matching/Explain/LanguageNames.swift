import Directory

extension LanguageCode {
    /// The English name of the languages school districts most often meet; other codes show as
    /// the code itself, which coordinators can still look up.
    var englishName: String { Self.englishNames[rawValue] ?? rawValue.uppercased() }

    private static let englishNames: [String: String] = [
        "am": "Amharic", "ar": "Arabic", "bn": "Bengali", "bs": "Bosnian", "de": "German", "en": "English",
        "es": "Spanish", "fa": "Persian", "fr": "French", "gu": "Gujarati", "hi": "Hindi", "ht": "Haitian Creole",
        "hy": "Armenian", "it": "Italian", "ja": "Japanese", "km": "Khmer", "ko": "Korean", "ku": "Kurdish",
        "lo": "Lao", "mn": "Mongolian", "my": "Burmese", "ne": "Nepali", "om": "Oromo", "pa": "Punjabi",
        "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda",
        "so": "Somali", "sq": "Albanian", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai",
        "ti": "Tigrinya", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
        "vi": "Vietnamese", "yo": "Yoruba", "zh": "Chinese",
    ]
}
