import Logging

extension Database {
    /// The lowest level the database's logger runs at, whatever the server's level.
    ///
    /// SQLKit, SQLiteKit and PostgresNIO write each statement at debug and trace, with its bound
    /// values: student ids, emails, token hashes, notes. No log level may carry those, so the
    /// pools and connections log only from `info` up (connection failures, warnings, security
    /// events), even when the server runs at `trace`.
    public static let lowestLogLevel: Logger.Level = .info

    /// `logger`, raised to `lowestLogLevel` when it is set lower.
    public static func withoutStatementLogs(_ logger: Logger) -> Logger {
        var quiet = logger
        if quiet.logLevel < lowestLogLevel { quiet.logLevel = lowestLogLevel }
        return quiet
    }
}
