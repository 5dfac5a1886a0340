import Directory
import Foundation
import Referrals
import SQLKit

/// How demo referrals are written.
public enum DemoWriter: String, Sendable, CaseIterable {
    /// Through `ReferralStore`, one transaction per write, exactly as the API writes.
    case store
    /// Batched multi-row INSERTs producing the same rows; for hundreds of thousands of referrals.
    case bulk
}

/// What `closeloop seed --demo-referrals N` asks for.
public struct DemoReferralOptions: Sendable {
    public var referrals: Int
    public var seed: UInt64
    /// Nothing happens after this instant; the newest referrals are still open.
    public var now: Date
    /// Writer to use; nil picks the store for up to 20,000 referrals and bulk above.
    public var writer: DemoWriter?
    /// The password of the four sign-in users (only set when they are first created).
    public var password: String

    public static let defaultPassword = "closeloop-demo"

    public init(referrals: Int, seed: UInt64 = 42, now: Date = Date(), writer: DemoWriter? = nil, password: String = defaultPassword) {
        self.referrals = referrals
        self.seed = seed
        self.now = now
        self.writer = writer
        self.password = password
    }

    var resolvedWriter: DemoWriter { writer ?? (referrals <= 20_000 ? .store : .bulk) }
}

/// What a demo fill wrote.
public struct DemoSummary: Sendable {
    public var students: Int
    public var referrals: Int
    public var events: Int
    public var writer: DemoWriter
    /// Coordinator, partner, district and admin: email, password and a new API token each.
    public var logins: [DemoLogin]
}

/// Synthetic students, consents and referrals over a school year, so a new store's dashboard and
/// reports have something to show. Deterministic for a seed (ids aside).
public enum DemoReferrals {
    /// Adds `options.referrals` referrals for new students (numbered after any earlier demo students).
    /// The directory must be seeded. `progress` is told the number of referrals written so far.
    public static func fill(
        _ directory: DirectoryStore, _ options: DemoReferralOptions, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> DemoSummary {
        let database = directory.database
        // Marked before the first write: a fill stopped midway has still added synthetic students.
        try await database.transaction { db in try await DemoDataMarker.set(on: db) }
        let referrals = ReferralStore(database: database)
        let demo = try await DemoDirectory.load(from: directory)
        let actors = try await DemoActors.ensure(directory: demo, accounts: AccountStore(database: database), password: options.password)
        let zone = try await referrals.followUpPolicy().timeZone
        let firstDay = firstSchoolDay(before: options.now, in: zone)
        var planner = DemoPlanner(directory: demo, firstDay: firstDay, lastDay: CalendarDate(year: firstDay.year + 1, month: 6, day: 15)!,
                                  now: options.now, timeZone: zone, seed: options.seed)
        guard planner.canPlan else {
            throw StoreError.integrity("demo: no school days before \(options.now), or no open service serves any barrier")
        }
        var number = try await lastDemoStudentNumber(database)
        var summary = DemoSummary(students: 0, referrals: 0, events: 0, writer: options.resolvedWriter, logins: actors.logins)
        var bulk = DemoBulkWriter(database: database, machine: referrals.machine, actors: actors)
        let store = DemoStoreWriter(referrals: referrals, actors: actors)
        var lastReported = 0
        while summary.referrals < options.referrals {
            let plan = planner.student(number: number + 1, maximumReferrals: options.referrals - summary.referrals)
            guard !plan.referrals.isEmpty else { continue }  // registered after `now`: draw another
            number += 1
            switch summary.writer {
            case .store: summary.events += try await store.write(plan)
            case .bulk: summary.events += try await bulk.write(plan)
            }
            summary.students += 1
            summary.referrals += plan.referrals.count
            if summary.referrals - lastReported >= 10_000 || summary.referrals == options.referrals {
                lastReported = summary.referrals
                progress?(summary.referrals)
            }
        }
        try await bulk.flush()
        return summary
    }

    /// The first Monday on or after August 15 of the school year `now` falls in — of the previous
    /// one while this one has not started yet.
    static func firstSchoolDay(before now: Date, in zone: TimeZone) -> CalendarDate {
        let today = CalendarDate(now, in: zone)
        func start(_ year: Int) -> CalendarDate {
            var day = CalendarDate(year: year, month: 8, day: 15)!
            while day.weekday != .monday { day = day.adding(days: 1) }
            return day
        }
        let thisYear = start(today.month >= 8 ? today.year : today.year - 1)
        return thisYear <= today ? thisYear : start(thisYear.year - 1)
    }

    /// Demo students are numbered demo-000001, …; a second fill continues after the first.
    static func lastDemoStudentNumber(_ database: Database) async throws -> Int {
        let rows = try await database.sql.select().column("district_student_id").from("students")
            .where("district_student_id", .like, "demo-%").orderBy("district_student_id", .descending).limit(1).all()
        return try rows.first.flatMap { Int(try $0.decode(column: "district_student_id", as: String.self).dropFirst(5)) } ?? 0
    }
}
