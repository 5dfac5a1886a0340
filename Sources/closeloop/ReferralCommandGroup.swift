import ArgumentParser
import Foundation
import Referrals
import Storage
import TextFormats
import Workflows

/// `closeloop referral show|list`: the loop from a terminal, with an admin's view of the district.
struct ReferralCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral", abstract: "Show and list referrals.", subcommands: [Show.self, List.self])

    /// The CLI runs with the district's whole view; reads are audited as the local operator.
    static let operatorUser = User(id: "cli", email: "cli@localhost", role: .admin)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one referral with its events.")

        @Argument(help: "The referral id.")
        var id: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let id = self.id
            let (referral, followUp) = try await database.withStore(logger: makeLogger()) { store in
                let referrals = ReferralStore(database: store.database)
                let now = Date()
                do {
                    let referral = try await ReferralActions(referrals: referrals).referral(id: id, visibleTo: operatorUser, now: now)
                    return (referral, try await ReferralLists(referrals: referrals).followUp(on: referral, now: now))
                } catch let error as ReferralStoreError {
                    throw CommandFailure(error.description)
                }
            }
            print("referral \(referral.id)  state \(referral.state.rawValue) (FHIR \(referral.state.fhirTaskStatus.rawValue))  version \(referral.version)")
            print("student \(referral.studentID)  school \(referral.schoolID)  barrier \(referral.barrier)")
            print("service \(referral.serviceID)  organization \(referral.organizationID)")
            if let previous = referral.previousReferralID { print("re-referral of \(previous)") }
            if let followUp { print("follow-up due since \(followUp.dueSince): \(followUp.message)") }
            print("")
            for event in referral.events {
                var line = "\(event.sequence). \(Self.format(event.at))  \(event.action.rawValue)  \(event.from.rawValue) → \(event.to.rawValue)  by \(event.role.rawValue) \(event.actorID)"
                if let reason = event.reason { line += "  reason \(reason.rawValue)" }
                if let intake = event.intakeDate { line += "  intake \(intake)" }
                if let first = event.firstServiceDate { line += "  first service \(first)" }
                if let confirmer = event.confirmedBy { line += "  confirmed by \(confirmer.rawValue)" }
                switch event.expectedWait {
                case .weeks(let weeks)?: line += "  expected wait \(weeks) weeks"
                case .notKnown?: line += "  expected wait not known"
                case nil: break
                }
                if let note = event.note { line += "  — \(note)" }
                print(line)
            }
            if referral.events.isEmpty { print("(no events: a draft)") }
        }

        static func format(_ date: Date) -> String {
            ISO8601DateFormatter.string(from: date, timeZone: .gmt, formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withSpaceBetweenDateAndTime])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List referrals, newest first, or those with a follow-up due.")

        @Flag(help: "Only referrals with a follow-up due, oldest due first.")
        var overdue = false

        @Option(help: "Only this state (draft, referred, accepted, …).")
        var state: String?

        @Option(help: "Only this school.")
        var school: String?

        @Option(help: "Only this organization.")
        var organization: String?

        @Option(help: "At most this many.")
        var limit = 100

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            var states: [ReferralState] = []
            if let state {
                guard let parsed = ReferralState(rawValue: state) else {
                    throw CommandFailure("unknown state '\(state)'; one of \(ReferralState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                states = [parsed]
            }
            let filter = ReferralFilter(states: states, schoolID: school, organizationID: organization, overdueOnly: overdue, limit: limit)
            // With --overdue, the longest overdue first (the use case's order, as the API's follow-ups).
            let found = try await database.withStore(logger: makeLogger()) { store in
                try await ReferralLists(referrals: ReferralStore(database: store.database)).list(filter, visibleTo: operatorUser, now: Date())
            }
            var table = TextTable(
                ["referral", "state", "school", "organization", "barrier", "sent", overdue ? "due since" : "version", overdue ? "follow-up" : ""]
                    .map { ($0, .left) })
            for item in found {
                let referral = item.referral
                table.append([
                    referral.id, referral.state.rawValue, referral.schoolID, referral.organizationID, referral.barrier,
                    referral.sentAt.map { String(Show.format($0).prefix(10)) } ?? "—",
                    overdue ? (item.followUp?.dueSince.description ?? "") : String(referral.version),
                    overdue ? (item.followUp?.kind.rawValue ?? "") : "",
                ])
            }
            print(table.text)
            print("\(found.count) referral\(found.count == 1 ? "" : "s")\(overdue ? " with a follow-up due" : "")")
        }
    }
}
