/// School grades in text about ages: "grades 6-8", "6th - 8th grade", "K-5", "K–12", "Pre-K",
/// "kindergarten through 5th grade", "high school students". Grades are numbered -1 (Pre-K), 0 (K),
/// 1…12, and become ages by the US convention.
struct SchoolGrades {
    /// Grade ranges found, in order.
    private(set) var ranges: [ClosedRange<Int>] = []
    /// Tokens that belong to a grade phrase: their numbers are grades, never ages.
    private(set) var used: Set<Int> = []

    /// Ages for a range of grades: grade g is ages g+5 to g+6, K is 5–6 and Pre-K 3–4.
    static func ages(of grades: ClosedRange<Int>) -> (min: Int, max: Int) {
        func bounds(_ grade: Int) -> (Int, Int) { grade < 0 ? (3, 4) : (grade + 5, grade + 6) }
        return (bounds(grades.lowerBound).0, bounds(grades.upperBound).1)
    }

    /// `wholeField`: the text is an age field, so a school level alone ("High school") counts.
    init(in tokens: VocabularyTokens, wholeField: Bool) {
        // A text with none of these words names no grade.
        guard Self.markers.contains(where: tokens.has) else { return }
        var index = 0
        while index < tokens.count {
            if let end = readGradeWordFirst(tokens, at: index)
                ?? readGradeValueFirst(tokens, at: index, wholeField: wholeField)
                ?? readSchoolLevel(tokens, at: index, wholeField: wholeField) {
                index = end
            } else {
                index += 1
            }
        }
    }

    // MARK: - Phrases

    /// "grades 6-8", "grade 5", "Grades 11 and 12", "grades K-12", "Gr. 6 to 8". "pre-Grade 10"
    /// names a level of schooling, not children: its numbers are set aside without a range.
    private mutating func readGradeWordFirst(_ tokens: VocabularyTokens, at start: Int) -> Int? {
        guard Self.gradeWords.contains(tokens.text(at: start)) else { return nil }
        var index = start + 1
        if tokens.text(at: index) == "." || tokens.text(at: index) == ":" { index += 1 }
        guard let first = Self.gradeValue(tokens, at: index) else { return nil }
        let isPreGrade = tokens.text(at: start - 1) == "pre"
            || (tokens.text(at: start - 1) == "-" && tokens.text(at: start - 2) == "pre")
        var end = first.end
        var last = first.grade
        // A range or a list: "6-8", "6 to 8", "11 and 12", "6, 7 and 8".
        while Self.connectors.contains(tokens.text(at: end)) || tokens.text(at: end) == "," {
            var next = end + 1
            if Self.gradeWords.contains(tokens.text(at: next)) { next += 1 }
            guard let following = Self.gradeValue(tokens, at: next) else { break }
            last = following.grade
            end = following.end
        }
        used.formUnion(start..<end)
        if isPreGrade { used.formUnion((start - 2)..<start) } else { add(first.grade, last) }
        return end
    }

    /// "6th - 8th grade", "5th grade", "fifth graders", "K-5", "PK-12", "kindergarten through 5th
    /// grade", "Kindergarten to Grade 12", "Pre-K".
    private mutating func readGradeValueFirst(_ tokens: VocabularyTokens, at start: Int, wholeField: Bool) -> Int? {
        guard let first = Self.gradeValue(tokens, at: start) else { return nil }
        let firstIsWord = !tokens[start].isNumber
        var end = first.end
        var last: Int?
        var gradeWordBetween = false
        if Self.connectors.contains(tokens.text(at: end)) {
            var next = end + 1
            if Self.gradeWords.contains(tokens.text(at: next)) {
                gradeWordBetween = true
                next += 1
            }
            if let second = Self.gradeValue(tokens, at: next) {
                last = second.grade
                end = second.end
            }
        }
        let gradeWordAfter = Self.gradeWords.contains(tokens.text(at: end))
        let isGradePhrase: Bool =
            if gradeWordAfter { true }
            else if last != nil { firstIsWord || gradeWordBetween }
            // A lone Pre-K; a lone "kindergarten" only as a whole age field (a "kindergarten
            // readiness" program serves younger children).
            else if first.grade < 0 { true }
            else { firstIsWord && wholeField && tokens.text(at: start) != "k" }
        guard isGradePhrase else { return nil }
        if gradeWordAfter { end += 1 }
        used.formUnion(start..<end)
        add(first.grade, last ?? first.grade)
        return end
    }

    /// "elementary school", "middle school students", "in high school", "junior high youth".
    /// Outside a whole age field the level must name pupils ("high school students") or schooling
    /// ("in high school"): "high school completion" and "a high school diploma" are adult education.
    private mutating func readSchoolLevel(_ tokens: VocabularyTokens, at start: Int, wholeField: Bool) -> Int? {
        guard let level = Self.schoolLevels.first(where: { tokens.matches($0.phrase, at: start) }) else { return nil }
        var end = start + level.phrase.count
        if level.phrase == ["elementary"], tokens.text(at: end) == "school" { end += 1 }
        let namesPupils = Self.pupilWords.contains(tokens.text(at: end))
            || (tokens.text(at: end) == "-" && Self.pupilWords.contains(tokens.text(at: end + 1)))
        let namesSchooling = ["in", "attending", "attend", "attends"].contains(tokens.text(at: start - 1))
        let isWholeText = wholeField && start == 0 && (end == tokens.count || (end == tokens.count - 1 && tokens.text(at: end) == "."))
        guard namesPupils || namesSchooling || isWholeText else { return nil }
        used.formUnion(start..<end)
        add(level.grades.lowerBound, level.grades.upperBound)
        return end
    }

    private mutating func add(_ first: Int, _ last: Int) {
        guard first <= last else { return }
        ranges.append(first...last)
    }

    // MARK: - Words

    /// A grade at `index`: 1–12 (also "6th", "sixth"), K, or Pre-K.
    private static func gradeValue(_ tokens: VocabularyTokens, at index: Int) -> (grade: Int, end: Int)? {
        guard tokens.indices.contains(index) else { return nil }
        let token = tokens[index]
        if token.isNumber, let value = token.number, (1...12).contains(value), tokens.text(at: index + 1) != ":" {
            return (value, index + 1)
        }
        if tokens.text(at: index) == "pre" {
            var next = index + 1
            if tokens.text(at: next) == "-" { next += 1 }
            if ["k", "kindergarten", "kinder"].contains(tokens.text(at: next)) { return (-1, next + 1) }
            return nil
        }
        if let grade = preKindergarten[token.text] ?? kindergarten[token.text] ?? AgeWords.spelledOrdinals[token.text] {
            return (grade, index + 1)
        }
        return nil
    }

    private static let kindergarten: [String: Int] = [
        "k": 0, "kindergarten": 0, "kinder": 0, "kindergartners": 0, "kindergarteners": 0,
    ]
    private static let preKindergarten: [String: Int] = [
        "pk": -1, "prek": -1, "vpk": -1, "tk": -1, "prekindergarten": -1, "prekinder": -1,
    ]

    private static let markers: [String] =
        Array(gradeWords) + Array(kindergarten.keys) + Array(preKindergarten.keys) + ["pre", "elementary", "middle", "high"]

    private static let gradeWords: Set<String> = ["grade", "grades", "grader", "graders", "gr", "grado", "grados"]
    private static let connectors: Set<String> = ["-", "to", "through", "thru", "and", "&", "a", "al", "y", "until"]

    private static let schoolLevels: [(phrase: [String], grades: ClosedRange<Int>)] = [
        (["elementary"], 0...5), (["middle", "school"], 6...8), (["middle", "-", "school"], 6...8),
        (["junior", "high"], 7...8), (["jr", "high"], 7...8), (["high", "school"], 9...12), (["high", "-", "school"], 9...12),
    ]

    private static let pupilWords: Set<String> = [
        "students", "student", "youth", "kids", "children", "girls", "boys", "aged", "age", "teens", "learners",
        "pupils", "schoolers", "graders",
    ]
}
