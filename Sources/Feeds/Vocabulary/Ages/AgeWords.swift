/// Words the age reader knows, folded as `VocabularyTokens` folds them (lower case, no accents).
enum AgeWords {
    /// Above this a number is not an age.
    static let oldestAge = 120

    static let yearUnits: Set<String> = ["years", "year", "yrs", "yr", "yo", "anos", "ano"]
    static let monthUnits: Set<String> = ["months", "month", "mos", "mo", "meses", "mes"]

    /// Words right before a number that make it an age: "ages 5-18", "aged 3", "edad 5".
    static let cues: Set<String> = ["age", "ages", "aged", "edad", "edades"]

    /// People named right before a number that is their age: "youth 13 to 24", "Seniors 62 and over",
    /// "children under 12".
    static let groups: Set<String> = [
        "youth", "youths", "children", "child", "kids", "kid", "teens", "teen", "teenagers", "adolescents", "adults",
        "adult", "seniors", "elders", "students", "infants", "toddlers", "babies", "girls", "boys", "women", "men",
        "persons", "people", "individuals", "residents", "participants", "clients", "patients", "veterans", "survivors",
        "siblings", "parents", "mothers", "fathers", "moms", "dads", "families", "learners", "campers", "members",
        "jovenes", "ninos", "ninas", "adultos", "personas", "mujeres", "hombres", "estudiantes", "adolescentes",
        "mayores", "menores", "alumnos",
    ]

    /// Age words in a field about ages (HSDS 1.x eligibility and the usual synonyms), with the ages
    /// the school-age convention gives them. Phrases of two words are looked for first.
    static let groupAges: [(phrase: [String], min: Int?, max: Int?)] = [
        (["young", "adults"], 18, 24), (["young", "adult"], 18, 24), (["older", "adults"], 60, nil),
        (["older", "adult"], 60, nil), (["adultos", "mayores"], 60, nil), (["personas", "mayores"], 60, nil),
        (["tercera", "edad"], 60, nil), (["young", "people"], 12, 24), (["school", "age"], 5, 18),
        (["school", "-", "age"], 5, 18), (["school", "aged"], 5, 18), (["school", "-", "aged"], 5, 18),
        (["infant"], 0, 1), (["infants"], 0, 1), (["baby"], 0, 1), (["babies"], 0, 1), (["newborn"], 0, 1),
        (["newborns"], 0, 1), (["bebes"], 0, 1), (["toddler"], 1, 3), (["toddlers"], 1, 3),
        (["preschool"], 3, 5), (["preschooler"], 3, 5), (["preschoolers"], 3, 5), (["pre", "-", "school"], 3, 5),
        (["child"], 0, 12), (["children"], 0, 12), (["kids"], 0, 12), (["ninos"], 0, 12), (["ninas"], 0, 12),
        (["teen"], 13, 19), (["teens"], 13, 19), (["teenager"], 13, 19), (["teenagers"], 13, 19),
        (["adolescent"], 13, 19), (["adolescents"], 13, 19), (["adolescentes"], 13, 19),
        (["youth"], 12, 24), (["jovenes"], 12, 24),
        (["adult"], 18, nil), (["adults"], 18, nil), (["adultos"], 18, nil),
        (["senior"], 60, nil), (["seniors"], 60, nil), (["elderly"], 60, nil), (["elders"], 60, nil),
    ]

    /// People of school age: in free text, grades become ages only next to one of these.
    static let schoolAgePeople: Set<String> = [
        "students", "student", "children", "child", "kids", "kid", "youth", "youths", "pupils", "teens", "teenagers",
        "adolescents", "kindergarten", "kindergartners", "boys", "girls", "estudiantes", "alumnos", "ninos", "ninas",
        "jovenes", "adolescentes",
    ]

    /// "all ages", "any age", "no age limit": every age, stated.
    static let everyAge: [[String]] = [
        ["all", "ages"], ["any", "age"], ["no", "age", "limit"], ["no", "age", "limits"], ["no", "age", "restriction"],
        ["no", "age", "restrictions"], ["no", "age", "requirement"], ["no", "age", "requirements"], ["everyone"],
        ["todas", "las", "edades"],
    ]

    /// Numbers written as words ("ages six to 12", "birth to age three").
    static let spelledNumbers: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70,
        "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
        "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
        "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21,
    ]

    /// Words for the first age of life: "birth to 5", "newborn to 3", "desde el nacimiento".
    static let birth: Set<String> = ["birth", "newborn", "newborns", "nacimiento", "prenatal"]

    /// Ordinal grades written as words ("sixth through eighth grade").
    static let spelledOrdinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
        "primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4, "quinto": 5, "sexto": 6,
        "septimo": 7, "octavo": 8, "noveno": 9, "decimo": 10,
    ]
}
