extension Migrations {
    /// The month each referral was sent in, stored (see `ReportMonths`), and report indexes in the
    /// order month cells by school group by, each covering its query (SQLite then reads the index
    /// alone, in order, without a sort):
    /// - `referrals_report_month`: school, month, state, days to connection, and every fact the
    ///   counts and the overdue timers read (`ReportStore.referralCounts`);
    /// - `referrals_report_month_response`, partial: school, month, hours to a first response;
    /// - `referrals_report_students`: school, month, student, and the facts every count's condition
    ///   reads, for the distinct students suppression needs (`ReportStore.studentCounts`).
    /// They replace migration 7's `referrals_report_school` and `referrals_report_response`, which
    /// were ordered by school without the month: every report is in month cells now, and each
    /// index costs every referral write. Measured: docs/PERFORMANCE.md, "Month number for reports".
    ///
    /// The trigger sets `sent_month` when a referral is written with a send time or its send time
    /// changes, whoever writes it: on PostgreSQL before the row is stored; SQLite cannot change the
    /// row being written, so it updates it right after, in the same statement. The months for the
    /// district's zone and the existing rows' months are written after the statements
    /// (`finish`), since the zone is a setting and SQL has no zone arithmetic on SQLite.
    static let reportMonth = Migration(version: 22, name: "report_month", statements: { backend in
        let days = ReportDuration.sentToConnected.bucketExpression, response = ReportDuration.sentToFirstResponse
        var statements = [
            "CREATE TABLE report_months (month BIGINT PRIMARY KEY, starts_at BIGINT NOT NULL)",
            "CREATE UNIQUE INDEX report_months_starts ON report_months (starts_at, month)",
            "ALTER TABLE referrals ADD COLUMN sent_month BIGINT",
            "DROP INDEX referrals_report_school",
            "DROP INDEX referrals_report_response",
            """
            CREATE INDEX referrals_report_month ON referrals (school_id, sent_month, state, (\(days)),
                sent_at, connected_at, first_response_at, decline_reason, reached_accepted, reached_waitlisted, reached_scheduled,
                connection_confirmed_by, updated_at, latest_intake_date)
            """,
            """
            CREATE INDEX referrals_report_month_response ON referrals
                (school_id, sent_month, (\(response.bucketExpression)), sent_at, state, \(response.endColumn))
                WHERE \(response.endColumn) IS NOT NULL
            """,
            """
            CREATE INDEX referrals_report_students ON referrals (school_id, sent_month, student_id, state, sent_at, first_response_at,
                updated_at, latest_intake_date, connection_confirmed_by, decline_reason, connected_at,
                reached_accepted, reached_waitlisted, reached_scheduled)
            """,
        ]
        let month = ReportMonths.lookup("NEW.sent_at")
        switch backend {
        case .sqlite:
            let update = "UPDATE referrals SET sent_month = \(month) WHERE id = NEW.id"
            statements += [
                "CREATE TRIGGER referrals_sent_month_insert AFTER INSERT ON referrals WHEN NEW.sent_at IS NOT NULL BEGIN \(update); END",
                "CREATE TRIGGER referrals_sent_month_update AFTER UPDATE OF sent_at ON referrals BEGIN \(update); END",
            ]
        case .postgres:
            statements += [
                "CREATE FUNCTION referrals_sent_month() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.sent_month := \(month); RETURN NEW; END $$",
                "CREATE TRIGGER referrals_sent_month BEFORE INSERT OR UPDATE OF sent_at ON referrals FOR EACH ROW EXECUTE FUNCTION referrals_sent_month()",
            ]
        }
        return statements
    }, finish: { db, backend in
        try await ReportMonths.write(zone: try await ReportMonths.districtZone(on: db), on: db, backend: backend)
    })
}
