import Directory
import Foundation

extension Migrations {
    /// The barrier vocabulary Closeloop ships, in every store: a store filled by `closeloop import`
    /// alone maps taxonomy codes and matches without `closeloop seed`. Barriers of the same id are
    /// brought up to the shipped ones (earlier seeds mapped the RM-6500 mental health facility codes
    /// to anxiety and depression, which made every program of such an agency a match); barriers the
    /// store has beyond the vocabulary stay.
    ///
    /// The rows come from `BarrierVocabulary`, which `scripts/generate-seed.py` writes from the table
    /// that also writes `seed/barriers.json`. A later change to the vocabulary needs a migration of its
    /// own (`barrierVocabulary(version:)` again) for stores that have already run this one.
    static let barrierVocabulary = barrierVocabulary(version: 12)

    static func barrierVocabulary(version: Int) -> Migration {
        Migration(version: version, name: "barrier_vocabulary") { _ in
            BarrierVocabulary.barriers.map { barrier in
                let row = BarrierRow(barrier)
                let values = [row.id, row.label, row.description, row.domains, row.intensities, row.taxonomy_prefixes]
                    .map(sqlLiteral).joined(separator: ", ")
                return """
                    INSERT INTO barriers (id, label, description, domains, intensities, taxonomy_prefixes) VALUES (\(values)) \
                    ON CONFLICT (id) DO UPDATE SET label = excluded.label, description = excluded.description, \
                    domains = excluded.domains, intensities = excluded.intensities, taxonomy_prefixes = excluded.taxonomy_prefixes
                    """
            }
        }
    }

    /// A string as an SQL literal for both engines: single quotes doubled (standard SQL; PostgreSQL's
    /// `standard_conforming_strings` is on by default, so a backslash is an ordinary character).
    private static func sqlLiteral(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
