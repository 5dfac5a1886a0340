/// Whether a text says interpretation is (or is not) available: "Language line available",
/// "Interpreters available in 150 languages", "interpretation services", "Translation services
/// available", "no interpreters". "Interpretation of test results" says nothing.
enum InterpreterMentions {
    /// true when offered, false when the text says it is not, nil when the text does not say.
    static func statement(in tokens: VocabularyTokens) -> Bool? {
        // A text with none of these words says nothing about interpretation.
        guard markers.contains(where: tokens.has) else { return nil }
        var found: Bool?
        for index in tokens.indices {
            guard let end = mention(in: tokens, at: index) else { continue }
            if isNegated(tokens, start: index, end: end) {
                if found == nil { found = false }
            } else {
                found = true
            }
        }
        return found
    }

    /// The end of an interpretation mention starting at `index`.
    private static func mention(in tokens: VocabularyTokens, at index: Int) -> Int? {
        let word = tokens.text(at: index)
        if people.contains(word) { return index + 1 }
        for phrase in phrases where tokens.matches(phrase, at: index) { return index + phrase.count }
        // "Interpretation"/"translation" count next to a word that makes them a service.
        if services.contains(word) {
            let around = (max(0, index - 3)...min(tokens.count - 1, index + 3)).map { tokens.text(at: $0) }
            if around.contains(where: serviceContext.contains) { return index + 1 }
        }
        // "(available) in 150 languages", "in over 200 languages".
        if word == "in" {
            var next = index + 1
            if ["over", "more"].contains(tokens.text(at: next)) { next += tokens.text(at: next) == "more" ? 2 : 1 }
            if let count = tokens.number(at: next), count >= 10, ["languages", "idiomas"].contains(tokens.text(at: next + 1)) {
                return next + 2
            }
        }
        return nil
    }

    /// "no interpreters", "interpreters are not available", "interpretation not provided".
    private static func isNegated(_ tokens: VocabularyTokens, start: Int, end: Int) -> Bool {
        var index = start - 1
        while index >= 0, start - index <= 3, !VocabularyTokens.clauseEnds.contains(tokens.text(at: index)) {
            let word = tokens.text(at: index)
            if ["no", "not", "without", "sin"].contains(word) || word.hasSuffix("n't") { return true }
            index -= 1
        }
        index = end
        while index < tokens.count, index - end < 3, !VocabularyTokens.clauseEnds.contains(tokens.text(at: index)) {
            let word = tokens.text(at: index)
            if ["not", "unavailable"].contains(word) || word.hasSuffix("n't") { return true }
            index += 1
        }
        return false
    }

    /// A text with none of these words says nothing about interpretation.
    static let markers: [String] = Array(people) + Array(services) + ["language", "languages", "idiomas", "servicios"]

    private static let people: Set<String> = [
        "interpreter", "interpreters", "translator", "translators", "interprete", "interpretes",
        "traductor", "traductores", "languageline", "cyracom",
    ]

    private static let phrases: [[String]] = [
        ["language", "line"], ["language", "link"], ["language", "access", "services"], ["language", "assistance"],
        ["language", "services"], ["language", "bank"], ["interpretation", "services"], ["translation", "services"],
        ["servicios", "de", "interpretacion"], ["servicios", "de", "traduccion"],
    ]

    /// "Interpreting the court process" explains it; "interpreting services" are interpretation.
    private static let services: Set<String> = ["interpretation", "interpreting", "translation", "interpretacion", "traduccion"]

    private static let serviceContext: Set<String> = [
        "service", "services", "available", "provided", "offered", "offer", "offers", "provide", "provides", "free",
        "request", "phone", "telephonic", "telephone", "video", "onsite", "on-site", "arranged", "disponible", "servicios",
        "gratis", "gratuita",
    ]
}
