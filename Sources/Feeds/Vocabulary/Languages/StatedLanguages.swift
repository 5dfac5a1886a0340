import Directory

/// The languages a feed states a service is offered in (ISO 639-1 codes, in the feed's order),
/// whether it states interpretation is available, and the names it gave that have no code here, so
/// the caller can say which were dropped and why.
package struct StatedLanguages: Hashable, Sendable {
    var codes: [LanguageCode] = []
    /// true: interpretation is offered ("Language line available"); false: the feed says it is not;
    /// nil: the text does not say ("English only" states English, not that there is no interpreter).
    var interpreterAvailable: Bool?
    var dropped: [DroppedLanguageName] = []

    var isEmpty: Bool { codes.isEmpty && interpreterAvailable == nil && dropped.isEmpty }

    /// A field that lists languages: AIRS `<Languages>` (names and notes), HSDS `languages.language`,
    /// a sheet's column. Lists are split on ",", ";", "/", "&", "|", "and", "y", "or"; a part that
    /// speaks of interpretation sets the flag instead of naming a language.
    static func fromLanguageField(_ text: String) -> StatedLanguages? {
        fromLanguageFields([text])
    }

    /// Several fields of one record (AIRS writes one `<Name>` per language).
    static func fromLanguageFields(_ texts: [String]) -> StatedLanguages? {
        var stated = StatedLanguages()
        for text in texts {
            for segment in LanguageListSplitter.segments(text) {
                let tokens = VocabularyTokens(segment)
                let words = tokens.tokens.filter(\.isWord).map(\.text)
                if words.allSatisfy(LanguageListSplitter.nothingWords.contains) { continue }
                if let offered = InterpreterMentions.statement(in: tokens) {
                    stated.noteInterpreter(offered)
                    stated.add(LanguageMentions.named(in: tokens))
                    continue
                }
                for item in LanguageListSplitter.items(segment) {
                    for reading in LanguageItemReader.read(item) { stated.add(reading) }
                }
            }
        }
        return stated.isEmpty ? nil : stated
    }

    /// Free text (a description): languages it says the service is offered in ("services in English
    /// and Spanish", "Spanish-speaking staff", "staff speak Vietnamese") and interpretation. A language
    /// named as a subject ("English classes", "French culture") is not one. The caller marks what this
    /// finds as inferred.
    static func fromFreeText(_ text: String) -> StatedLanguages? {
        fromFreeText(VocabularyTokens(text))
    }

    /// Whether a text may state a language or interpretation: `fromFreeText` finds a language only at
    /// a name's first word ("asl" too), and interpretation only in a text with one of its marker words.
    static let freeTextScreen = PhraseScreen(
        (LanguageNameTable.firstWords.sorted() + ["asl"] + InterpreterMentions.markers).map(VocabularyTokens.phrase))

    package static func fromFreeText(_ tokens: VocabularyTokens) -> StatedLanguages? {
        var stated = StatedLanguages()
        if let offered = InterpreterMentions.statement(in: tokens) { stated.noteInterpreter(offered) }
        stated.add(LanguageMentions.named(in: tokens))
        return stated.isEmpty ? nil : stated
    }

    /// One language written alone ("Spanish", "es", "spa", "es-MX", "Creole (Haitian)"), as a
    /// profile's list items or an HSDS `languages.code` cell are.
    package static func language(_ item: String) -> Result<LanguageCode, DroppedLanguageName>? {
        switch LanguageItemReader.read(item).first {
        case .code(let code): .success(code)
        case .dropped(let dropped): .failure(dropped)
        case .nothing, nil: nil
        }
    }

    /// HSDS `interpretation_services`: how interpretation is offered ("over the phone", "Language
    /// Line") is a yes; "no", "none", "not available" a no; blank, "N/A", "unknown" say nothing.
    static func interpreterField(_ text: String) -> Bool? {
        let tokens = VocabularyTokens(text)
        let words = tokens.tokens.filter { $0.isWord || $0.isNumber }.map(\.text)
        let answer = words.joined(separator: " ")
        if Self.noInterpreter.contains(answer) { return false }
        guard !words.isEmpty, !words.allSatisfy(LanguageListSplitter.nothingWords.contains) else { return nil }
        return InterpreterMentions.statement(in: tokens) ?? true
    }

    private static let noInterpreter: Set<String> = [
        "no", "none", "n", "false", "0", "ninguno", "unavailable", "not available", "not offered", "not provided",
        "no interpreters", "no interpretation",
    ]

    /// What two fields (or a field and a description) state together.
    func merged(with other: StatedLanguages?) -> StatedLanguages {
        guard let other else { return self }
        var merged = self
        merged.add(LanguageMentions.Found(codes: other.codes, dropped: other.dropped))
        if let offered = other.interpreterAvailable { merged.noteInterpreter(offered) }
        return merged
    }

    // MARK: - Building

    private mutating func noteInterpreter(_ offered: Bool) {
        // A statement that interpretation is offered outweighs one that it is not somewhere else.
        interpreterAvailable = offered || interpreterAvailable == true
    }

    private mutating func add(_ found: LanguageMentions.Found) {
        for code in found.codes where !codes.contains(code) { codes.append(code) }
        for name in found.dropped where !dropped.contains(name) { dropped.append(name) }
    }

    private mutating func add(_ item: ItemReading) {
        switch item {
        case .code(let code): if !codes.contains(code) { codes.append(code) }
        case .dropped(let name): if !dropped.contains(name) { dropped.append(name) }
        case .nothing: break
        }
    }

    enum ItemReading { case code(LanguageCode), dropped(DroppedLanguageName), nothing }
}

/// A language name a feed gave that has no ISO 639-1 code here, and why.
package struct DroppedLanguageName: Error, Hashable, Sendable, CustomStringConvertible {
    enum Reason: Hashable, Sendable {
        /// A real language without an ISO 639-1 code ("Hmong": ISO 639-3 "hmn").
        case noISO6391Code(iso6393: String)
        /// Sign languages have no ISO 639-1 code.
        case signLanguage
        /// A name of several languages ("Creole"), or not a language ("Braille"), with the reason.
        case unclear(String)
        /// Not a name this vocabulary knows.
        case unknown
    }

    let name: String
    let reason: Reason

    /// "'Hmong' has no ISO 639-1 code (ISO 639-3 'hmn'); dropped".
    package var description: String {
        switch reason {
        case .noISO6391Code(let code): "'\(name)' has no ISO 639-1 code (ISO 639-3 '\(code)'); dropped"
        case .signLanguage: "'\(name)' is a sign language, which has no ISO 639-1 code; dropped"
        case .unclear(let why): "'\(name)' \(why); dropped"
        case .unknown: "'\(name)' is not a language name this importer knows; dropped"
        }
    }
}
