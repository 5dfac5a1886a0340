import SQLKit

/// One versioned schema step. Statements are plain SQL that both engines accept,
/// with the few differences taken from `Backend`.
struct Migration: Sendable {
    let version: Int
    let name: String
    /// On SQLite, the migration rebuilds tables that others refer to, so it runs with foreign-key
    /// enforcement off and checks every reference before it commits (see
    /// `Database.transactionWithoutForeignKeys`).
    var rebuildsTables = false
    let statements: @Sendable (Backend) -> [String]
    /// Work SQL alone cannot do (e.g. zone arithmetic), run after the statements in the same transaction.
    var finish: (@Sendable (any SQLDatabase, Backend) async throws -> Void)? = nil
}

enum Migrations {
    static let all: [Migration] = [
        directory, directoryChanges, referrals, referralFacts, reportFacts, webSessions, reportIndexes, latestIntakeDates,
        facetTablesWithoutRowID, unusedIndexes, factsNotStated, barrierVocabulary, duplicateReferralGuard,
        accountsRevocation, outbox, passwordChange, contacts, familyContact, userLanguage, taxonomyTerms, digest,
        reportMonth, loginFailures,
    ]

    /// One row per committed change to services, read by every server instance to keep its match
    /// index current. A row without a service means "many changed" (an import): rebuild.
    static let directoryChanges = Migration(version: 2, name: "directory_changes") { backend in
        ["CREATE TABLE directory_changes (seq \(backend.serialPrimaryKey), service_id TEXT, changed_at BIGINT NOT NULL)"]
    }

    static let directory = Migration(version: 1, name: "directory") { backend in
        let id = backend.idType
        let provenance = """
            source TEXT NOT NULL, external_id TEXT NOT NULL, imported_at BIGINT, last_verified_at BIGINT,
            active BIGINT NOT NULL DEFAULT 1
            """
        return [
            """
            CREATE TABLE organizations (
                id \(id) PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, url TEXT, email TEXT,
                phones TEXT NOT NULL, \(provenance), UNIQUE (source, external_id))
            """,
            """
            CREATE TABLE locations (
                id \(id) PRIMARY KEY, organization_id \(id) NOT NULL REFERENCES organizations (id),
                name TEXT NOT NULL, address_1 TEXT, city TEXT, region TEXT, postal_code TEXT, country TEXT,
                lat DOUBLE PRECISION, lon DOUBLE PRECISION, transit_accessible BIGINT NOT NULL,
                \(provenance), UNIQUE (source, external_id))
            """,
            "CREATE INDEX locations_organization ON locations (organization_id)",
            "CREATE INDEX locations_lat_lon ON locations (lat, lon)",
            """
            CREATE TABLE services (
                id \(id) PRIMARY KEY, organization_id \(id) NOT NULL REFERENCES organizations (id),
                name TEXT NOT NULL, description TEXT NOT NULL, url TEXT, email TEXT,
                intensity TEXT NOT NULL, age_min BIGINT NOT NULL, age_max BIGINT NOT NULL,
                transportation TEXT NOT NULL, interpreter_available BIGINT NOT NULL, cost_kind TEXT NOT NULL,
                enrollment_status TEXT NOT NULL, waitlist_weeks BIGINT, capacity BIGINT, intake_methods TEXT NOT NULL,
                hours TEXT NOT NULL, service_area TEXT NOT NULL, phones TEXT NOT NULL, search_text TEXT NOT NULL,
                domains TEXT NOT NULL, settings TEXT NOT NULL, languages TEXT NOT NULL, insurance TEXT NOT NULL,
                taxonomy_codes TEXT NOT NULL,
                \(provenance), UNIQUE (source, external_id))
            """,
            "CREATE INDEX services_organization ON services (organization_id)",
            "CREATE INDEX services_intensity ON services (intensity, id)",
            "CREATE INDEX services_enrollment ON services (enrollment_status, id)",
            "CREATE INDEX services_ages ON services (age_min, age_max)",
            """
            CREATE TABLE services_at_location (
                id \(id) PRIMARY KEY, service_id \(id) NOT NULL REFERENCES services (id),
                location_id \(id) NOT NULL REFERENCES locations (id))
            """,
            "CREATE INDEX services_at_location_service ON services_at_location (service_id)",
            "CREATE INDEX services_at_location_location ON services_at_location (location_id)",
            // Multi-valued facets are kept twice: as JSON on the service row (to rebuild the record in one
            // read) and as one table each (so every filter is an indexed lookup). Both are written together.
            "CREATE TABLE service_domains (service_id \(id) NOT NULL REFERENCES services (id), domain TEXT NOT NULL, PRIMARY KEY (service_id, domain))",
            "CREATE INDEX service_domains_domain ON service_domains (domain, service_id)",
            "CREATE TABLE service_languages (service_id \(id) NOT NULL REFERENCES services (id), language TEXT NOT NULL, PRIMARY KEY (service_id, language))",
            "CREATE INDEX service_languages_language ON service_languages (language, service_id)",
            "CREATE TABLE service_insurance (service_id \(id) NOT NULL REFERENCES services (id), insurance TEXT NOT NULL, PRIMARY KEY (service_id, insurance))",
            "CREATE INDEX service_insurance_insurance ON service_insurance (insurance, service_id)",
            "CREATE TABLE service_settings (service_id \(id) NOT NULL REFERENCES services (id), setting TEXT NOT NULL, PRIMARY KEY (service_id, setting))",
            "CREATE INDEX service_settings_setting ON service_settings (setting, service_id)",
            "CREATE TABLE service_taxonomy (service_id \(id) NOT NULL REFERENCES services (id), code \(id) NOT NULL, PRIMARY KEY (service_id, code))",
            "CREATE INDEX service_taxonomy_code ON service_taxonomy (code, service_id)",
            """
            CREATE TABLE barriers (
                id \(id) PRIMARY KEY, label TEXT NOT NULL, description TEXT NOT NULL, domains TEXT NOT NULL,
                intensities TEXT NOT NULL, taxonomy_prefixes TEXT NOT NULL)
            """,
            """
            CREATE TABLE schools (
                id \(id) PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, grade_min BIGINT NOT NULL,
                grade_max BIGINT NOT NULL, address TEXT NOT NULL, lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL)
            """,
        ]
    }
}

extension Migrations {
    /// People, students, consents, referrals with their append-only events, and the audit log.
    /// Student rows hold no names: a district id, a school and the fields reports group by.
    static let referrals = Migration(version: 3, name: "referrals") { backend in
        let id = backend.idType
        return [
            """
            CREATE TABLE users (
                id \(id) PRIMARY KEY, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
                organization_id \(id) REFERENCES organizations (id), password_hash TEXT, created_at BIGINT NOT NULL)
            """,
            "CREATE TABLE user_schools (user_id \(id) NOT NULL REFERENCES users (id), school_id \(id) NOT NULL REFERENCES schools (id), PRIMARY KEY (user_id, school_id))",
            """
            CREATE TABLE api_tokens (
                token_hash TEXT PRIMARY KEY, user_id \(id) NOT NULL REFERENCES users (id), created_at BIGINT NOT NULL,
                expires_at BIGINT, revoked_at BIGINT)
            """,
            """
            CREATE TABLE students (
                id \(id) PRIMARY KEY, district_student_id TEXT NOT NULL UNIQUE, school_id \(id) NOT NULL REFERENCES schools (id),
                grade TEXT, age BIGINT, languages TEXT NOT NULL, groups TEXT NOT NULL, created_by \(id) NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX students_school ON students (school_id)",
            """
            CREATE TABLE consents (
                id \(id) PRIMARY KEY, student_id \(id) NOT NULL REFERENCES students (id), organization_ids TEXT NOT NULL,
                given_by TEXT NOT NULL, method TEXT NOT NULL, shared_fields TEXT NOT NULL, given_on TEXT NOT NULL,
                expires_on TEXT, revoked_at BIGINT, recorded_by \(id) NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX consents_student ON consents (student_id)",
            """
            CREATE TABLE referrals (
                id \(id) PRIMARY KEY, student_id \(id) NOT NULL REFERENCES students (id),
                service_id \(id) NOT NULL REFERENCES services (id), organization_id \(id) NOT NULL,
                school_id \(id) NOT NULL, barrier TEXT NOT NULL, state TEXT NOT NULL, version BIGINT NOT NULL,
                previous_referral_id \(id) REFERENCES referrals (id), note TEXT, created_by \(id) NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, sent_at BIGINT)
            """,
            "CREATE INDEX referrals_organization_state ON referrals (organization_id, state, id)",
            "CREATE INDEX referrals_school_state ON referrals (school_id, state, id)",
            "CREATE INDEX referrals_student ON referrals (student_id)",
            "CREATE INDEX referrals_state ON referrals (state, id)",
            """
            CREATE TABLE referral_events (
                referral_id \(id) NOT NULL REFERENCES referrals (id), sequence BIGINT NOT NULL, action TEXT NOT NULL,
                from_state TEXT NOT NULL, to_state TEXT NOT NULL, actor_id \(id) NOT NULL, role TEXT NOT NULL,
                at BIGINT NOT NULL, reason TEXT, intake_date TEXT, first_service_date TEXT, confirmed_by TEXT, note TEXT,
                PRIMARY KEY (referral_id, sequence))
            """,
            """
            CREATE TABLE idempotency_keys (
                user_id \(id) NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status BIGINT NOT NULL,
                body TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (user_id, key))
            """,
            """
            CREATE TABLE audit_log (
                seq \(backend.serialPrimaryKey), at BIGINT NOT NULL, actor_id TEXT NOT NULL, role TEXT NOT NULL,
                action TEXT NOT NULL, student_id TEXT, referral_id TEXT, organization_id TEXT, detail TEXT NOT NULL)
            """,
            "CREATE INDEX audit_log_student ON audit_log (student_id, seq)",
            "CREATE TABLE district_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ]
    }
}

extension Migrations {
    /// What district reports group and time by, cached on the referral row in the same transaction
    /// as the event that sets it, so a report over a million referrals is one scan without joins
    /// on events; and student groups as rows so reports can group by them.
    static let referralFacts = Migration(version: 4, name: "referral_facts") { backend in
        let id = backend.idType
        return [
            "ALTER TABLE referrals ADD COLUMN tier BIGINT",
            "ALTER TABLE referrals ADD COLUMN first_response_at BIGINT",
            "ALTER TABLE referrals ADD COLUMN connected_at BIGINT",
            "ALTER TABLE referrals ADD COLUMN first_service_date TEXT",
            "ALTER TABLE referrals ADD COLUMN decline_reason TEXT",
            "CREATE INDEX referrals_sent ON referrals (sent_at)",
            "CREATE TABLE student_groups (student_id \(id) NOT NULL REFERENCES students (id), group_name TEXT NOT NULL, PRIMARY KEY (student_id, group_name))",
            "CREATE INDEX student_groups_group ON student_groups (group_name, student_id)",
        ]
    }
}

extension Migrations {
    /// Signed-in browser sessions for the web pages. Only the SHA-256 of the session token is kept,
    /// like API tokens, so a copy of the database does not let anyone sign in; the CSRF token is
    /// per session and only useful together with the cookie.
    static let webSessions = Migration(version: 6, name: "web_sessions") { backend in
        let id = backend.idType
        return [
            """
            CREATE TABLE web_sessions (
                token_hash TEXT PRIMARY KEY, user_id \(id) NOT NULL REFERENCES users (id), csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX web_sessions_expires ON web_sessions (expires_at)",
        ]
    }
}

extension Database {
    /// Every schema version this build knows, ascending.
    public static let schemaVersions = Migrations.all.map(\.version)

    /// Applies every migration not yet recorded, each in its own transaction. Safe to run twice,
    /// and on PostgreSQL safe for two instances starting at once (an advisory lock serialises them).
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await migrate(through: Int.max)
    }

    /// `migrate()` up to and including `version`: tests build a store of an older schema with it.
    ///
    /// On SQLite the migrations run on a connection of their own, closed afterwards. Each SQLite
    /// connection caches the schema, and SQLiteNIO reads a statement's columns before its first step,
    /// when the cache is refreshed: a pooled connection that had read the schema before a migration
    /// rebuilt a table would describe the first `SELECT *` of that table with the old columns.
    /// Callers migrate right after opening, so the pool's connections open on the new schema.
    @discardableResult
    func migrate(through version: Int) async throws -> [Int] {
        guard let openUnpooledConnection else {
            return try await applyMigrations(through: version, on: sql) { migration, body in try await self.transaction(body) }
        }
        let connection = try await openUnpooledConnection()
        let session = SQLiteSession(connection: connection)
        do {
            let applied = try await applyMigrations(through: version, on: session) { migration, body in
                try await self.sqliteTransaction(on: session, foreignKeysOff: migration.rebuildsTables, body)
            }
            try await connection.close().get()
            return applied
        } catch {
            try? await connection.close().get()
            throw error
        }
    }

    /// Runs each migration not yet recorded, up to `version`, in its own transaction made by `transaction`.
    private func applyMigrations(
        through version: Int, on db: any SQLDatabase,
        transaction: (Migration, @escaping @Sendable (any SQLDatabase) async throws -> Bool) async throws -> Bool
    ) async throws -> [Int] {
        try await db.raw("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
            """).run()
        var applied: [Int] = []
        for migration in Migrations.all where migration.version <= version {
            let backend = self.backend
            let body: @Sendable (any SQLDatabase) async throws -> Bool = { db in
                if backend == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(7202611)").run()
                }
                let existing = try await db.select().column("version").from("schema_migrations")
                    .where("version", .equal, migration.version).all()
                guard existing.isEmpty else { return false }
                do {
                    for statement in migration.statements(backend) {
                        try await db.raw(SQLQueryString(statement)).run()
                    }
                    try await migration.finish?(db, backend)
                } catch {
                    throw StoreError.migrationFailed(
                        version: migration.version, name: migration.name, reason: String(describing: error))
                }
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Clock.nowSeconds()))
                    .run()
                return true
            }
            if try await transaction(migration, body) { applied.append(migration.version) }
        }
        return applied
    }

    /// The versions recorded in `schema_migrations`, ascending.
    public func appliedMigrations() async throws -> [Int] {
        try await sql.select().column("version").from("schema_migrations").orderBy("version").all()
            .map { try $0.decode(column: "version", as: Int.self) }
    }
}
