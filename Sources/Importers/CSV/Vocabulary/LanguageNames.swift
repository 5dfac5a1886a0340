import Directory
import Foundation

/// Turns what feeds write for a language ("Spanish", "Español", "spa", "es-MX") into an ISO 639-1 code.
///
/// No CSV reader uses this any more (they read through `StatedAges`, `FeedDateText` and `StatedLanguages`);
/// only the AIRS reader does. Delete it once that reader has moved to the shared vocabulary.
enum LanguageNames {
    /// The code for one language name or code, or nil when it is not one we know.
    static func code(for text: String) -> LanguageCode? {
        var key = normalized(text)
        // "es-MX", "zh_Hant": the language is the part before the region or script.
        if let separator = key.firstIndex(where: { $0 == "-" || $0 == "_" }), key.distance(from: key.startIndex, to: separator) <= 3 {
            key = String(key[..<separator])
        }
        if key.count == 2, isoCodes.contains(key) { return LanguageCode(rawValue: key) }
        return namesAndLongCodes[key].flatMap(LanguageCode.init(rawValue:))
    }

    /// Splits "Spanish, Somali", "en; es" or "English and Spanish" and resolves each part.
    static func codes(inList text: String) -> (codes: [LanguageCode], unknown: [String]) {
        var codes: [LanguageCode] = [], unknown: [String] = []
        let parts = text.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " y ", with: ",")
            .split(whereSeparator: { ",;/|".contains($0) })
        for part in parts {
            let name = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { continue }
            if let code = code(for: name) {
                if !codes.contains(code) { codes.append(code) }
            } else {
                unknown.append(name)
            }
        }
        return (codes, unknown)
    }

    /// Lower case, accents folded, parenthesised notes dropped: "Español (Latinoamérica)" → "espanol".
    private static func normalized(_ text: String) -> String {
        var text = text
        if let parenthesis = text.firstIndex(of: "(") { text = String(text[..<parenthesis]) }
        return text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every ISO 639-1 code, so a stray two-letter word ("xx") is not taken for a language.
    private static let isoCodes: Set<String> = Set("""
        aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz \
        ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik \
        io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml \
        mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd \
        se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi \
        vo wa wo xh yi yo za zh zu
        """.split(separator: " ").map(String.init))

    /// English names, names in the language itself, and ISO 639-2/3 codes of the languages
    /// US school districts meet most. Languages without an ISO 639-1 code (Hmong, Karen, ASL) are absent
    /// on purpose: the directory stores 639-1 codes only, so they are reported as unknown.
    private static let namesAndLongCodes: [String: String] = [
        "english": "en", "eng": "en", "ingles": "en",
        "spanish": "es", "espanol": "es", "castellano": "es", "spa": "es",
        "somali": "so", "soomaali": "so", "som": "so",
        "arabic": "ar", "arabe": "ar", "ara": "ar",
        "chinese": "zh", "mandarin": "zh", "cantonese": "zh", "chino": "zh", "zho": "zh", "chi": "zh",
        "vietnamese": "vi", "tieng viet": "vi", "vietnamita": "vi", "vie": "vi",
        "tagalog": "tl", "filipino": "tl", "tgl": "tl", "fil": "tl",
        "russian": "ru", "ruso": "ru", "rus": "ru",
        "ukrainian": "uk", "ukr": "uk",
        "korean": "ko", "coreano": "ko", "kor": "ko",
        "french": "fr", "frances": "fr", "francais": "fr", "fra": "fr", "fre": "fr",
        "haitian creole": "ht", "haitian": "ht", "kreyol": "ht", "creole": "ht", "hat": "ht",
        "portuguese": "pt", "portugues": "pt", "por": "pt",
        "hindi": "hi", "hin": "hi",
        "urdu": "ur", "urd": "ur",
        "bengali": "bn", "bangla": "bn", "ben": "bn",
        "punjabi": "pa", "panjabi": "pa", "pan": "pa",
        "amharic": "am", "amh": "am",
        "tigrinya": "ti", "tir": "ti",
        "oromo": "om", "afaan oromo": "om", "orm": "om",
        "swahili": "sw", "kiswahili": "sw", "swa": "sw",
        "persian": "fa", "farsi": "fa", "dari": "fa", "fas": "fa", "per": "fa",
        "pashto": "ps", "pushto": "ps", "pus": "ps",
        "nepali": "ne", "nep": "ne",
        "burmese": "my", "bur": "my", "mya": "my",
        "japanese": "ja", "jpn": "ja",
        "german": "de", "aleman": "de", "deu": "de", "ger": "de",
        "italian": "it", "ita": "it",
        "polish": "pl", "pol": "pl",
        "romanian": "ro", "ron": "ro", "rum": "ro",
        "turkish": "tr", "tur": "tr",
        "hebrew": "he", "heb": "he",
        "greek": "el", "ell": "el", "gre": "el",
        "armenian": "hy", "hye": "hy", "arm": "hy",
        "khmer": "km", "cambodian": "km", "khm": "km",
        "lao": "lo", "laotian": "lo",
        "thai": "th", "tha": "th",
        "marshallese": "mh", "mah": "mh",
        "samoan": "sm", "smo": "sm",
        "tongan": "to", "ton": "to",
        "navajo": "nv", "nav": "nv",
        "kinyarwanda": "rw", "kin": "rw",
        "kirundi": "rn", "run": "rn",
        "uzbek": "uz", "uzb": "uz",
        "bosnian": "bs", "bos": "bs",
        "albanian": "sq", "sqi": "sq", "alb": "sq",
        "gujarati": "gu", "guj": "gu",
        "tamil": "ta", "tam": "ta",
        "telugu": "te", "tel": "te",
    ]
}
