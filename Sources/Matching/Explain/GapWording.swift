import Directory

/// The English sentence that tells a coordinator why a barrier has no suggestion, naming only the
/// filters that removed candidates: "no Vietnamese-speaking provider for anxiety within 25 km".
/// It is the API's `reason` and what the gaps report keeps; the pages word the same
/// `GapExplanation` through the catalogs (`reason.gap.*`), in the reader's language and unit.
struct GapWording {
    let explanation: GapExplanation
    let barrier: Barrier

    init(_ prepared: PreparedProfile, barrier: Barrier, tally: FilterTally) {
        self.explanation = Self.explanation(prepared, tally: tally)
        self.barrier = barrier
    }

    /// The facts behind the sentence, from the tally of what each filter removed.
    static func explanation(_ prepared: PreparedProfile, tally: FilterTally) -> GapExplanation {
        guard tally.lastRemoving != nil else { return .noneInDirectory }
        let profile = prepared.profile
        var seen = Set<LanguageCode>()
        var filters = GapFilters()
        if tally.removedAny(.language) { filters.languages = profile.languages.filter { seen.insert($0).inserted } }
        filters.noInterpreter = tally.lastRemoving == .language
        if tally.removedAny(.age) { filters.age = profile.age }
        if tally.removedAny(.cost) { filters.coverage = profile.insurance }
        filters.openForEnrollment = tally.removedAny(.enrollment)
        if tally.removedAny(.serviceArea) {
            let radii = tally.radiiKm
            filters.area = radii.count == 1 ? .within(km: radii.first!) : .reachingHome
        }
        return .filtered(filters)
    }

    var sentence: String {
        let need = Wording.midSentence(barrier.label.isEmpty ? barrier.id : barrier.label)
        guard case .filtered(let filters) = explanation else { return "no provider for \(need) in the directory" }
        let speaking = filters.languages.isEmpty ? "" : languageAdjective(filters.languages) + " "
        var sentence = "no \(speaking)provider for \(need)"
        let predicates = self.predicates(filters)
        if predicates.count == 1, let area = filters.area {
            sentence += " " + self.area(area)
        } else if !predicates.isEmpty {
            sentence += " that " + Wording.list(predicates)
        }
        if filters.noInterpreter { sentence += ", and none offers an interpreter" }
        return sentence
    }

    private func predicates(_ filters: GapFilters) -> [String] {
        var predicates: [String] = []
        if let age = filters.age { predicates.append("serves age \(age)") }
        if let coverage = filters.coverage {
            predicates.append(coverage == .uninsured
                ? "is free or sliding-scale for uninsured families" : "accepts " + Wording.coverage(coverage))
        }
        if filters.openForEnrollment { predicates.append("is open for enrollment") }
        switch filters.area {
        case .within(let km)?: predicates.append("is within " + Wording.kilometres(km))
        // "that serves age 12 and reaches this home" ("is whose service area …" read wrong).
        case .reachingHome?: predicates.append("reaches this home")
        case nil: break
        }
        return predicates
    }

    /// "Vietnamese-speaking", "Vietnamese- or Somali-speaking".
    private func languageAdjective(_ languages: [LanguageCode]) -> String {
        let names = languages.map(\.displayName)
        guard let last = names.last else { return "" }
        return Wording.list(names.dropLast().map { $0 + "-" } + [last + "-speaking"], conjunction: "or")
    }

    private func area(_ area: GapArea) -> String {
        switch area {
        case .within(let km): "within " + Wording.kilometres(km)
        case .reachingHome: "whose service area reaches this home"
        }
    }
}
