import Directory
import Foundation

/// A `<SiteService>` as a directory `Service`. What the service does not say itself it inherits from
/// its site, then its agency (languages, hours, phones, URL, email, verification date), because AIRS
/// records those once at the level they apply to. Every fact is read by the shared vocabulary
/// (`StatedAges`, `StatedCost`, `StatedLanguages`, `StatedEnrollment`, `StatedSetting`), fields
/// first; what only the name or description states is marked inferred in the provenance.
extension AIRSRecordAssembler {
    func makeService(
        _ draft: AIRSServiceDraft, key: String, site: AIRSSiteDraft, agency: AIRSRecordDraft, organizationID: String,
        siteIsTransitAccessible: Bool, active: Bool
    ) -> Service {
        let record = draft.record
        let chain = [record, site.record, agency]
        let codes = taxonomyCodes(draft, recordID: key)
        let facets = classify(codes, line: record.line, recordID: key)
        let name = plainName(record)
        let description = plainDescription(record, recordID: key)
        let prose = memo.prose(name + "\n\n" + description)
        var inferred: Set<InferredFact> = []

        let ages = self.ages(draft, prose: prose, inferred: &inferred, recordID: key)
        let languages = self.languages(chain, interpretation: [record, site.record].flatMap(\.interpretationTexts),
                                       prose: prose, inferred: &inferred, recordID: key)
        let cost = self.cost(draft, prose: prose, inferred: &inferred, recordID: key)
        let enrollment = self.enrollment(draft, prose: prose, inferred: &inferred)
        if !prose.settings.isEmpty { inferred.insert(.settings) }
        let transportation: Transportation?
        if let stated = prose.transportation {
            inferred.insert(.transportation)
            transportation = stated
        } else {
            transportation = siteIsTransitAccessible ? .transitAccessible : nil
        }
        var hours = self.hours(chain.dropLast(), recordID: key)
        if hours.isEmpty, let described = prose.hours {
            hours = described
            inferred.insert(.hours)
        }
        return Service(
            id: directoryID(key), organizationID: organizationID, name: name, description: description,
            url: chain.lazy.compactMap { $0.urls.first }.first, email: chain.lazy.compactMap { $0.emails.first }.first,
            domains: facets.domains, intensity: facets.intensity,
            ages: ages,
            settings: prose.settings,
            transportation: transportation,
            languages: languages.codes,
            interpreterAvailable: languages.interpreterAvailable,
            cost: cost,
            enrollment: enrollment,
            hours: hours,
            serviceArea: ServiceArea(postalCodes: FeedText.postalCodes(in: draft.serviceAreaTexts.joined(separator: "\n"))),
            taxonomyCodes: codes,
            phones: chain.first { !$0.phones.isEmpty }?.phones ?? [],
            provenance: provenance(key: key, chain: chain, inferred: inferred),
            active: active)
    }

    /// Codes as written ("BD-1800.2000"), split where AIRS links codes ("BD-1800.2000 * YB-8000"),
    /// upper-cased, each once. Text that is not a code is dropped with a warning.
    private func taxonomyCodes(_ draft: AIRSServiceDraft, recordID: String) -> [String] {
        var codes: [String] = []
        for text in draft.taxonomyTexts {
            for part in memo.taxonomyParts(text) {
                guard part.isCode else {
                    let code = part.text.trimmingCharacters(in: .whitespaces).uppercased()
                    log.warnOnce("code:\(code)", line: draft.record.line, field: "Taxonomy", recordID: recordID,
                                 kind: .unmappedTaxonomy, "'\(part.text)' is not an AIRS taxonomy code; dropped")
                    continue
                }
                if !codes.contains(part.text) {
                    codes.append(part.text)
                    log.noteTaxonomyCode(part.text, source: source)
                }
            }
        }
        return codes
    }

    /// Domains and intensity from the seed's barriers. Codes no barrier covers are counted per service
    /// and warned about once per code (a 211 feed holds many services schools never refer to).
    /// Target codes (`Y…`, who is served) are not service codes and are neither mapped nor counted.
    private func classify(_ codes: [String], line: Int, recordID: String) -> (domains: [Domain], intensity: Intensity?) {
        if codes.isEmpty {
            log.warning(line: line, field: "Taxonomy", recordID: recordID, kind: .unmappedTaxonomy,
                        "<SiteService> has no taxonomy code; imported with no domain, its intensity left unknown")
        }
        let serviceCodes = codes.filter { !$0.hasPrefix("Y") }
        let facets = memo.facets(serviceCodes)
        for code in facets.unmapped {
            log.countUnmapped(code)
            log.warnOnce("unmapped:\(code)", line: line, field: "Taxonomy", recordID: recordID, kind: .unmappedTaxonomy,
                         "taxonomy code '\(code)' is not under any barrier's prefixes; it adds no domain or intensity")
        }
        return (facets.domains, facets.intensity)
    }

    /// `<AgeRequirements>` min/max elements, else its text; else an `<Eligibility>` sentence that
    /// plainly speaks of age, else the name and description (both inferred); else unknown.
    private func ages(
        _ draft: AIRSServiceDraft, prose: FreeTextFacts, inferred: inout Set<InferredFact>, recordID: String
    ) -> AgeRange {
        switch memo.ages(draft.ages) {
        case .stated(let range):
            return range
        case .unreadable(let unreadable):
            log.warning(line: draft.record.line, field: "AgeRequirements", recordID: recordID, kind: .unreadableAges,
                        "ages \(unreadable); ages read from the eligibility or description if they state them, else unknown")
        case .unstated:
            break
        }
        let fromEligibility = draft.eligibilityTexts.lazy
            .compactMap { StatedAges.fromFreeText(FeedPlainText.plainText($0)) }.first
        guard let stated = fromEligibility ?? prose.ages else { return AgeRange() }
        inferred.insert(.ages)
        return AgeRange(min: stated.min, max: stated.max)
    }

    /// The first `<Languages>` along the chain (service, site, agency), with `<InterpretationServices>`
    /// of the service or site; the description adds languages only when no field names any, and the
    /// interpreter flag only when no field states it. Dropped names are warned about once per name.
    private func languages(
        _ chain: [AIRSRecordDraft], interpretation: [String], prose: FreeTextFacts, inferred: inout Set<InferredFact>,
        recordID: String
    ) -> (codes: [LanguageCode], interpreterAvailable: Bool?) {
        var stated = StatedLanguages()
        if let owner = chain.first(where: { !$0.languageTexts.isEmpty }) {
            if let read = memo.languages(owner.languageTexts) {
                stated = read
                for dropped in read.dropped {
                    log.warnOnce("language:\(dropped.name.lowercased())", line: owner.line, field: "Languages", recordID: recordID,
                                 kind: .droppedLanguageName, "language \(dropped)")
                }
            } else {
                log.warnOnce("languages:\(owner.kind):\(owner.key)", line: owner.line, field: "Languages", recordID: recordID,
                             kind: .unreadableLanguages,
                             "languages '\(owner.languageTexts.joined(separator: "; "))' name no language; languages left unknown")
            }
        }
        // Interpretation stated anywhere is offered; a field that only says no is a stated no.
        let fieldAnswers = interpretation.compactMap { StatedLanguages.interpreterField(FeedPlainText.singleLine($0)) }
        var interpreter = stated.interpreterAvailable
        if fieldAnswers.contains(true) { interpreter = true } else if interpreter == nil, fieldAnswers.contains(false) { interpreter = false }

        var codes = stated.codes
        guard codes.isEmpty || interpreter != true, let described = prose.languages else { return (codes, interpreter) }
        if codes.isEmpty, !described.codes.isEmpty {
            codes = described.codes
            inferred.insert(.languages)
        }
        if interpreter != true, let offered = described.interpreterAvailable, offered || interpreter == nil {
            interpreter = offered
            inferred.insert(.interpreter)
        }
        return (codes, interpreter)
    }

    /// `<FeeStructure>` and payment elements, with coverage from `<Eligibility>`; the name and
    /// description (inferred) only for what those leave unstated.
    private func cost(
        _ draft: AIRSServiceDraft, prose: FreeTextFacts, inferred: inout Set<InferredFact>, recordID: String
    ) -> Cost {
        let reading = memo.cost(fees: draft.feeTexts, eligibility: draft.eligibilityTexts)
        for text in reading.unreadableFees {
            log.warning(line: draft.record.line, field: "FeeStructure", recordID: recordID, kind: .unreadableCost,
                        "fees '\(text)' state no cost this reader can tell (free, a fee or a sliding scale); cost left unknown")
        }
        var cost = Cost(kind: reading.stated?.kind, insurance: reading.stated?.insurance ?? [])
        if cost.kind == nil || cost.insurance.isEmpty, let described = prose.cost {
            if cost.kind == nil, let kind = described.kind {
                cost.kind = kind
                inferred.insert(.cost)
            }
            if cost.insurance.isEmpty, !described.insurance.isEmpty {
                cost.insurance = described.insurance
                inferred.insert(.insurance)
            }
        }
        return cost
    }

    /// `<ApplicationProcess>` for intake methods, status and wait; the name and description (inferred)
    /// for a status the intake text does not state.
    private func enrollment(_ draft: AIRSServiceDraft, prose: FreeTextFacts, inferred: inout Set<InferredFact>) -> Enrollment {
        let stated = memo.enrollment(draft.intakeTexts)
        var enrollment = Enrollment(
            status: stated?.status, waitlistWeeks: stated?.waitlistWeeks, intakeMethods: stated?.intakeMethods ?? [])
        if enrollment.status == nil, let described = prose.enrollment, let status = described.status {
            enrollment.status = status
            enrollment.waitlistWeeks = described.waitlistWeeks
            inferred.insert(.enrollment)
        }
        return enrollment
    }

    /// The first `<TimeOpen>` of the service, else of its site. Unreadable text is warned about once
    /// per record that holds it and gives no hours.
    private func hours(_ chain: ArraySlice<AIRSRecordDraft>, recordID: String) -> [OpeningHours] {
        guard let owner = chain.first(where: { !$0.hours.isEmpty }) else { return [] }
        let (hours, unreadable) = memo.openingHours(owner.hours)
        for text in unreadable {
            log.warnOnce("hours:\(owner.kind):\(owner.key):\(text)", line: owner.line, field: "TimeOpen", recordID: recordID,
                         kind: .unreadableHours, "hours '\(text)' could not be read; no hours imported from it")
        }
        return hours
    }
}
