import Foundation
import Referrals
import SQLKit

/// Writes demo students as multi-row INSERTs, for demo and benchmark stores of a million referrals
/// where one transaction per event would take hours. It replays each student's operations the way
/// `ReferralStore` performs them — the same state machine decides every event, the same facts are
/// cached on the referral row, the same audit lines are written — and only batches the writes.
/// `DemoWriterParityTests` holds it to producing exactly the store's rows.
struct DemoBulkWriter {
    let database: Database
    let machine: ReferralMachine
    let actors: DemoActors
    private var tables: [String: BulkTable] = [:]
    private var buffered = 0
    private var ids = SequentialIDs()

    /// Rows kept before writing them in one transaction.
    static let rowsPerFlush = 60_000
    /// PostgreSQL takes at most 65,535 parameters per statement.
    static let bindsPerStatement = 30_000

    init(database: Database, machine: ReferralMachine, actors: DemoActors) {
        self.database = database
        self.machine = machine
        self.actors = actors
    }

    /// Buffers one student's rows (writing when the buffer is full); returns the number of events.
    mutating func write(_ plan: DemoStudentPlan) async throws -> Int {
        let school = plan.student.schoolID
        let coordinator = try actors.user(.coordinator, school: school, organization: "")
        let student = plan.student
        let studentID = ids.next(prefix: "stu")
        var referrals: [Int: SimulatedReferral] = [:]
        var order: [Int] = []
        var events = 0
        for operation in plan.operations {
            let at = plan.at(operation)
            switch operation {
            case .register:
                append("students", [
                    "id": studentID, "district_student_id": student.districtStudentID, "school_id": school, "grade": student.grade,
                    "age": student.age, "languages": JSONColumn.encode(codes: student.languages),
                    "groups": JSONColumn.encode(codes: student.groups.map(\.rawValue).sorted()), "created_by": coordinator.id,
                    "created_at": Clock.seconds(at),
                ])
                for group in student.groups {
                    append("student_groups", ["student_id": studentID, "group_name": group.rawValue])
                }
                audit(at, coordinator, "student.create", student: studentID, detail: "school \(school)")
            case .consent:
                let consent = plan.consent
                append("consents", [
                    "id": ids.next(prefix: "con"), "student_id": studentID, "organization_ids": JSONColumn.encode(codes: consent.organizationIDs),
                    "given_by": consent.givenBy, "method": consent.method.rawValue,
                    "shared_fields": JSONColumn.encode(codes: consent.sharedFields.map(\.rawValue).sorted()),
                    "given_on": consent.givenOn.description, "expires_on": consent.expiresOn?.description,
                    "revoked_at": Clock.seconds(consent.revokedAt), "recorded_by": coordinator.id, "created_at": Clock.seconds(at),
                ])
                audit(at, coordinator, "consent.create", student: studentID,
                      detail: "organizations \(consent.organizationIDs.joined(separator: ",")); \(consent.method.rawValue); "
                        + "shares \(consent.sharedFields.map(\.rawValue).sorted().joined(separator: ","))")
            case .create(let index):
                let planned = plan.referrals[index]
                // As createReferral does: a re-referral after a decline points back at the declined one.
                let previous = order.compactMap { referrals[$0] }
                    .filter { $0.barrier == planned.barrier && $0.state == .declined }
                    .max { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }?.id
                referrals[index] = SimulatedReferral(
                    id: ids.next(prefix: "ref"), barrier: planned.barrier, previousID: previous, createdAt: at, updatedAt: at)
                order.append(index)
                audit(at, coordinator, "referral.create", student: studentID, referral: referrals[index]!.id,
                      organization: planned.organizationID, detail: "\(planned.barrier) → \(planned.serviceID)")
            case .apply(let index, let stepIndex):
                let planned = plan.referrals[index]
                let step = planned.steps[stepIndex]
                let actor = try actors.user(step.actor, school: school, organization: planned.organizationID)
                var referral = referrals[index]!
                let covered = step.command.action == .send
                    ? plan.consent.covers(organizationID: planned.organizationID, on: at, in: machine.timeZone) : true
                let event = try machine.decide(step.command, history: referral.history, role: actor.role, actorID: actor.id,
                                               consentCoversOrganization: covered, now: at)
                referral.apply(event, now: at)
                referrals[index] = referral
                append("referral_events", [
                    "referral_id": referral.id, "sequence": event.sequence, "action": event.action.rawValue,
                    "from_state": event.from.rawValue, "to_state": event.to.rawValue, "actor_id": event.actorID,
                    "role": event.role.rawValue, "at": Clock.seconds(event.at), "reason": event.reason?.rawValue,
                    "intake_date": event.intakeDate?.description, "first_service_date": event.firstServiceDate?.description,
                    "confirmed_by": event.confirmedBy?.rawValue, "note": event.note,
                    "expected_wait_weeks": ReferralStore.weeks(of: event.expectedWait),
                ])
                audit(at, actor, "referral.\(event.action.rawValue)", student: studentID, referral: referral.id,
                      organization: planned.organizationID, detail: "\(event.from.rawValue) → \(event.to.rawValue)")
                events += 1
            }
        }
        // Referral rows go in with their final facts, before their events (which reference them).
        for index in order {
            let referral = referrals[index]!, planned = plan.referrals[index]
            append("referrals", [
                "id": referral.id, "student_id": studentID, "service_id": planned.serviceID, "organization_id": planned.organizationID,
                "school_id": school, "barrier": planned.barrier, "state": referral.state.rawValue, "version": referral.version,
                "previous_referral_id": referral.previousID, "note": String?.none, "created_by": coordinator.id,
                "created_at": Clock.seconds(referral.createdAt), "updated_at": Clock.seconds(referral.updatedAt),
                "sent_at": Clock.seconds(referral.sentAt), "tier": planned.tier, "duplicate_reason": planned.duplicateReason, "first_response_at": Clock.seconds(referral.firstResponseAt),
                "connected_at": Clock.seconds(referral.connectedAt), "first_service_date": referral.firstServiceDate?.description,
                "decline_reason": referral.declineReason?.rawValue,
                // What the referral_events trigger would set; written up front so the trigger has nothing to do.
                "reached_accepted": referral.reached(.accepted), "reached_waitlisted": referral.reached(.waitlisted),
                "reached_scheduled": referral.reached(.scheduled),
            ])
        }
        if buffered >= Self.rowsPerFlush { try await flush() }
        return events
    }

    /// Writes everything buffered, parents before children, in one transaction.
    mutating func flush() async throws {
        let tables = Self.tableOrder.compactMap { self.tables[$0] }.filter { !$0.rows.isEmpty }
        self.tables = [:]
        buffered = 0
        guard !tables.isEmpty else { return }
        let backend = database.backend
        try await database.transaction { db in
            // Random text ids land all over each primary-key index; SQLite's default 2 MB page cache
            // would spill and re-read pages on nearly every insert.
            try await SQLiteCacheSize.enlarged(to: SQLiteCacheSize.demoBulkKiB, on: db, backend: backend) {
                for table in tables {
                    let perStatement = max(1, Self.bindsPerStatement / table.columns.count)
                    for start in stride(from: 0, to: table.rows.count, by: perStatement) {
                        var insert = db.insert(into: table.name).columns(table.columns)
                        for row in table.rows[start..<min(start + perStatement, table.rows.count)] { insert = insert.values(row) }
                        try await insert.run()
                    }
                }
            }
        }
    }

    static let tableOrder = ["students", "student_groups", "consents", "referrals", "referral_events", "audit_log"]

    // MARK: rows

    private mutating func append(_ table: String, _ values: KeyValuePairs<String, (any Encodable & Sendable)?>) {
        let columns = values.map(\.key)
        if tables[table] == nil { tables[table] = BulkTable(name: table, columns: columns) }
        tables[table]!.rows.append(values.map { pair -> any SQLExpression in pair.value.map { SQLBind($0) } ?? SQLLiteral.null })
        buffered += 1
    }

    private mutating func audit(
        _ at: Date, _ actor: User, _ action: String, student: String? = nil, referral: String? = nil, organization: String? = nil,
        detail: String
    ) {
        append("audit_log", [
            "at": Clock.seconds(at), "actor_id": actor.id, "role": actor.role.rawValue, "action": action, "student_id": student,
            "referral_id": referral, "organization_id": organization, "detail": detail,
        ])
    }
}

/// Ids of `TokenHash.newID`'s form ("ref_" and 20 hex digits) that increase: a random part for this
/// writer, then a counter. Random ids scatter a million inserts over every page of each primary-key
/// index; increasing ones append, which is what makes a bulk load of this size take minutes, not hours.
private struct SequentialIDs {
    private let run = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(8)
    private var counter = 0

    mutating func next(prefix: String) -> String {
        counter += 1
        let digits = String(counter, radix: 16)
        return "\(prefix)_\(run)\(String(repeating: "0", count: max(0, 12 - digits.count)))\(digits)"
    }
}

/// Rows waiting for one table.
private struct BulkTable {
    let name: String
    let columns: [String]
    var rows: [[any SQLExpression]] = []
}

/// A referral as `ReferralStore.apply` leaves it after each event: its history and the facts cached
/// on its row, updated by the same rules.
private struct SimulatedReferral {
    let id: String
    let barrier: String
    let previousID: String?
    let createdAt: Date
    var updatedAt: Date
    var history = ReferralHistory()
    var state: ReferralState = .draft
    var version = 0
    var sentAt: Date?
    var firstResponseAt: Date?
    var connectedAt: Date?
    var firstServiceDate: CalendarDate?
    var declineReason: DeclineReason?

    init(id: String, barrier: String, previousID: String?, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.barrier = barrier
        self.previousID = previousID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    mutating func apply(_ event: ReferralEvent, now: Date) {
        if event.action == .send { sentAt = now }
        if event.role == .partner && history.lastPartnerResponseAt == nil && state != .draft { firstResponseAt = now }
        if event.to == .connected && event.from != .connected {
            connectedAt = now
            firstServiceDate = event.firstServiceDate
        }
        if let reason = event.reason { declineReason = reason }
        state = event.to
        version = event.sequence
        updatedAt = now
        history = history.appending(event)
    }

    func reached(_ state: ReferralState) -> Int {
        history.events.contains { $0.to == state } ? 1 : 0
    }
}
