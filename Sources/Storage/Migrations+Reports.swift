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
    /// Reports by school, the dashboard's and the CLI's default, read this index alone, in school
    /// order: SQLite then aggregates without sorting a year of referrals (its GROUP BY always sorts
    /// unless an index supplies the order), and reads a third of the table's bytes.
    static let reportIndexes = Migration(version: 7, name: "report_indexes") { _ in
        [
            """
            CREATE INDEX referrals_report_school ON referrals (school_id, sent_at, state, connected_at, first_response_at,
                decline_reason, reached_accepted, reached_waitlisted, reached_scheduled)
            """,
        ]
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
        switch backend {
        case .sqlite:
            return ["""
                CREATE TRIGGER referral_events_reached AFTER INSERT ON referral_events
                WHEN NEW.to_state IN (\(stateList))
                BEGIN \(update); END
                """]
        case .postgres:
            return [
                """
                CREATE FUNCTION referral_events_reached() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN \(update); RETURN NULL; END $$
                """,
                """
                CREATE TRIGGER referral_events_reached AFTER INSERT ON referral_events FOR EACH ROW
                WHEN (NEW.to_state IN (\(stateList))) EXECUTE FUNCTION referral_events_reached()
                """,
            ]
        }
    }

    /// For referrals written before this migration.
    static let backfill = """
        UPDATE referrals SET \(states.map { state in
            "reached_\(state) = CASE WHEN EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = referrals.id AND e.to_state = '\(state)') THEN 1 ELSE 0 END"
        }.joined(separator: ", "))
        """
}
