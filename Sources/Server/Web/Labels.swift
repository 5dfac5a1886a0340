import Directory
import Foundation
import Matching
import Referrals
import Storage

/// One `<option>` (or checkbox) of a form: the wire value, what people read, and whether it is chosen.
struct Option: Sendable {
    let value: String
    let label: String
    let selected: Bool

    /// Options for a vocabulary enum, with `chosen` values marked.
    static func list<T: RawRepresentable & CaseIterable>(
        _ type: T.Type, chosen: [String] = [], label: (T) -> String
    ) -> [Option] where T.RawValue == String {
        T.allCases.map { Option(value: $0.rawValue, label: label($0), selected: chosen.contains($0.rawValue)) }
    }
}

/// The words people read for the vocabularies' codes.
enum Labels {
    /// What a page shows for a facet the service does not state: never a default in its place.
    static let notListed = "not listed — ask"

    static func humanized(_ code: String) -> String {
        let words = code.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func state(_ state: ReferralState) -> String {
        switch state {
        case .enteredInError: "Entered in error"
        default: humanized(state.rawValue)
        }
    }

    static func action(_ action: ReferralAction) -> String {
        switch action {
        case .send: "Send to partner"
        case .accept: "Accept"
        case .decline: "Decline"
        case .waitlist: "Waitlist"
        case .schedule: "Schedule intake"
        case .confirmConnection: "Confirm connection"
        case .close: "Close"
        case .cancel: "Cancel referral"
        case .markUnreachable: "Mark unreachable"
        case .contactAttempt: "Record contact attempt"
        case .markEnteredInError: "Mark entered in error"
        case .familyReport: "Family check-in"
        case .familyConfirmConnection: "Family confirmed the connection"
        }
    }

    static func intensity(_ intensity: Intensity) -> String {
        switch intensity {
        case .prevention: "Prevention (Tier 1)"
        case .earlyIntervention: "Early intervention (Tier 2)"
        case .intensive: "Intensive (Tier 3)"
        }
    }

    static func intensity(stated intensity: Intensity?) -> String { intensity.map(Self.intensity) ?? notListed }

    /// "5–18", "19 and over", "up to 5".
    static func ages(_ ages: AgeRange) -> String {
        switch (ages.min, ages.max) {
        case let (min?, max?): "\(min)–\(max)"
        case let (min?, nil): "\(min) and over"
        case let (nil, max?): "up to \(max)"
        case (nil, nil): notListed
        }
    }

    static func domains(_ domains: [Domain]) -> String {
        domains.isEmpty ? notListed : domains.map { humanized($0.rawValue) }.joined(separator: ", ")
    }

    /// The languages spoken and whether an interpreter is available, as far as the service says.
    static func languages(_ service: Service) -> String {
        let names = service.languages.map(language).joined(separator: ", ")
        switch (names.isEmpty, service.interpreterAvailable) {
        case (true, true?): return "Interpreter available; languages " + notListed
        case (true, _): return notListed
        case (false, true?): return names + " (interpreter available)"
        case (false, _): return names
        }
    }

    static func insurance(_ insurance: Insurance) -> String {
        switch insurance {
        case .medicaid: "Medicaid"
        case .chip: "CHIP"
        case .private: "Private insurance"
        case .uninsured: "Uninsured"
        }
    }

    static func transportation(_ value: FamilyTransportation) -> String {
        switch value {
        case .none: "Walks only"
        case .transit: "Public transit"
        case .car: "Has a car"
        }
    }

    static func enrollment(_ enrollment: Enrollment) -> String {
        switch enrollment.status {
        case .open: enrollment.capacity.map { "Open (\($0) places)" } ?? "Open"
        case .waitlist: enrollment.waitlistWeeks.map { "Waitlist, about \(count($0, "week"))" } ?? "Waitlist"
        case .closed: "Closed"
        case nil: notListed
        }
    }

    static func cost(_ cost: Cost) -> String {
        let kind = cost.kind.map { humanized($0.rawValue) } ?? "Cost " + notListed
        return cost.insurance.isEmpty ? kind : "\(kind); accepts \(cost.insurance.map(insurance).joined(separator: ", "))"
    }

    static func language(_ code: LanguageCode) -> String { code.displayName }

    static func languageOptions(chosen: [String]) -> [Option] {
        LanguageCode.commonInDistricts.map { (code: $0.rawValue, name: $0.displayName) }.sorted { $0.name < $1.name }
            .map { Option(value: $0.code, label: $0.name, selected: chosen.contains($0.code)) }
    }

    /// "1 week", "3 weeks": a number with its noun, singular for one.
    static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
    }

    /// The field a form asks for, as the form names it ("intake date", not `intake_date`).
    static func field(_ name: String) -> String {
        switch name {
        case RequiredField.intakeDate.rawValue: "the intake date"
        case RequiredField.firstServiceDate.rawValue: "the first service date"
        case RequiredField.confirmedBy.rawValue: "who confirmed the connection"
        case RequiredField.reason.rawValue: "a reason"
        case RequiredField.expectedWait.rawValue: "the expected wait (weeks, or “not known”)"
        default: name.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A refused referral change in words for the page; the API keeps its codes and field names.
    static func refusal(_ error: ReferralStoreError) -> String {
        guard case .transition(let transition) = error else { return error.description }
        switch transition {
        case .illegal(let from, let action, let allowed):
            let options = allowed.map { self.action($0).lowercased() }
            return "a referral that is \(state(from).lowercased()) cannot be changed with “\(self.action(action).lowercased())”"
                + (options.isEmpty ? "" : "; what it allows now: \(options.joined(separator: ", "))")
        case .forbidden(let role, let action):
            return "\((PageFrame.roleLabels[role] ?? role.rawValue).lowercased()) users may not \(self.action(action).lowercased())"
        case .missingFields(let names):
            return "fill in " + names.map(field).joined(separator: " and ")
        case .invalidField(let name, let message):
            return "\(field(name)): \(message)"
        case .firstServiceBeforeIntake(let intake, let first):
            return "the intake was scheduled for \(intake); confirm that the first service was on \(first)"
        case .consentRequired, .notEnoughContactAttempts:
            return transition.message.replacingOccurrences(of: "mark_unreachable", with: "marking a family unreachable")
        }
    }

    static func day(_ date: Date?) -> String {
        date.map { CalendarDate($0).description } ?? ""
    }
}
