import Referrals

extension Migrations {
    /// What district reports need beyond migration 4's facts:
    ///
    /// - `reached_accepted`, `reached_waitlisted`, `reached_scheduled` on each referral: whether any event
    ///   ever moved it there. The other funnel stages follow from cached facts (`sent_at`, `connected_at`,
    ///   `decline_reason`, terminal states), but these three are passed through, so without a cache the
    ///   funnel would read every event. A trigger on `referral_events` keeps them, so every writer (the
    ///   referral store, the demo bulk writer, a future importer) sets them in the event's own transaction.
    /// - `match_gaps`: barriers for which a match found no eligible provider, recorded by `POST
    ///   /api/v1/match` (barrier, the filter that removed the last candidates, the wording, when). No
    ///   student data: the profile that produced the gap is not kept.
    static let reportFacts = Migration(version: 5, name: "report_facts") { backend in
        var statements = ReachedStates.columns.map { "ALTER TABLE referrals ADD COLUMN \($0) BIGINT NOT NULL DEFAULT 0" }
        statements.append(ReachedStates.backfill)
        statements += ReachedStates.trigger(backend)
        statements += [
            """
            CREATE TABLE match_gaps (
                seq \(backend.serialPrimaryKey), barrier TEXT NOT NULL, filter TEXT, reason TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX match_gaps_at ON match_gaps (at)",
        ]
        return statements
    }
}

extension Migrations {
    /// Reports by school — the dashboard's and the CLI's default — read indexes alone, in the order
    /// they group by. SQLite's GROUP BY sorts unless an index supplies the order, and over a year of
    /// referrals the sort costs more than the scan:
    /// - `referrals_report_school` serves the counts and the days to connection, grouped by school,
    ///   state and day (`ReportStore.referralCounts`);
    /// - `referrals_report_response`, a partial index, the hours to a first response.
    /// Buckets are written exactly as `ReportDuration.bucketExpression` writes them, so the planner
    /// matches them. Each student's referral count, kept by a trigger, bounds what one student can
    /// add to a cell (see `Suppression`) without a pass over the referrals.
    static let reportIndexes = Migration(version: 7, name: "report_indexes") { backend in
        let response = ReportDuration.sentToFirstResponse
        var statements = [
            """
            CREATE INDEX referrals_report_school ON referrals (school_id, state, (\(ReportDuration.sentToConnected.bucketExpression)),
                sent_at, connected_at, first_response_at, decline_reason, reached_accepted, reached_waitlisted, reached_scheduled)
            """,
            """
            CREATE INDEX referrals_report_response ON referrals
                (school_id, (\(response.bucketExpression)), sent_at, state, \(response.endColumn))
                WHERE \(response.endColumn) IS NOT NULL
            """,
        ]
        statements += [
            "ALTER TABLE students ADD COLUMN referral_count BIGINT NOT NULL DEFAULT 0",
            "UPDATE students SET referral_count = (SELECT COUNT(*) FROM referrals r WHERE r.student_id = students.id)",
            "CREATE INDEX students_referral_count ON students (referral_count)",
        ]
        return statements + StudentReferralCount.trigger(backend)
    }
}

/// `students.referral_count`: one more for each referral written, by any writer (the API, the
/// demo's bulk writer), in the same statement.
enum StudentReferralCount {
    static let update = "UPDATE students SET referral_count = referral_count + 1 WHERE id = NEW.student_id"

    static func trigger(_ backend: Backend) -> [String] {
        RowTrigger(name: "referrals_student_count", table: "referrals", when: nil, statement: update).ddl(backend)
    }
}

/// The pass-through states whose "ever reached" flag the store caches on the referral row.
enum ReachedStates {
    static let states = ["accepted", "waitlisted", "scheduled"]
    static let columns = states.map { "reached_\($0)" }

    /// Sets a flag only when it is still 0, so an event that changes nothing writes nothing
    /// (on PostgreSQL an UPDATE that matches would leave a dead row version behind).
    static let update = """
        UPDATE referrals SET \(states.map { "reached_\($0) = CASE WHEN NEW.to_state = '\($0)' THEN 1 ELSE reached_\($0) END" }.joined(separator: ", "))
        WHERE id = NEW.referral_id AND (\(states.map { "(NEW.to_state = '\($0)' AND reached_\($0) = 0)" }.joined(separator: " OR ")))
        """

    static var stateList: String { states.map { "'\($0)'" }.joined(separator: ", ") }

    static func trigger(_ backend: Backend) -> [String] {
        RowTrigger(name: "referral_events_reached", table: "referral_events", when: "NEW.to_state IN (\(stateList))", statement: update)
            .ddl(backend)
    }

    /// For referrals written before this migration.
    static let backfill = """
        UPDATE referrals SET \(states.map { state in
            "reached_\(state) = CASE WHEN EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = referrals.id AND e.to_state = '\(state)') THEN 1 ELSE 0 END"
        }.joined(separator: ", "))
        """
}

extension Migrations {
    /// The newest intake date of each referral, cached on its row by a trigger on the events, as
    /// the reached flags are: the overdue count looked it up in the events for every scheduled
    /// referral, which on a district's year (tens of thousands scheduled) was half of a report's time.
    static let latestIntakeDates = Migration(version: 8, name: "latest_intake_dates") { backend in
        [
            "ALTER TABLE referrals ADD COLUMN latest_intake_date TEXT",
            """
            UPDATE referrals SET latest_intake_date = (SELECT e.intake_date FROM referral_events e
                WHERE e.referral_id = referrals.id AND e.action = '\(LatestIntakeDate.action)' ORDER BY e.sequence DESC LIMIT 1)
            WHERE EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = referrals.id AND e.action = '\(LatestIntakeDate.action)')
            """,
        ] + LatestIntakeDate.trigger(backend)
    }
}

/// `referrals.latest_intake_date`: set from each `schedule` event, in the event's own statement.
enum LatestIntakeDate {
    static let action = ReferralAction.schedule.rawValue
    static let update = "UPDATE referrals SET latest_intake_date = NEW.intake_date WHERE id = NEW.referral_id"

    static func trigger(_ backend: Backend) -> [String] {
        RowTrigger(name: "referral_events_intake", table: "referral_events", when: "NEW.action = '\(action)'", statement: update)
            .ddl(backend)
    }
}
