import Foundation
import Referrals
import SQLKit

/// What a coordinator sends to start a referral (a draft).
public struct NewReferral: Sendable, Hashable {
    public var studentID: String
    public var serviceID: String
    public var barrier: String
    /// The student's tier of support for this need (1 universal … 3 intensive), for reports.
    public var tier: Int?
    public var note: String?
    /// Why a second open referral of the student to the same service is needed; without it such a
    /// referral is refused with the open one's id.
    public var duplicateReason: String?

    public init(
        studentID: String, serviceID: String, barrier: String, tier: Int? = nil, note: String? = nil, duplicateReason: String? = nil
    ) {
        self.studentID = studentID
        self.serviceID = serviceID
        self.barrier = barrier
        self.tier = tier
        self.note = note
        self.duplicateReason = duplicateReason
    }
}

extension ReferralStore {
    public func createReferral(
        _ input: NewReferral, by user: User, now: Date = Date(), idempotency: IdempotentWrite<Referral>? = nil
    ) async throws -> Referral {
        let policy = AccessPolicy(user)
        try policy.require(.makeReferrals)
        guard let student = try await visibleStudent(id: input.studentID, to: user, now: now) else {
            throw ReferralStoreError.invalidField(name: "student_id", message: "no student with id '\(input.studentID)' in your schools")
        }
        if let tier = input.tier, !(1...3).contains(tier) {
            throw ReferralStoreError.invalidField(name: "tier", message: "tier is 1, 2 or 3")
        }
        let duplicateReason = input.duplicateReason.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 }
        do {
            return try await insertReferral(input, student: student, duplicateReason: duplicateReason, by: user, now: now,
                                            idempotency: idempotency)
        } catch let error where Self.isOpenReferralConflict(error) {
            // A concurrent create won the race after our check; its referral is the open one.
            guard let existing = try await openReferralID(studentID: input.studentID, serviceID: input.serviceID, on: sql) else { throw error }
            throw ReferralStoreError.openReferralExists(id: existing)
        }
    }

    /// The oldest referral of the student to the service that is not over, if any.
    func openReferralID(studentID: String, serviceID: String, on db: any SQLDatabase) async throws -> String? {
        try await db.select().column("id").from("referrals")
            .where("student_id", .equal, studentID).where("service_id", .equal, serviceID)
            .where("state", .notIn, ReferralState.allCases.filter(\.isTerminal).map(\.rawValue))
            .orderBy("created_at").orderBy("id").first()
            .map { try $0.decode(column: "id", as: String.self) }
    }

    private func insertReferral(
        _ input: NewReferral, student: Student, duplicateReason: String?, by user: User, now: Date, idempotency: IdempotentWrite<Referral>?
    ) async throws -> Referral {
        try await transaction(idempotency) { db in
            // The reason is kept only when there is an open referral it explains. (Two simultaneous
            // creates that both give a reason with none open: the second is refused and may retry.)
            let open = try await openReferralID(studentID: input.studentID, serviceID: input.serviceID, on: db)
            if let open, duplicateReason == nil { throw ReferralStoreError.openReferralExists(id: open) }
            let duplicateReason = open == nil ? nil : duplicateReason
            guard let service = try await db.select().columns("organization_id", "active").from("services")
                .where("id", .equal, input.serviceID).first() else {
                throw ReferralStoreError.invalidField(name: "service_id", message: "no service with id '\(input.serviceID)'")
            }
            guard try service.decode(column: "active", as: Int.self) == 1 else {
                throw ReferralStoreError.invalidField(name: "service_id", message: "service '\(input.serviceID)' has been withdrawn from the directory")
            }
            guard try await db.select().column("id").from("barriers").where("id", .equal, input.barrier).first() != nil else {
                throw ReferralStoreError.invalidField(name: "barrier", message: "unknown barrier '\(input.barrier)'")
            }
            // A re-referral after a decline points back at the declined one, so the story stays whole.
            let previous = try await db.select().column("id").from("referrals")
                .where("student_id", .equal, input.studentID).where("barrier", .equal, input.barrier)
                .where("state", .equal, ReferralState.declined.rawValue)
                .orderBy("updated_at", .descending).orderBy("id", .descending).first()
                .map { try $0.decode(column: "id", as: String.self) }
            let referral = Referral(
                id: TokenHash.newID(prefix: "ref"), studentID: input.studentID, serviceID: input.serviceID,
                organizationID: try service.decode(column: "organization_id", as: String.self), schoolID: student.schoolID,
                barrier: input.barrier, tier: input.tier, state: .draft, version: 0, previousReferralID: previous, note: input.note,
                createdBy: user.id, createdAt: Self.whole(now), updatedAt: Self.whole(now), sentAt: nil, events: [])
            try await db.insert(into: "referrals")
                .columns("id", "student_id", "service_id", "organization_id", "school_id", "barrier", "state", "version",
                         "previous_referral_id", "note", "created_by", "created_at", "updated_at", "sent_at", "tier", "duplicate_reason")
                .values(SQLBind(referral.id), SQLBind(referral.studentID), SQLBind(referral.serviceID), SQLBind(referral.organizationID),
                        SQLBind(referral.schoolID), SQLBind(referral.barrier), SQLBind(referral.state.rawValue), SQLBind(0),
                        SQLBind(previous), SQLBind(input.note), SQLBind(user.id), SQLBind(Clock.seconds(now)!),
                        SQLBind(Clock.seconds(now)!), SQLBind(Int?.none), SQLBind(input.tier), SQLBind(duplicateReason))
                .run()
            try await Self.audit(on: db, at: now, actor: user, action: "referral.create", studentID: referral.studentID,
                                 referralID: referral.id, organizationID: referral.organizationID,
                                 detail: "\(referral.barrier) → \(referral.serviceID)"
                                    + (duplicateReason.map { "; another open referral to this service, because: \($0)" } ?? ""))
            return referral
        }
    }

    /// A referral the user may see, with its events; nil (a 404) for anything outside the scope,
    /// and a referral that exists there is recorded as a cross-tenant probe. District users are
    /// refused (`aggregatesOnly`). Every read is audited since it comes with student fields.
    public func referral(id: String, visibleTo user: User, now: Date = Date()) async throws -> Referral? {
        let policy = AccessPolicy(user)
        try policy.require(.readStudentRecords)
        guard let referral = try await referral(id: id, on: sql) else { return nil }
        guard !policy.isProbe(referral) else {
            try await recordProbe(by: user, kind: "referral", studentID: referral.studentID, referralID: referral.id,
                                  organizationID: referral.organizationID, now: now)
            return nil
        }
        try await Self.audit(on: sql, at: now, actor: user, action: "referral.read", studentID: referral.studentID,
                             referralID: referral.id, organizationID: referral.organizationID, detail: "")
        return referral
    }

    /// The referral with its events, in one statement (every transition reads it inside its write
    /// transaction, and the cost of a transition follows its number of statements: docs/PERFORMANCE.md,
    /// "Transition statements"): the row once per event, the event's columns named `event_…`
    /// (a referral without events: one row whose event columns are NULL).
    func referral(id: String, on db: any SQLDatabase) async throws -> Referral? {
        let eventColumns = Self.eventColumns.map { #"e."\#($0)" AS "event_\#($0)""# }.joined(separator: ", ")
        let rows = try await db.raw("""
            SELECT r.*, \(unsafeRaw: eventColumns) FROM referrals r LEFT JOIN referral_events e ON e.referral_id = r.id
            WHERE r.id = \(bind: id) ORDER BY e.sequence
            """).all()
        guard let first = rows.first else { return nil }
        var referral = try Self.referral(from: first)
        referral.events = try rows.filter { try !$0.decodeNil(column: "event_sequence") }
            .map { try Self.event(from: PrefixedRow(base: $0, prefix: "event_")) }
        return referral
    }

    /// The columns of `referral_events` that `event(from:)` reads.
    static let eventColumns = [
        "sequence", "action", "from_state", "to_state", "actor_id", "role", "at", "reason", "intake_date", "first_service_date",
        "confirmed_by", "note", "expected_wait_weeks", "family_answer",
    ]

    /// Judges the command with the state machine and, if allowed, appends its event and moves the
    /// cached state in one transaction. `expectedVersion` (If-Match) must be the current version;
    /// concurrent writers race on a conditional UPDATE so exactly one wins.
    public func apply(
        _ command: ReferralCommand, toReferral id: String, expectedVersion: Int?, by user: User, now: Date = Date(),
        idempotency: IdempotentWrite<Referral>? = nil
    ) async throws -> Referral {
        do {
            return try await applyInTransaction(command, toReferral: id, expectedVersion: expectedVersion, by: user, now: now,
                                                idempotency: idempotency)
        } catch ReferralStoreError.notFound(let kind, let missing) {
            await recordProbeIfOutOfScope(referralID: id, by: user, now: now)
            throw ReferralStoreError.notFound(kind: kind, id: missing)
        }
    }

    private func applyInTransaction(
        _ command: ReferralCommand, toReferral id: String, expectedVersion: Int?, by user: User, now: Date,
        idempotency: IdempotentWrite<Referral>?
    ) async throws -> Referral {
        let machine = self.machine
        return try await transaction(idempotency) { db in
            guard var referral = try await referral(id: id, on: db), AccessPolicy(user).maySee(referral) else {
                throw ReferralStoreError.notFound(kind: "referral", id: id)
            }
            // The row and its events must agree: read in two statements on PostgreSQL (read
            // committed) a writer could commit between them, and a loser judged on that mix got the
            // machine's refusal of the winner's new state instead of a version conflict. They are
            // one statement now (one snapshot); the check stays as the guard of that rule.
            let eventsVersion = referral.events.last?.sequence ?? 0
            if eventsVersion != referral.version {
                throw ReferralStoreError.versionConflict(expected: expectedVersion ?? referral.version, current: eventsVersion)
            }
            if let expectedVersion, expectedVersion != referral.version {
                throw ReferralStoreError.versionConflict(expected: expectedVersion, current: referral.version)
            }
            let covered = command.action == .send
                ? try await consentCovering(organizationID: referral.organizationID, studentID: referral.studentID, now: now, on: db) != nil
                : true
            let event: ReferralEvent
            do throws(TransitionError) {
                event = try machine.decide(command, history: referral.history, role: user.role, actorID: user.id,
                                           consentCoversOrganization: covered, now: Self.whole(now))
            } catch {
                throw ReferralStoreError.transition(error)
            }
            try await Self.append(event, to: &referral, on: db, now: now, actor: user)
            if command.action == .send { referral.sentAt = Self.whole(now) }
            return referral
        }
    }

    /// Appends an event the machine allowed: moves the cached state and facts (losing to a concurrent
    /// writer is a version conflict), writes the event, its audit line and its outbox rows, all on
    /// the caller's transaction.
    static func append(_ event: ReferralEvent, to referral: inout Referral, on db: any SQLDatabase, now: Date, actor user: User) async throws {
        let id = referral.id
        var update = db.update("referrals")
            .set("state", to: event.to.rawValue)
            .set("version", to: event.sequence)
            .set("updated_at", to: Clock.seconds(now)!)
        if event.action == .send { update = update.set("sent_at", to: Clock.seconds(now)!) }
        // Facts reports read without replaying events.
        if event.role == .partner && referral.history.lastPartnerResponseAt == nil && referral.state != .draft {
            update = update.set("first_response_at", to: Clock.seconds(now)!)
        }
        if event.to == .connected && event.from != .connected {
            update = update.set("connected_at", to: Clock.seconds(now)!)
                .set("first_service_date", to: event.firstServiceDate?.description)
        }
        if let reason = event.reason { update = update.set("decline_reason", to: reason.rawValue) }
        let won = try await update.where("id", .equal, id).where("version", .equal, referral.version)
            .returning("version").all()
        guard !won.isEmpty else {
            let current = try await db.select().column("version").from("referrals").where("id", .equal, id).first()
                .map { try $0.decode(column: "version", as: Int.self) } ?? referral.version
            throw ReferralStoreError.versionConflict(expected: referral.version, current: current)
        }
        try await db.insert(into: "referral_events")
            .columns("referral_id", "sequence", "action", "from_state", "to_state", "actor_id", "role", "at",
                     "reason", "intake_date", "first_service_date", "confirmed_by", "note", "expected_wait_weeks", "family_answer")
            .values(SQLBind(id), SQLBind(event.sequence), SQLBind(event.action.rawValue), SQLBind(event.from.rawValue),
                    SQLBind(event.to.rawValue), SQLBind(event.actorID), SQLBind(event.role.rawValue),
                    SQLBind(Clock.seconds(event.at)!), SQLBind(event.reason?.rawValue), SQLBind(event.intakeDate?.description),
                    SQLBind(event.firstServiceDate?.description), SQLBind(event.confirmedBy?.rawValue), SQLBind(event.note),
                    SQLBind(Self.weeks(of: event.expectedWait)), SQLBind(event.familyAnswer?.rawValue))
            .run()
        try await Self.audit(on: db, at: now, actor: user, action: "referral.\(event.action.rawValue)",
                             studentID: referral.studentID, referralID: id, organizationID: referral.organizationID,
                             detail: "\(event.from.rawValue) → \(event.to.rawValue)")
        // Who must hear of it (the outbox), and the family's check-in it starts or the ones it makes
        // pointless, in the same transaction, from one read of what both writers need.
        if let notices = try await EventNotices.read(for: event, referral: referral, on: db) {
            try await OutboxWriter.enqueue(for: event, referral: referral, notices: notices, on: db, now: now)
            try await CheckInWriter.onEvent(event, referral: referral, notices: notices, on: db, now: now)
        }
        referral.events.append(event)
        referral.state = event.to
        referral.version = event.sequence
        referral.updatedAt = Self.whole(now)
    }

    /// Events of many referrals at once, grouped by referral.
    func events(referralIDs: [String]) async throws -> [String: [ReferralEvent]] {
        var grouped: [String: [ReferralEvent]] = [:]
        for batch in referralIDs.chunked(into: DirectoryStore.batchSize) {
            for row in try await sql.select().column("*").from("referral_events").where("referral_id", .in, Array(batch))
                .orderBy("referral_id").orderBy("sequence").all() {
                grouped[try row.decode(column: "referral_id", as: String.self), default: []].append(try Self.event(from: row))
            }
        }
        return grouped
    }

    /// Timestamps are stored in whole seconds; the in-memory copy agrees with what a reload gives.
    static func whole(_ date: Date) -> Date { Clock.date(Clock.seconds(date))! }

    static func referral(from row: any SQLRow) throws -> Referral {
        let id = try row.decode(column: "id", as: String.self)
        guard let state = ReferralState(rawValue: try row.decode(column: "state", as: String.self)) else {
            throw StoreError.integrity("referral \(id) has an unknown state")
        }
        return Referral(
            id: id, studentID: try row.decode(column: "student_id", as: String.self),
            serviceID: try row.decode(column: "service_id", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: String.self),
            schoolID: try row.decode(column: "school_id", as: String.self),
            barrier: try row.decode(column: "barrier", as: String.self),
            tier: try row.decode(column: "tier", as: Int?.self), state: state,
            version: try row.decode(column: "version", as: Int.self),
            previousReferralID: try row.decode(column: "previous_referral_id", as: String?.self),
            note: try row.decode(column: "note", as: String?.self), createdBy: try row.decode(column: "created_by", as: String.self),
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int.self))!,
            updatedAt: Clock.date(try row.decode(column: "updated_at", as: Int.self))!,
            sentAt: Clock.date(try row.decode(column: "sent_at", as: Int?.self)), events: [])
    }

    static func event(from row: any SQLRow) throws -> ReferralEvent {
        func value<T: RawRepresentable>(_ column: String, _ type: T.Type) throws -> T where T.RawValue == String {
            let text = try row.decode(column: column, as: String.self)
            guard let value = T(rawValue: text) else { throw StoreError.integrity("referral event \(column) '\(text)' is unknown") }
            return value
        }
        return ReferralEvent(
            sequence: try row.decode(column: "sequence", as: Int.self), action: try value("action", ReferralAction.self),
            from: try value("from_state", ReferralState.self), to: try value("to_state", ReferralState.self),
            actorID: try row.decode(column: "actor_id", as: String.self), role: try value("role", Role.self),
            at: Clock.date(try row.decode(column: "at", as: Int.self))!,
            reason: try row.decode(column: "reason", as: String?.self).flatMap(DeclineReason.init(rawValue:)),
            intakeDate: try row.decode(column: "intake_date", as: String?.self).flatMap(CalendarDate.init),
            firstServiceDate: try row.decode(column: "first_service_date", as: String?.self).flatMap(CalendarDate.init),
            confirmedBy: try row.decode(column: "confirmed_by", as: String?.self).flatMap(ConnectionConfirmer.init(rawValue:)),
            note: try row.decode(column: "note", as: String?.self),
            expectedWait: try Self.expectedWait(row, action: try value("action", ReferralAction.self)),
            familyAnswer: try row.decode(column: "family_answer", as: String?.self).flatMap(FamilyAnswer.init(rawValue:)))
    }

    /// A waitlist event's wait: its weeks, or NULL for "not known" (see `Migrations.contacts`).
    static func expectedWait(_ row: any SQLRow, action: ReferralAction) throws -> ExpectedWait? {
        guard action == .waitlist else { return nil }
        return try row.decode(column: "expected_wait_weeks", as: Int?.self).map(ExpectedWait.weeks) ?? .notKnown
    }

    static func weeks(of wait: ExpectedWait?) -> Int? {
        if case .weeks(let weeks)? = wait { weeks } else { nil }
    }
}
