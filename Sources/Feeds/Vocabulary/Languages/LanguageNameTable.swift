import Directory

/// Language names as feeds write them (English, Spanish and native names, common 211 spellings,
/// ISO 639-2/639-3 codes), folded as `VocabularyTokens` folds them, with their ISO 639-1 code or the
/// reason there is none.
enum LanguageNameTable {
    enum Entry: Hashable {
        case code(LanguageCode)
        /// A language with no ISO 639-1 code, with its ISO 639-3 code when there is one.
        case noCode(iso6393: String)
        /// A name that stands for several languages ("Creole").
        case ambiguous(String)
        /// Not a language at all ("Braille").
        case notALanguage(String)

        /// A language, with or without a code.
        var isLanguage: Bool {
            switch self {
            case .code, .noCode: true
            case .ambiguous, .notALanguage: false
            }
        }
    }

    /// The entry for a folded name ("haitian creole", "espanol"). `wholeItem`: the text is one item of a
    /// language list, so it may also be a code ("es", "spa"); inside a sentence only names count.
    static func entry(_ key: String, wholeItem: Bool) -> Entry? {
        if let code = names[key] ?? (wholeItem ? codes[key] : nil) {
            return LanguageCode(rawValue: code).map(Entry.code)
        }
        if let code = withoutCode[key] { return .noCode(iso6393: code) }
        if let reason = ambiguous[key] { return .ambiguous(reason) }
        if key == "braille" { return .notALanguage("is a writing system, not a language") }
        return nil
    }

    /// The first word of every name, so most words of a sentence are passed over at once.
    static let firstWords: Set<String> = {
        var words = Set(names.keys.compactMap { $0.split(separator: " ").first.map(String.init) })
        words.formUnion(withoutCode.keys.compactMap { $0.split(separator: " ").first.map(String.init) })
        words.formUnion(["american", "sign"])
        return words
    }()

    private static let names: [String: String] = {
        var table: [String: String] = [:]
        for (code, spellings) in spellings {
            for spelling in spellings { table[spelling] = code }
        }
        return table
    }()

    /// Codes written as a whole item: ISO 639-1 ("es"; not "no" and "na", which a list item means as
    /// an answer) and ISO 639-2/639-3 ("spa").
    private static let codes: [String: String] = {
        var table: [String: String] = [:]
        for code in iso6391 where code != "no" && code != "na" { table[code] = code }
        for (code, spellings) in threeLetterCodes {
            for spelling in spellings { table[spelling] = code }
        }
        return table
    }()

    private static let spellings: [(String, [String])] = [
        ("en", ["english", "ingles", "anglais"]),
        ("es", ["spanish", "espanol", "castellano", "espagnol", "espanhol"]),
        // Chinese varieties share the macrolanguage code, as ISO 639-1 has no other.
        ("zh", ["chinese", "mandarin", "cantonese", "chino", "mandarin chinese", "putonghua", "zhongwen", "taiwanese",
                "toishanese", "taishanese", "hokkien", "teochew", "fuzhounese", "shanghainese", "中文", "普通话", "廣東話",
                "广东话", "國語", "粤语"]),
        ("vi", ["vietnamese", "tieng viet", "vietnamita"]),
        ("so", ["somali", "soomaali", "af soomaali"]),
        ("ar", ["arabic", "arabe", "العربية"]),
        ("fr", ["french", "francais", "frances"]),
        ("pt", ["portuguese", "portugues"]),
        ("ru", ["russian", "ruso", "русский"]),
        ("uk", ["ukrainian", "ucraniano", "українська"]),
        ("ko", ["korean", "coreano", "한국어"]),
        ("ja", ["japanese", "japones", "日本語"]),
        ("tl", ["tagalog", "filipino", "tagalo"]),
        ("ht", ["haitian creole", "haitian", "kreyol", "kreyol ayisyen", "creole haitian", "criollo haitiano",
                "creole haitiano"]),
        ("sw", ["swahili", "kiswahili", "suajili"]),
        ("ne", ["nepali", "nepalese"]),
        ("my", ["burmese", "myanmar", "birmano"]),
        // ISO 639-1 "fa" is the Persian macrolanguage, which includes Dari (ISO 639-3 "prs").
        ("fa", ["persian", "farsi", "dari"]),
        ("ps", ["pashto", "pushto", "pashtu"]),
        ("ur", ["urdu"]),
        ("hi", ["hindi"]),
        ("bn", ["bengali", "bangla"]),
        ("pa", ["punjabi", "panjabi"]),
        ("gu", ["gujarati"]),
        ("ta", ["tamil"]),
        ("te", ["telugu"]),
        ("am", ["amharic", "amarico", "አማርኛ"]),
        ("ti", ["tigrinya", "tigrigna"]),
        ("om", ["oromo", "afaan oromo", "oromiffa"]),
        ("de", ["german", "aleman", "deutsch"]),
        ("it", ["italian", "italiano"]),
        ("pl", ["polish", "polaco", "polski"]),
        ("ro", ["romanian", "rumano"]),
        ("tr", ["turkish", "turco"]),
        ("he", ["hebrew", "hebreo"]),
        ("yi", ["yiddish"]),
        ("el", ["greek", "griego"]),
        ("hy", ["armenian", "armenio"]),
        ("ka", ["georgian"]),
        ("km", ["khmer", "cambodian", "camboyano"]),
        ("lo", ["lao", "laotian", "laosiano"]),
        ("th", ["thai", "tailandes"]),
        ("mh", ["marshallese"]),
        ("sm", ["samoan", "samoano"]),
        ("to", ["tongan"]),
        ("ch", ["chamorro"]),
        ("mi", ["maori"]),
        ("nv", ["navajo", "dine"]),
        ("rw", ["kinyarwanda", "rwandan"]),
        ("rn", ["kirundi", "rundi"]),
        ("ln", ["lingala"]),
        ("ku", ["kurdish", "kurdo", "sorani", "kurmanji"]),
        ("uz", ["uzbek"]),
        ("bs", ["bosnian"]),
        ("hr", ["croatian"]),
        ("sr", ["serbian"]),
        ("sq", ["albanian", "albanes"]),
        ("mk", ["macedonian"]),
        ("bg", ["bulgarian"]),
        ("hu", ["hungarian"]),
        ("cs", ["czech"]),
        ("sk", ["slovak"]),
        ("nl", ["dutch", "flemish", "holandes"]),
        ("sv", ["swedish"]),
        ("no", ["norwegian"]),
        ("da", ["danish"]),
        ("fi", ["finnish"]),
        ("id", ["indonesian", "bahasa indonesia"]),
        ("ms", ["malay", "bahasa melayu"]),
        ("ml", ["malayalam"]),
        ("mr", ["marathi"]),
        ("kn", ["kannada"]),
        ("si", ["sinhala", "sinhalese"]),
        ("dz", ["dzongkha"]),
        ("ff", ["fulani", "fula", "fulfulde", "pulaar"]),
        ("wo", ["wolof"]),
        ("yo", ["yoruba"]),
        ("ig", ["igbo", "ibo"]),
        ("ha", ["hausa"]),
        ("bm", ["bambara"]),
        ("tw", ["twi", "akan"]),
        ("ee", ["ewe"]),
        ("lg", ["luganda", "ganda"]),
        ("ny", ["chichewa", "nyanja"]),
        ("sn", ["shona"]),
        ("zu", ["zulu"]),
        ("xh", ["xhosa"]),
        ("af", ["afrikaans"]),
        ("tg", ["tajik"]),
        ("ky", ["kyrgyz", "kirghiz"]),
        ("kk", ["kazakh"]),
        ("tk", ["turkmen"]),
        ("az", ["azerbaijani", "azeri"]),
        ("mn", ["mongolian"]),
        ("bo", ["tibetan"]),
        ("ug", ["uyghur", "uighur"]),
        ("qu", ["quechua"]),
        ("gn", ["guarani"]),
        ("ay", ["aymara"]),
        ("la", ["latin"]),
        ("ga", ["irish", "gaelic"]),
        ("cy", ["welsh"]),
        ("lt", ["lithuanian"]),
        ("lv", ["latvian"]),
        ("et", ["estonian"]),
        ("be", ["belarusian"]),
        ("sl", ["slovenian", "slovene"]),
        ("is", ["icelandic"]),
        ("mt", ["maltese"]),
        ("ca", ["catalan"]),
        ("eu", ["basque"]),
        ("gl", ["galician"]),
        ("sd", ["sindhi"]),
        ("or", ["oriya", "odia"]),
        ("as", ["assamese"]),
        ("jv", ["javanese"]),
        ("su", ["sundanese"]),
        ("mg", ["malagasy"]),
        ("kg", ["kikongo", "kongo"]),
        ("lu", ["luba katanga"]),
        ("sg", ["sango"]),
        ("ki", ["kikuyu", "gikuyu"]),
        ("st", ["sesotho", "sotho"]),
        ("tn", ["setswana", "tswana"]),
    ]

    /// ISO 639-2 (B and T) and 639-3 codes, read only when a whole item is the code ("spa", not "per" in a sentence).
    private static let threeLetterCodes: [(String, [String])] = [
        ("en", ["eng"]),
        ("es", ["spa"]),
        ("zh", ["zho", "chi", "cmn", "yue"]),
        ("vi", ["vie"]),
        ("so", ["som"]),
        ("ar", ["ara"]),
        ("fr", ["fra", "fre"]),
        ("pt", ["por"]),
        ("ru", ["rus"]),
        ("uk", ["ukr"]),
        ("ko", ["kor"]),
        ("ja", ["jpn"]),
        ("tl", ["tgl", "fil"]),
        ("ht", ["hat"]),
        ("sw", ["swa"]),
        ("ne", ["nep"]),
        ("my", ["bur", "mya"]),
        ("fa", ["fas", "per", "prs"]),
        ("ps", ["pus"]),
        ("ur", ["urd"]),
        ("hi", ["hin"]),
        ("bn", ["ben"]),
        ("pa", ["pan"]),
        ("gu", ["guj"]),
        ("ta", ["tam"]),
        ("te", ["tel"]),
        ("am", ["amh"]),
        ("ti", ["tir"]),
        ("om", ["orm"]),
        ("de", ["deu", "ger"]),
        ("it", ["ita"]),
        ("pl", ["pol"]),
        ("ro", ["ron", "rum"]),
        ("tr", ["tur"]),
        ("he", ["heb"]),
        ("yi", ["yid"]),
        ("el", ["ell", "gre"]),
        ("hy", ["hye", "arm"]),
        ("ka", ["kat", "geo"]),
        ("km", ["khm"]),
        ("th", ["tha"]),
        ("mh", ["mah"]),
        ("sm", ["smo"]),
        ("to", ["ton"]),
        ("ch", ["cha"]),
        ("mi", ["mri", "mao"]),
        ("nv", ["nav"]),
        ("rw", ["kin"]),
        ("rn", ["run"]),
        ("ln", ["lin"]),
        ("ku", ["kur"]),
        ("uz", ["uzb"]),
        ("bs", ["bos"]),
        ("hr", ["hrv"]),
        ("sr", ["srp"]),
        ("sq", ["sqi", "alb"]),
        ("mk", ["mkd"]),
        ("bg", ["bul"]),
        ("hu", ["hun"]),
        ("cs", ["ces", "cze"]),
        ("sk", ["slk"]),
        ("nl", ["nld", "dut"]),
        ("sv", ["swe"]),
        ("no", ["nor"]),
        ("da", ["dan"]),
        ("fi", ["fin"]),
        ("id", ["ind"]),
        ("ms", ["msa", "may"]),
        ("ml", ["mal"]),
        ("mr", ["mar"]),
        ("kn", ["kan"]),
        ("si", ["sin"]),
        ("dz", ["dzo"]),
        ("ff", ["ful"]),
        ("wo", ["wol"]),
        ("yo", ["yor"]),
        ("ha", ["hau"]),
        ("bm", ["bam"]),
        ("tw", ["aka"]),
        ("lg", ["lug"]),
        ("ny", ["nya"]),
        ("sn", ["sna"]),
        ("zu", ["zul"]),
        ("xh", ["xho"]),
        ("af", ["afr"]),
        ("tg", ["tgk"]),
        ("ky", ["kir"]),
        ("kk", ["kaz"]),
        ("tk", ["tuk"]),
        ("az", ["aze"]),
        ("mn", ["mon"]),
        ("bo", ["bod", "tib"]),
        ("ug", ["uig"]),
        ("qu", ["que"]),
        ("gn", ["grn"]),
        ("ay", ["aym"]),
        ("la", ["lat"]),
        ("ga", ["gle"]),
        ("cy", ["cym", "wel"]),
        ("lt", ["lit"]),
        ("lv", ["lav"]),
        ("et", ["est"]),
        ("be", ["bel"]),
        ("sl", ["slv"]),
        ("is", ["isl", "ice"]),
        ("mt", ["mlt"]),
        ("ca", ["cat"]),
        ("eu", ["eus", "baq"]),
        ("gl", ["glg"]),
        ("sd", ["snd"]),
        ("or", ["ori"]),
        ("as", ["asm"]),
        ("jv", ["jav"]),
        ("su", ["sun"]),
        ("mg", ["mlg"]),
        ("kg", ["kon"]),
        ("sg", ["sag"]),
    ]

    /// Languages families speak that ISO 639-1 has no code for, with their ISO 639-3 code.
    private static let withoutCode: [String: String] = [
        "hmong": "hmn", "hmoob": "hmn", "karen": "kar", "sgaw karen": "ksw", "karenni": "kyu", "chuukese": "chk",
        "trukese": "chk", "mixtec": "mix", "mixteco": "mix", "zapotec": "zap", "zapoteco": "zap", "k'iche": "quc",
        "k'iche'": "quc", "kiche": "quc", "quiche": "quc", "mam": "mam", "q'anjob'al": "kjb", "qanjobal": "kjb",
        "kanjobal": "kjb", "garifuna": "cab", "cape verdean creole": "kea", "cape verdean": "kea", "kriolu": "kea",
        "kabuverdianu": "kea", "rohingya": "rhg", "chaldean": "cld", "assyrian": "aii", "mien": "ium", "hakka": "hak",
        "ilocano": "ilo", "ilokano": "ilo", "cebuano": "ceb", "bisaya": "ceb", "visayan": "ceb", "pohnpeian": "pon",
        "kosraean": "kos", "yapese": "yap", "palauan": "pau", "dinka": "din", "nuer": "nus", "tigre": "tig",
        "maay": "ymm", "maay maay": "ymm", "af maay": "ymm", "mai mai": "ymm", "hakha chin": "cnh", "chin": "cnh",
        "mandinka": "mnk", "soninke": "snk", "krio": "kri", "hawaiian": "haw", "olelo hawaii": "haw",
        "louisiana creole": "lou", "jamaican patois": "jam", "patois": "jam", "cherokee": "chr", "lakota": "lkt",
        "ojibwe": "oji", "tongan sign language": "sgn",
    ]

    private static let ambiguous: [String: String] = [
        "creole": "names several languages (Haitian Creole is 'ht'; say which)",
        "french creole": "names several languages (Haitian Creole is 'ht'; say which)",
        "criollo": "names several languages (Haitian Creole is 'ht'; say which)",
        "pidgin": "names several languages; say which",
        "african": "is not one language; name it",
        "indian": "is not one language; name it (Hindi, Punjabi, Tamil…)",
    ]

    /// Every ISO 639-1 code, for feeds that write codes ("es", "es-MX").
    static let iso6391: Set<String> = [
        "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn", "bo",
        "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo",
        "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi",
        "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka",
        "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
        "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng",
        "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn",
        "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su",
        "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur",
        "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
    ]
}
