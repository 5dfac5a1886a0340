import Foundation

/// Nested values (hours, phones, facet lists) are stored as JSON text, identical on both engines.
enum JSONColumn {
    /// One encoder for every write: a new JSONEncoder per column was 4.6 s of a 100k-service import
    /// (encoding keeps no state between calls, so sharing it is safe).
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode<T: Encodable>(_ value: T) -> String {
        // Encoding our own Codable model values cannot fail.
        String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    /// One decoder for every read: building a JSONDecoder per column showed up in request profiles.
    private static let decoder = JSONDecoder()

    static func decode<T: Decodable>(_ type: T.Type, from text: String, column: String) throws -> T {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.integrity("column \(column) holds unreadable JSON: \(error)")
        }
    }
}
