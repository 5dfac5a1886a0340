import Directory
import Foundation
import Hummingbird
import Matching
import Referrals
import Storage
import Workflows

/// "Match for a student": a needs profile (typed in, or started from a registered student's age,
/// languages and school) ranked by the in-memory matcher, with each suggestion's reasons and the
/// barriers nobody can serve.
struct MatchPage: Sendable {
    let services: WebServices

    struct Page {
        let frame: PageFrame
        let students: [Option]
        let studentChosen: Bool
        let barriers: [Option]
        let tiers: [Option]
        let age: String
        let languages: [Option]
        let insurances: [Option]
        let transportations: [Option]
        let times: [Option]
        let settings: [Option]
        let schools: [Option]
        let ran: Bool
        let results: [BarrierResult]
        let gaps: [GapLine]
        let hasGaps: Bool
    }

    struct BarrierResult {
        let barrier: String
        let services: [Suggestion]
        let hasServices: Bool
    }

    struct Suggestion {
        let rank: Int
        let name: String
        let organization: String
        let score: String
        let reasons: [String]
        let filters: String
        let serviceHref: String
        let referHref: String?
    }

    struct GapLine {
        let barrier: String
        let reason: String
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let form = context.queryForm(request)
        let now = services.clock()
        let barriers = try await services.directory.barriers()
        let schools = try await services.directory.schools()
        let students = try await services.referrals.students(visibleTo: user, limit: 200)
        let student = form["student"].flatMap { id in students.first { $0.id == id } }

        // A chosen student fills what the form leaves blank: age, languages, and the school as "home".
        let age = form["age"] ?? student?.age.map(String.init) ?? ""
        let languageCodes = form.all("language").isEmpty ? (student?.languages.map(\.rawValue) ?? []) : form.all("language")
        let schoolID = form["near_school"] ?? student?.schoolID
        var problems: [String] = []
        var result: MatchResult?
        let chosenBarriers = form.all("barrier")
        // The form says it was submitted (`run`): Match with no barrier is an error, while a link
        // that only names a student (from the student page) just fills the form in.
        if chosenBarriers.isEmpty, form["run"] != nil {
            problems.append(context.words.t("match.choose_barrier"))
        }
        if !chosenBarriers.isEmpty {
            let tier = form["tier"] ?? "2"
            if Int(tier) == nil { problems.append("tier '\(tier)' is not a whole number") }
            let profile = NeedsProfile(
                barriers: chosenBarriers, tier: Int(tier) ?? 2,
                age: Int(age), languages: languageCodes.compactMap { code in
                    guard let language = LanguageCode(rawValue: code) else { problems.append("'\(code)' is not a language code"); return nil }
                    return language
                },
                insurance: form.value("insurance", as: Insurance.self, problems: &problems),
                home: schoolID.flatMap { id in schools.first { $0.id == id }?.coordinates },
                transportation: form.value("transportation", as: FamilyTransportation.self, problems: &problems) ?? .none,
                times: form.all("time", as: TimeWindow.self, problems: &problems),
                settings: form.all("setting", as: Setting.self, problems: &problems))
            if !age.isEmpty, Int(age) == nil { problems.append("age '\(age)' is not a whole number of years") }
            if problems.isEmpty {
                do {
                    // The same use case as the API: validation, matching and gap recording.
                    result = try await services.useCases.matchmaking.match(profile, now: now, limitPerBarrier: 5)
                } catch let refusal as MatchRefusal {
                    problems.append(RefusalWords.text(refusal))
                } catch let violation as InputLimitViolation {
                    problems.append(RefusalWords.text(violation))
                }
            }
        }
        let barrierLabels = Dictionary(barriers.map { ($0.id, Labels.barrier($0.id, $0.label)) }, uniquingKeysWith: { a, _ in a })
        let tier = form["tier"] ?? "2"
        let reasonWords = ReasonWords(words: context.words, display: context.display)
        let results = (result?.results ?? []).map { entry in
            BarrierResult(
                barrier: barrierLabels[entry.barrier] ?? entry.barrier,
                services: entry.services.enumerated().map { position, match in
                    Suggestion(
                        rank: position + 1, name: match.name, organization: match.organizationName,
                        score: String(format: "%.0f%%", match.score * 100), reasons: match.reasons.map(reasonWords.text),
                        filters: match.passedFilters.map { Labels.word("filter", $0.rawValue) }.joined(separator: ", "),
                        serviceHref: WebPaths.service(match.serviceID),
                        referHref: "/coordinator/referrals/new" + WebPaths.query([
                            ("student", student?.id), ("service", match.serviceID), ("barrier", entry.barrier), ("tier", tier),
                        ]))
                },
                hasServices: !entry.services.isEmpty)
        }
        let gaps = (result?.gaps ?? []).map { gap in
            let label = barrierLabels[gap.barrier] ?? gap.barrier
            return GapLine(barrier: label, reason: reasonWords.text(gap, need: label))
        }
        let mine = Set(user.schoolIDs)
        let orderedSchools = schools.filter { mine.contains($0.id) } + schools.filter { !mine.contains($0.id) }
        return services.renderer.render("match", Page(
            frame: PageFrame(title: context.words.t("nav.match"), context: context, path: request.uri.path,
                           error: problems.isEmpty ? nil : context.words.t("match.cannot", ["problems": problems.joined(separator: "; ")])),
            students: students.map {
                Option(value: $0.id, label: context.words.t("match.student_option", ["id": $0.districtStudentID, "grade": $0.grade ?? "?"]), selected: $0.id == student?.id)
            },
            studentChosen: student != nil,
            barriers: barriers.map { Option(value: $0.id, label: Labels.barrier($0.id, $0.label), selected: chosenBarriers.contains($0.id)) },
            tiers: ["1", "2", "3"].map { Option(value: $0, label: context.words.t("tier.\($0)"), selected: $0 == tier) },
            age: age, languages: Labels.languageOptions(chosen: languageCodes),
            insurances: Option.list(Insurance.self, chosen: form.all("insurance"), label: Labels.insurance),
            transportations: Option.list(FamilyTransportation.self, chosen: [form["transportation"] ?? "none"], label: Labels.transportation),
            times: Option.list(TimeWindow.self, chosen: form.all("time")) { Labels.word("time", $0.rawValue) },
            settings: Option.list(Setting.self, chosen: form.all("setting")) { Labels.word("setting", $0.rawValue) },
            schools: orderedSchools.map { Option(value: $0.id, label: $0.name, selected: $0.id == schoolID) },
            ran: result != nil, results: results, gaps: gaps, hasGaps: !gaps.isEmpty))
    }
}
