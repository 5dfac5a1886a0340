import Directory
import Foundation

/// A `<SiteService>` as a directory `Service`. What the service does not say itself it inherits from
/// its site, then its agency (languages, hours, phones, URL, email, verification date), because AIRS
/// records those once at the level they apply to.
extension AIRSRecordAssembler {
    func makeService(
        _ draft: AIRSServiceDraft, key: String, site: AIRSSiteDraft, agency: AIRSRecordDraft, organizationID: String,
        siteIsTransitAccessible: Bool
    ) -> Service {
        let record = draft.record
        let chain = [record, site.record, agency]
        let codes = taxonomyCodes(draft, recordID: key)
        let facets = classify(codes, line: record.line, recordID: key)
        let languages = self.languages(chain, recordID: key)
        let wording = LowercasedText(record.name + "\n" + record.description)
        let interpretationTexts = [record, site.record].flatMap(\.interpretationTexts)
        // Interpretation named anywhere is offered; an `<InterpretationServices>` that only says no is
        // a stated no; nothing said leaves it unknown.
        let interpreter: Bool? =
            languages.interpreterAvailable || AIRSLanguages.mentionsInterpretation(record.description)
                || interpretationTexts.contains(where: Self.affirms)
            ? true : (interpretationTexts.isEmpty ? nil : false)
        return Service(
            id: directoryID(key), organizationID: organizationID, name: record.name, description: record.description,
            url: chain.lazy.compactMap { $0.urls.first }.first, email: chain.lazy.compactMap { $0.emails.first }.first,
            domains: facets.domains, intensity: facets.intensity,
            ages: ages(draft, recordID: key),
            settings: AIRSSettingText.settings(in: wording),
            transportation: AIRSSettingText.transportation(in: wording, siteIsTransitAccessible: siteIsTransitAccessible),
            languages: languages.codes,
            interpreterAvailable: interpreter,
            cost: memo.cost(fees: draft.feeTexts, eligibility: draft.eligibilityTexts),
            enrollment: AIRSEnrollmentText.enrollment(
                intake: draft.intakeTexts, methods: memo.intakeMethods(draft.intakeTexts), description: record.description),
            hours: hours(chain.dropLast(), recordID: key),
            serviceArea: ServiceArea(postalCodes: FeedText.postalCodes(in: draft.serviceAreaTexts.joined(separator: "\n"))),
            taxonomyCodes: codes,
            phones: chain.first { !$0.phones.isEmpty }?.phones ?? [],
            provenance: provenance(key: key, chain: chain))
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
                                 "'\(part.text)' is not an AIRS taxonomy code; dropped")
                    continue
                }
                if !codes.contains(part.text) { codes.append(part.text) }
            }
        }
        return codes
    }

    /// Domains and intensity from the seed's barriers. Codes no barrier covers are counted per service
    /// and warned about once per code (a 211 feed holds many services schools never refer to).
    /// Target codes (`Y…`, who is served) are not service codes and are neither mapped nor counted.
    private func classify(_ codes: [String], line: Int, recordID: String) -> (domains: [Domain], intensity: Intensity?) {
        if codes.isEmpty {
            log.warning(line: line, field: "Taxonomy", recordID: recordID,
                        "<SiteService> has no taxonomy code; imported with no domain, its intensity left unknown")
        }
        let serviceCodes = codes.filter { !$0.hasPrefix("Y") }
        let facets = memo.facets(serviceCodes)
        for code in facets.unmapped {
            log.countUnmapped(code)
            log.warnOnce("unmapped:\(code)", line: line, field: "Taxonomy", recordID: recordID,
                         "taxonomy code '\(code)' is not under any barrier's prefixes; it adds no domain or intensity")
        }
        return (facets.domains, facets.intensity)
    }

    /// The service's own ages; else an eligibility sentence that talks about age; else unknown.
    private func ages(_ draft: AIRSServiceDraft, recordID: String) -> AgeRange {
        switch memo.ages(draft.ages) {
        case .stated(let range):
            return range
        case .unreadable(let text):
            log.warning(line: draft.record.line, field: "AgeRequirements", recordID: recordID,
                        "ages '\(text)' could not be read; ages left unknown")
            return AgeRange()
        case .unstated:
            let sentences = draft.eligibilityTexts.filter { $0.lowercased().contains("age") }
            return sentences.lazy.compactMap(AIRSAgeDraft.range(inSentence:)).first ?? AgeRange()
        }
    }

    /// The first `<Languages>` along the chain; dropped names are warned about once per name.
    private func languages(_ chain: [AIRSRecordDraft], recordID: String) -> AIRSLanguages {
        guard let owner = chain.first(where: { !$0.languageTexts.isEmpty }) else { return AIRSLanguages() }
        let languages = memo.languages(owner.languageTexts)
        for (name, reason) in languages.dropped {
            log.warnOnce("language:\(name.lowercased())", line: owner.line, field: "Languages", recordID: recordID,
                         "language '\(name)' \(reason)")
        }
        return languages
    }

    /// The first `<TimeOpen>` of the service, else of its site. Unreadable text is warned about once
    /// per record that holds it and gives no hours.
    private func hours(_ chain: ArraySlice<AIRSRecordDraft>, recordID: String) -> [OpeningHours] {
        guard let owner = chain.first(where: { !$0.hours.isEmpty }) else { return [] }
        let (hours, unreadable) = memo.openingHours(owner.hours)
        for text in unreadable {
            log.warnOnce("hours:\(owner.kind):\(owner.key):\(text)", line: owner.line, field: "TimeOpen", recordID: recordID,
                         "hours '\(text)' could not be read; no hours imported from it")
        }
        return hours
    }

    /// `<InterpretationServices>`: anything but a plain no means interpretation is offered.
    private static func affirms(_ text: String) -> Bool {
        !["no", "none", "n/a", "na", "not available", "false"].contains(text.lowercased())
    }
}
