import Directory

/// The sentence that tells a coordinator why a barrier has no suggestion, naming only the
/// filters that removed candidates: "no Vietnamese-speaking provider for anxiety within 25 km".
///
/// Filters that removed nothing are left out — the survivors are the same without them, so the
/// sentence stays true and short.
struct GapWording {
    let prepared: PreparedProfile
    let barrier: Barrier
    let tally: FilterTally

    init(_ prepared: PreparedProfile, barrier: Barrier, tally: FilterTally) {
        self.prepared = prepared
        self.barrier = barrier
        self.tally = tally
    }

    var sentence: String {
        let need = Wording.midSentence(barrier.label.isEmpty ? barrier.id : barrier.label)
        guard tally.lastRemoving != nil else { return "no provider for \(need) in the directory" }
        let speaking = tally.removedAny(.language) ? languageAdjective + " " : ""
        var sentence = "no \(speaking)provider for \(need)"
        let predicates = self.predicates
        if predicates.count == 1, tally.removedAny(.serviceArea) {
            sentence += " " + area
        } else if !predicates.isEmpty {
            sentence += " that " + Wording.list(predicates)
        }
        if tally.lastRemoving == .language { sentence += ", and none offers an interpreter" }
        return sentence
    }

    private var predicates: [String] {
        var predicates: [String] = []
        if tally.removedAny(.age), let age = prepared.profile.age { predicates.append("serves age \(age)") }
        if tally.removedAny(.cost), let coverage = prepared.profile.insurance {
            predicates.append(coverage == .uninsured
                ? "is free or sliding-scale for uninsured families" : "accepts " + Wording.coverage(coverage))
        }
        if tally.removedAny(.enrollment) { predicates.append("is open for enrollment") }
        if tally.removedAny(.serviceArea) { predicates.append("is " + area) }
        return predicates
    }

    /// "Vietnamese-speaking", "Vietnamese- or Somali-speaking".
    private var languageAdjective: String {
        var seen = Set<LanguageCode>()
        let names = prepared.profile.languages.filter { seen.insert($0).inserted }.map(\.displayName)
        guard let last = names.last else { return "" }
        return Wording.list(names.dropLast().map { $0 + "-" } + [last + "-speaking"], conjunction: "or")
    }

    private var area: String {
        let radii = tally.radiiKm
        if radii.count == 1, let radius = radii.first { return "within " + Wording.kilometres(radius) }
        return "whose service area reaches this home"
    }
}
