/// An `AFTER INSERT … FOR EACH ROW` trigger that runs one statement, written for either engine:
/// SQLite takes the statement inline; PostgreSQL needs it wrapped in a PL/pgSQL function. Used for
/// the facts the store caches on a row (reached flags, referral counts, intake dates), so every
/// writer — the referral store, the demo bulk writer — keeps them in its own statement.
struct RowTrigger {
    let name: String
    let table: String
    /// Condition on `NEW`, or nil to fire on every row.
    let when: String?
    /// One statement, reading the inserted row as `NEW`.
    let statement: String

    func ddl(_ backend: Backend) -> [String] {
        switch backend {
        case .sqlite:
            let condition = when.map { " WHEN \($0)" } ?? ""
            return ["CREATE TRIGGER \(name) AFTER INSERT ON \(table)\(condition) BEGIN \(statement); END"]
        case .postgres:
            let condition = when.map { " WHEN (\($0))" } ?? ""
            return [
                "CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \(statement); RETURN NULL; END $$",
                "CREATE TRIGGER \(name) AFTER INSERT ON \(table) FOR EACH ROW\(condition) EXECUTE FUNCTION \(name)()",
            ]
        }
    }
}
