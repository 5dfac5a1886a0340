import PostgresKit
import SQLiteKit

extension StoreError {
    /// What a log line may say about `error`. A PostgreSQL error's reflection carries the query's
    /// binds and the server's detail ("Key (district_student_id)=(…) already exists"), which can
    /// identify a student: only its code, SQLSTATE and the names of the table, column and constraint
    /// are kept. Other errors are described as they are.
    public static func loggable(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            let info = error.serverInfo
            let fields: [(String, String?)] = [
                ("sqlstate", info?[.sqlState]), ("table", info?[.tableName]), ("column", info?[.columnName]),
                ("constraint", info?[.constraintName]),
            ]
            return "PSQLError(code: \(error.code)" + fields.compactMap { name, value in value.map { ", \(name): \($0)" } }.joined() + ")"
        }
        if let error = error as? SQLiteError {
            // SQLite's messages name tables and columns ("UNIQUE constraint failed: students.district_student_id"), not values.
            return "SQLiteError(\(error.reason): \(error.message))"
        }
        return String(reflecting: error)
    }
}
